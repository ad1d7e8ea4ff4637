"""Who-said-what answers from the statements table: the asked person's own sentence, never another speaker's.

The person is found among the stored speakers by the words of the question that name them (rare words weigh more:
a family name more than «رئیس»), or, when a pronoun is the subject («او درباره ... چه گفت؟»), in the earlier
questions of the conversation. Their statements are then ranked by the rest of the question's words and by meaning;
the answer quotes the best one, cited with its sentence, when the learned gate (`quotes_gate.py`) takes it for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.answer import Citation, Passage
from assistant.answering.base import Draft
from assistant.answering.quotes_gate import QUOTES_GATE_PATH, QuoteEvidence, QuoteGate, load_quote_gate
from assistant.answering.sentence_vectors import SentenceVectors
from assistant.meetings.quoted import QuotedQuestion, content_terms, quoted_question
from assistant.meetings.rank import matches
from assistant.query.prepared import Query
from index.catalog import chunk_holding
from index.embeddings.base import Embedder
from index.meetings.fold import words
from index.meetings.said import (
    SpeakerRecord,
    StatementRecord,
    search_speakers,
    speaker_word_weights,
    speakers_of_articles,
    statements_of,
    unique_word_weight,
)
from index.news_index import NewsIndex


@dataclass(frozen=True)
class QuoteAnswerSettings:
    """How statements are chosen: candidates, the bar for naming a speaker, how candidates are ranked, the learned gate
    that decides whether the best one answers, and the answer's length."""

    candidates: int = 60
    retrieved_articles: int = 8
    embedded: int = 6  # candidates compared in meaning, as the gate was trained
    min_name_share: float = 0.45  # of a word naming one speaker only: a rare name word, or two title words
    name_ratio: float = 0.6  # speakers named at least this share of the best are candidates too
    topic_share: float = 0.5  # what a question word found in the sentence (not naming the speaker) adds
    meaning_weight: float = 6.0  # as in the meetings answerer
    passage_weight: float = 1.0  # a statement in the first retrieved passage (hand-set, below one topic word)
    max_chars: int = 380
    gate_path: Path = field(default=QUOTES_GATE_PATH)

    def __post_init__(self) -> None:
        if not 0 < self.min_name_share <= 1:
            raise ValueError(f"min_name_share must be in (0, 1]. Currently, min_name_share is {self.min_name_share}")
        if self.max_chars < 80:
            raise ValueError(f"max_chars must be at least 80. Currently, max_chars is {self.max_chars}")


@dataclass(frozen=True)
class Named:
    """A speaker and how strongly the question's words name them."""

    speaker: SpeakerRecord
    weight: float
    terms: frozenset[str]


@dataclass(frozen=True)
class Quoted(QuoteEvidence):
    """A candidate statement with what the gate reads of it and its ranking score."""

    statement: StatementRecord
    total: float


class QuoteAnswerer:
    """Answers what a person said from their statements, or declines so that the next answerer runs."""

    name = "quotes"

    def __init__(
        self,
        news_index: NewsIndex,
        embedder: Embedder,
        settings: QuoteAnswerSettings | None = None,
        gate: QuoteGate | None = None,
    ) -> None:
        self.index = news_index
        self.sentence_vectors = SentenceVectors(news_index.vectors, embedder)
        self.settings = settings or QuoteAnswerSettings()
        self._gate = gate

    @property
    def gate(self) -> QuoteGate:
        """The learned gate given, else the one at the settings' path, loaded on first use."""
        return self._gate or load_quote_gate(self.settings.gate_path)

    def answer(self, query: Query, passages: list[Passage]) -> Draft | None:
        """A quote of the asked person's statement, or None (not such a question, nobody named, the best statement not
        in the first article, or, for a question that names the person, the gate does not take it for an answer:
        another topic, a person named in passing)."""
        asked = quoted_question(query.text)
        ranked = self.ranked(asked, query, passages) if asked is not None else []
        if not ranked:
            return None
        # «او درباره ... چه گفت؟» is about the conversation's person: their own closest words, never another's (the
        # gate learned from questions that name the person, and its refusal would hand the question to the reader)
        if not asked.pronoun and not self.gate.answers(ranked):
            return None
        return self._compose(ranked[0], passages, asked.persian)

    def ranked(self, asked: QuotedQuestion, query: Query, passages: list[Passage]) -> list[Quoted]:
        """The named speakers' statements, best first; none when the question names nobody, or the best statement is
        not in the article the search puts first (a namesake, «کارل لاری» for «لاریجانی», or a title read as
        another's)."""
        articles = list(dict.fromkeys(p.article_id for p in passages))
        if not articles:
            return []
        named = self._named(asked, articles, query)
        ranked = self._ranked(asked, named, query, passages) if named else []
        return ranked if ranked and ranked[0].statement.article_id == articles[0] else []

    def _weighed(self, terms: tuple[str, ...], speakers: list[SpeakerRecord]) -> list[Named]:
        """The speakers the words name (at least the bar), most strongly named first."""
        db = self.index.manifest.connection
        weights = speaker_word_weights(db, terms)
        bar = self.settings.min_name_share * unique_word_weight(db)
        found = []
        for speaker in speakers:
            have = speaker.words
            hit = frozenset(t for t in weights if matches(t, have))
            weight = sum(weights[t] for t in hit)
            if weight >= bar:
                found.append(Named(speaker, weight, hit))
        found.sort(key=lambda n: n.weight, reverse=True)
        return [n for n in found if n.weight >= self.settings.name_ratio * found[0].weight]

    def _named(self, asked: QuotedQuestion, articles: list[str], query: Query) -> list[Named]:
        """The speakers the question is about: named in it, or, for a pronoun, named in the earlier questions."""
        db = self.index.manifest.connection
        if asked.pronoun:
            for earlier in reversed(query.context):
                terms = content_terms(earlier)
                found = self._weighed(terms, search_speakers(db, terms, self.settings.candidates))
                if found:
                    return [Named(n.speaker, n.weight, frozenset()) for n in found]
        known = search_speakers(db, asked.terms, self.settings.candidates)
        seen = {s.id for s in known}
        retrieved = speakers_of_articles(db, articles[: self.settings.retrieved_articles])
        return self._weighed(asked.terms, [*known, *(s for s in retrieved if s.id not in seen)])

    def _ranked(self, asked: QuotedQuestion, named: list[Named], query: Query, passages: list[Passage]) -> list[Quoted]:
        """Statements of the named speakers, scored by the topic words they hold, their article's rank, the rank of
        the retrieved passage holding them, and their meaning."""
        articles = list(dict.fromkeys(p.article_id for p in passages))
        db = self.index.manifest.connection
        by_id = {n.speaker.id: n for n in named}
        statements = statements_of(db, [n.speaker for n in named])
        weights = speaker_word_weights(db, asked.terms)
        unique = unique_word_weight(db)
        order = {a: n for n, a in enumerate(articles)}
        held = [(p.article_id, p.start, p.end) for p in passages]
        rough = []
        for statement in statements:
            who = by_id[statement.speaker.id]
            have = set(words(f"{statement.sentence} {statement.title}"))
            asked_about = {t: w for t, w in weights.items() if t not in who.terms}
            topic = sum(w for t, w in asked_about.items() if matches(t, have))
            lacking = max((w for t, w in asked_about.items() if not matches(t, have)), default=0.0)
            about = sum(asked_about.values()) or 1.0
            rank = order.get(statement.article_id)
            bonus = 2.0 / (rank + 1) if rank is not None else 0.0
            inside = next(
                (n for n, (a, b, e) in enumerate(held) if a == statement.article_id and b <= statement.start < e), None
            )
            bonus += self.settings.passage_weight / (inside + 1) if inside is not None else 0.0
            total = who.weight + self.settings.topic_share * topic + bonus
            rough.append(Quoted(who.weight / unique, topic / about, lacking / about, 0.0, inside, statement, total))
        rough.sort(key=lambda q: q.total, reverse=True)
        rough = rough[: self.settings.embedded]
        if not rough:
            return []
        vectors = self.sentence_vectors.of_article_sentences(
            db, [(q.statement.article_id, q.statement.start, q.statement.end, q.statement.sentence) for q in rough]
        )
        similarities = vectors @ query.vector
        scored = [
            replace(q, similarity=float(s), total=q.total + self.settings.meaning_weight * float(s))
            for q, s in zip(rough, similarities, strict=True)
        ]
        return sorted(scored, key=lambda q: q.total, reverse=True)

    def _compose(self, best: Quoted, passages: list[Passage], persian: bool) -> Draft:
        """The answer: who said it and their sentence, cited; the passage holding it shown first."""
        statement = best.statement
        quote = statement.sentence.strip()
        if len(quote) > self.settings.max_chars:
            quote = quote[: self.settings.max_chars - 1].rstrip() + "…"
        speaker = statement.speaker.label
        text = f"{speaker}: «{quote}» [1]" if persian else f'{speaker}: "{quote}" [1]'
        chunk_id = chunk_holding(self.index.manifest.connection, statement.article_id, statement.start, statement.end)
        record = self.index.manifest.records([chunk_id]).get(chunk_id) if chunk_id else None
        passage = Passage.from_record(record, 1.0) if record else None
        citation = Citation(
            1, statement.article_id, chunk_id or "", statement.title, statement.source, statement.published,
            statement.url, statement.sentence, statement.start, statement.end,
        )  # fmt: skip
        shown = [passage] if passage else []
        shown += [p for p in passages if passage is None or p.chunk_id != passage.chunk_id]
        return Draft(text, [citation], shown, self.name)
