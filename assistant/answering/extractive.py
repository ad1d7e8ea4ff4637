"""Extractive answers by the learned reader: the sentences of the retrieved passages it scores as answering,
cited (led by the answer span when the question asks for a number, date, name or place and the span model is
sure), or a refusal when none reaches the calibrated threshold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answer import Citation, Passage
from assistant.answering.background import background_sample
from assistant.answering.base import Draft
from assistant.answering.reader_features import Background, SentenceView, lexical_matrix
from assistant.answering.reader_model import MODEL_PATH, ReaderModel, load_reader_model
from assistant.answering.sentence_vectors import SentenceVectors
from assistant.answering.span_features import SPAN_KINDS, candidates, span_matrix, tokens
from assistant.answering.trim import best_window
from assistant.display import display_form
from assistant.query.clauses import readings
from assistant.query.kinds import question_kinds
from assistant.query.prepared import AskedPart, Query
from assistant.query.terms import QuestionTerms, question_terms
from index.embeddings.base import Embedder
from index.meetings.participants import clean
from index.meetings.said import StatementRecord
from index.store.base import SentenceKey, VectorStore
from index.store.lexical import LexicalIndex
from index.text.normalize import normalize
from index.text.sentences import normalized_sentences, split_sentences
from index.text.spans import Span
from index.text.tokens import ARABIC_SCRIPT, terms


@dataclass(frozen=True)
class AnswerSettings:
    """How the reader answers: passages read (as it was trained), the longest quote, and which model file."""

    passages_read: int = 4  # the reader was trained on the 4 passages nearest a question (training/reader)
    long_sentence_chars: int = 300  # a longer sentence is cut to its best clauses; chosen for a readable quote
    max_chars: int = 400  # the whole answer; score.py's bar for an answer rather than a pasted passage
    min_part_chars: int = 60  # a further article's sentence is not cut shorter than this; chosen for readability
    background_sample: int = 512  # stored vectors a question's background is read on, as the reader was trained
    model_path: Path = field(default=MODEL_PATH)

    def __post_init__(self) -> None:
        if self.passages_read <= 0:
            raise ValueError(f"passages_read must be greater than 0. Currently, passages_read is {self.passages_read}")
        if self.long_sentence_chars <= 0:
            raise ValueError(
                f"long_sentence_chars must be greater than 0. Currently, long_sentence_chars is "
                f"{self.long_sentence_chars}"
            )


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage with its span in the article and the reader's probability."""

    passage: Passage
    span: Span
    text: str
    normalized: str  # `text` normalized, as the reader read it
    probability: float
    answer: Span | None = None  # the answer span inside `text`, when the answer leads with it
    named: tuple[StatementRecord, Passage] | None = None  # where the article names a speaker `text` writes by title

    def shown(self, text: str) -> str:
        """`text` as the answer shows it: led by the speaker as the article writes them by name, when the sentence
        does not write it."""
        return f"{display_form(clean(self.named[0].mention))}: «{text}»" if self.named else text


@dataclass(frozen=True)
class _Sentence:
    """A sentence of a passage: its span in the passage, text, normalized form and search terms."""

    span: Span
    text: str
    normalized: str
    terms: frozenset[str]


@dataclass(frozen=True)
class _Reading:
    """The sentences read for one question: their lexical rows, and the question's background and vector."""

    lexical: np.ndarray
    background: Background
    vector: np.ndarray

    def probabilities(self, reader: ReaderModel, sentence_vectors: np.ndarray) -> np.ndarray:
        """The reader's probability that each sentence (whose e5 vectors are `sentence_vectors`) answers."""
        return reader.probabilities(self.lexical, sentence_vectors @ self.vector, self.background)


@lru_cache(maxsize=8192)
def _sentences(passage_text: str, stored: tuple[str, ...] | None) -> tuple[_Sentence, ...]:
    """The sentences of a passage with their normalized forms as the index stored them (normalized here for an index
    from before that), read once per passage (popular passages answer many questions); their positions are those
    the sentence vectors were stored under at ingest."""
    spans = split_sentences(passage_text)
    forms = stored if stored is not None else normalized_sentences(passage_text)
    return tuple(
        _Sentence(span, span.of(passage_text), normalized, frozenset(terms(normalized)))
        for span, normalized in zip(spans, forms, strict=True)
    )


@lru_cache(maxsize=8192)
def _title_terms(title: str) -> frozenset[str]:
    """The search terms of a headline."""
    return frozenset(terms(normalize(title)))


def _texts(views: list[SentenceView]) -> list[str]:
    """The normalized text of each sentence read (embedded where the store lacks its vector)."""
    return [view.normalized for view in views]


Naming = Callable[[str, int, int], tuple[StatementRecord, Passage] | None]
"""For an article and a sentence span, the statement of the article that writes by name the speaker the sentence
writes by title or pronoun, and the passage holding it (None: no such statement)."""


class ExtractiveAnswerer:
    """Answers with the sentence the learned reader scores highest, when it clears the calibrated threshold."""

    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        lexical: LexicalIndex,
        vectors: VectorStore,
        settings: AnswerSettings | None = None,
        reader: ReaderModel | None = None,
        naming: Naming | None = None,
    ) -> None:
        self._reader = reader
        self.naming = naming
        self.embedder = embedder
        self.lexical = lexical
        self.store = vectors
        self.sentence_vectors = SentenceVectors(vectors, embedder)
        self.settings = settings or AnswerSettings()
        self._sample: tuple[int, np.ndarray] | None = None

    def background(self, query: Query) -> Background:
        """How close the question is to the index at large, on a sample of its vectors read again when the index's
        size changes (the lexical index's count, in this process, instead of a round trip to the store), filled up
        with the reference background where the index is smaller than the sample."""
        count = self.lexical.size
        if self._sample is None or self._sample[0] != count:
            size = self.settings.background_sample
            self._sample = (count, background_sample(self.store.sample(size), size, self.embedder.name))
        sample = self._sample[1]
        return Background.of(sample @ query.vector) if len(sample) else Background(0.0, 1.0)

    @property
    def reader(self) -> ReaderModel:
        """The learned reader given, else the one at the settings' path, loaded on first use."""
        return self._reader or load_reader_model(self.settings.model_path)

    def answer(self, query: Query, passages: list[Passage]) -> Draft | None:
        """The answering sentence of each article the reader vouches for, each with its marker [n], or None when
        no sentence clears the calibrated threshold; a follow-up is read as asked and together with the questions
        before it, and a question asking two things that no one sentence surely answers gets each part answered."""
        question = question_terms(query.normalized, self.lexical)
        reader = self.reader_for(query, passages)
        follow_up = self.reader.follow_up
        if query.together is not None and follow_up is not None and reader is self.reader:
            candidates = self.follow_up_candidates(query, question, query.together, passages)
            as_follow_up = replace(reader, threshold=follow_up.threshold, sure=follow_up.sure)
            return self.compose(query, passages, question, candidates, as_follow_up)
        candidates = self.candidates(query, passages, question)
        # the reader's thresholds are calibrated on whole questions; across languages its threshold (0.002) is too
        # low to vouch for a part of one, so there a two-part question is read whole
        unsure = max((c.probability for c in candidates), default=0.0) < reader.sure
        asked = readings(query.normalized)
        if asked and unsure and reader is self.reader and query.search_part is not None:
            return self.compose_parts([query.search_part(reading) for reading in asked], passages)
        return self.compose(query, passages, question, candidates, reader)

    def compose_parts(self, parts: list[AskedPart], passages: list[Passage]) -> Draft | None:
        """One sentence per question a question asks, each the reader's best over the passages searched for that
        part and past its threshold; a sentence already chosen is not repeated. None when no part is answered."""
        chosen: list[Candidate] = []
        terms_of: list[QuestionTerms] = []
        for part in parts:
            question = question_terms(part.query.normalized, self.lexical)
            found = list(part.passages)
            threshold = self.reader_for(part.query, found).threshold
            fresh = [
                c for c in self.candidates(part.query, found, question)
                if c.probability >= threshold and all(c.span != seen.span for seen in chosen)
            ]  # fmt: skip
            if fresh:
                chosen.append(max(fresh, key=lambda c: c.probability))
                terms_of.append(question)
        if not chosen:
            return None
        room = max(self.settings.min_part_chars, self.settings.max_chars // len(chosen) - 5)
        limit = min(self.settings.long_sentence_chars, room)
        named = map(self._with_speaker, chosen)
        trimmed = [self._trimmed(c, q, limit - len(c.shown(""))) for c, q in zip(named, terms_of, strict=True)]
        shown = {p.chunk_id: p for p in [*passages, *(p for part in parts for p in part.passages)]}
        return self._cited(trimmed, list(shown.values()))

    def compose(
        self,
        query: Query,
        passages: list[Passage],
        question: QuestionTerms,
        candidates: list[Candidate],
        reader: ReaderModel,
    ) -> Draft | None:
        """The answer the reader's thresholds make of scored candidates: refused, one sentence, or several."""
        answering = self.answering(candidates, reader.threshold)
        if not answering:
            return None
        if len(answering) == 1 and answering[0].probability < reader.sure:
            answering += self.runner_up(candidates, answering[0])
        kinds = question_kinds(query.normalized)
        chosen: list[Candidate] = []
        room = self.settings.max_chars
        for candidate in map(self._with_speaker, answering):
            limit = min(self.settings.long_sentence_chars, room) - len(candidate.shown(""))
            if chosen and limit < self.settings.min_part_chars:
                break
            trimmed = self._trimmed(candidate, question, limit)
            chosen.append(trimmed)
            room -= len(trimmed.shown(trimmed.text)) + 5  # the marker and the space
        if len(chosen) == 1 and kinds & SPAN_KINDS:
            chosen = [self._with_answer_span(chosen[0], question, kinds, reader)]
        return self._cited(chosen, passages)

    def reader_for(self, query: Query, passages: list[Passage]) -> ReaderModel:
        """The cross-lingual reader (trained with only numbers and Latin words shared) when the question's script
        is not the top passage's (an English question over Persian news), else the reader."""
        cross = bool(passages) and bool(ARABIC_SCRIPT.search(query.text)) != bool(
            ARABIC_SCRIPT.search(passages[0].text)
        )
        return self.reader.cross_lingual if cross and self.reader.cross_lingual else self.reader

    @staticmethod
    def answering(candidates: list[Candidate], threshold: float) -> list[Candidate]:
        """The best sentence of every article whose probability clears the threshold, the likeliest first: one
        article answers most questions, several answer a question spanning articles."""
        best: dict[str, Candidate] = {}
        for candidate in sorted(candidates, key=lambda c: c.probability, reverse=True):
            if candidate.probability < threshold:
                break
            best.setdefault(candidate.passage.article_id, candidate)
        return list(best.values())

    @staticmethod
    def runner_up(candidates: list[Candidate], best: Candidate) -> list[Candidate]:
        """The sentence the reader scores next after the best one, shown beside it when the reader is not sure
        that the best alone answers."""
        others = [c for c in candidates if c.normalized != best.normalized]  # a story told twice, once
        return [max(others, key=lambda c: c.probability)] if others else []

    def candidates(self, query: Query, passages: list[Passage], question: QuestionTerms) -> list[Candidate]:
        """The sentences of the passages read, each with the reader's probability that it answers."""
        views, where, keys = self._views(passages)
        if not views:
            return []
        reader = self.reader_for(query, passages)
        read = self._read(query, question, views)
        return self._found(where, read.probabilities(reader, self.sentence_vectors.of(keys, _texts(views))))

    def follow_up_candidates(
        self, query: Query, own: QuestionTerms, together: Query, passages: list[Passage]
    ) -> list[Candidate]:
        """The sentences of the passages read for a follow-up, each with the follow-up reading's probability that it
        answers, from the reader's as the follow-up is asked (its terms `own`) and read together with the earlier
        questions."""
        views, where, keys = self._views(passages)
        if not views:
            return []
        reader = self.reader
        assert reader.follow_up is not None
        whole = question_terms(together.normalized, self.lexical)
        asked, both = self._read(query, own, views), self._read(together, whole, views)
        vectors = self.sentence_vectors.of(keys, _texts(views))
        probabilities = reader.follow_up.probabilities(
            asked.probabilities(reader, vectors), both.probabilities(reader, vectors), whole.coverage(set(own.weights))
        )
        return self._found(where, probabilities)

    def _views(
        self, passages: list[Passage]
    ) -> tuple[list[SentenceView], list[tuple[Passage, _Sentence]], list[SentenceKey]]:
        """Every sentence of the passages read as the reader sees it, where it is, and the key of its stored vector."""
        views, where, keys = [], [], []
        for rank, passage in enumerate(passages[: self.settings.passages_read]):
            sentences = _sentences(passage.text, passage.sentences)
            headline = _title_terms(passage.title)
            passage_terms = headline.union(*(s.terms for s in sentences))
            for position, sentence in enumerate(sentences):
                views.append(
                    SentenceView(
                        sentence.text, sentence.normalized, sentence.terms, headline, passage_terms, position,
                        len(sentences), rank, passage.similarity or 0.0,
                    )
                )  # fmt: skip
                where.append((passage, sentence))
                keys.append((passage.chunk_id, position))
        return views, where, keys

    def _read(self, query: Query, question: QuestionTerms, views: list[SentenceView]) -> _Reading:
        """The sentences' lexical rows for one question, with its background and vector."""
        background = self.background(query)
        lexical = lexical_matrix(question, question_kinds(query.normalized), views, background)
        return _Reading(lexical, background, query.vector)

    @staticmethod
    def _found(where: list[tuple[Passage, _Sentence]], probabilities: np.ndarray) -> list[Candidate]:
        """The scored sentences as candidates, placed in their articles."""
        found = []
        for (passage, sentence), probability in zip(where, probabilities, strict=True):
            span = Span(passage.start + sentence.span.start, passage.start + sentence.span.end)
            found.append(Candidate(passage, span, sentence.text, sentence.normalized, float(probability)))
        return found

    @staticmethod
    def _with_answer_span(
        candidate: Candidate, question: QuestionTerms, kinds: frozenset[str], reader: ReaderModel
    ) -> Candidate:
        """The sentence with the span model's best run of words, when its probability clears the span threshold."""
        words = tokens(candidate.text)
        spans = candidates(candidate.text, words)
        if not spans:
            return candidate
        probabilities = reader.span.probabilities(span_matrix(candidate.text, question, kinds, words, spans))
        best = int(np.argmax(probabilities))
        if probabilities[best] < reader.span_threshold:
            return candidate
        return replace(candidate, answer=spans[best].span)

    def _with_speaker(self, candidate: Candidate) -> Candidate:
        """The candidate with the statement of its article that names the speaker it writes by title or pronoun."""
        passage = candidate.passage
        named = self.naming(passage.article_id, candidate.span.start, candidate.span.end) if self.naming else None
        return replace(candidate, named=named) if named else candidate

    @staticmethod
    def _trimmed(candidate: Candidate, question: QuestionTerms, limit: int) -> Candidate:
        """A sentence longer than `limit` cut to the run of clauses that covers the question best, verbatim."""
        if len(candidate.text) <= limit:
            return candidate
        window = best_window(candidate.text, question, limit)
        span = Span(candidate.span.start + window.start, candidate.span.start + window.end)
        text = window.of(candidate.text)
        return replace(candidate, span=span, text=text, normalized=normalize(text))

    def _cited(self, chosen: list[Candidate], passages: list[Passage]) -> Draft:
        """Join the chosen sentences with one marker per cited article; a statement that writes its speaker by title
        or pronoun («نخست وزیر پاکستان اعلام کرد», «وی افزود») is led by the speaker's name, cited with the sentence
        of the same article that writes it."""
        numbers: dict[str, int] = {}
        parts, citations = [], []
        for candidate in chosen:
            passage = candidate.passage
            n = numbers.setdefault(passage.article_id, len(numbers) + 1)
            shown = candidate.shown(
                display_form(candidate.answer.of(candidate.text) if candidate.answer else candidate.text)
            )
            answer = candidate.answer
            answer_start = candidate.span.start + answer.start if answer else None
            answer_end = candidate.span.start + answer.end if answer else None
            citations.append(
                Citation(
                    n, passage.article_id, passage.chunk_id, passage.title, passage.source, passage.published,
                    passage.url, candidate.text, candidate.span.start, candidate.span.end, answer_start, answer_end,
                )
            )  # fmt: skip
            if candidate.named is not None:
                statement, naming = candidate.named
                if all(c.n != n or c.start != statement.start for c in citations):  # the naming sentence cited once
                    citations.append(
                        Citation(
                            n, passage.article_id, naming.chunk_id, passage.title, passage.source, passage.published,
                            passage.url, statement.sentence, statement.start, statement.end,
                        )
                    )  # fmt: skip
                    passages = passages if any(p.chunk_id == naming.chunk_id for p in passages) else [*passages, naming]
            parts.append(f"{shown} [{n}]")
        return Draft(" ".join(parts), citations, passages, self.name)
