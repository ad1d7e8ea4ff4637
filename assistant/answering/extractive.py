"""Extractive answers: the sentences of the retrieved passages that answer the question, cited."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.answer import Citation, Passage
from assistant.answering.base import Draft
from assistant.answering.trim import best_window
from assistant.display import display_form
from assistant.query.prepared import Query
from assistant.query.terms import QuestionTerms, content_terms, question_terms
from index.embeddings.base import Embedder
from index.store.lexical import LexicalIndex
from index.text.normalize import normalize
from index.text.sentences import split_sentences
from index.text.spans import Span
from index.text.tokens import ARABIC_SCRIPT, terms


@dataclass(frozen=True)
class AnswerSettings:
    """How an extractive answer is chosen: passages read, length, and the bars below which it refuses."""

    passages_read: int = 4
    passages_embedded: int = 2
    max_chars: int = 400
    long_sentence_chars: int = 300
    min_sentence_chars: int = 15
    min_coverage: float = 0.5
    sure_coverage: float = 0.75
    rare_share: float = 0.01
    min_distinctive_share: float = 0.7
    min_similarity: float = 0.86
    min_passage_similarity: float = 0.87
    min_similarity_cross_lingual: float = 0.78
    second_sentence_ratio: float = 0.9
    min_novelty: int = 3
    rank_penalty: float = 0.05
    headline_weight: float = 0.5

    def __post_init__(self) -> None:
        if self.passages_read <= 0:
            raise ValueError(f"passages_read must be greater than 0. Currently, passages_read is {self.passages_read}")
        if self.max_chars < 2 * self.long_sentence_chars // 3:
            raise ValueError(
                f"max_chars must be at least {2 * self.long_sentence_chars // 3}. Currently, {self.max_chars}"
            )


@dataclass(frozen=True)
class Candidate:
    """A sentence of a passage, scored against the question."""

    passage: Passage
    span: Span
    text: str
    normalized: str
    coverage: float
    complete: bool
    novelty: int
    similarity: float = 0.0
    score: float = 0.0


@dataclass(frozen=True)
class _Sentence:
    """A sentence of a passage: its span in the passage, text, normalized form, search terms and content terms."""

    span: Span
    text: str
    normalized: str
    terms: frozenset[str]
    content: frozenset[str]


@lru_cache(maxsize=8192)
def _sentences(passage_text: str) -> tuple[_Sentence, ...]:
    """The sentences of a passage, normalized once per passage text (popular passages answer many questions)."""
    found = []
    for span in split_sentences(passage_text):
        text = span.of(passage_text)
        normalized = normalize(text)
        found.append(_Sentence(span, text, normalized, frozenset(terms(normalized)), content_terms(normalized)))
    return tuple(found)


@lru_cache(maxsize=8192)
def _title_terms(title: str) -> frozenset[str]:
    """The search terms of a headline."""
    return frozenset(terms(normalize(title)))


class ExtractiveAnswerer:
    """Picks answer sentences by IDF-weighted coverage of the question, or by meaning when words do not meet."""

    def __init__(self, embedder: Embedder, lexical: LexicalIndex, settings: AnswerSettings | None = None) -> None:
        self.embedder = embedder
        self.lexical = lexical
        self.settings = settings or AnswerSettings()

    name = "extractive"

    def answer(self, query: Query, passages: list[Passage]) -> Draft | None:
        """The answer sentences with inline markers [n], or None when nothing answers."""
        question = question_terms(query.normalized, self.lexical, self.settings.rare_share)
        ranked = self._by_words(question, passages)
        if ranked and not self._cross_lingual(query, ranked[0]):
            # a passage without the question's rare terms is off-topic, unless a sentence holds nearly all its words
            ranked = [c for c in ranked if c.complete or c.coverage >= self.settings.sure_coverage]
        if not ranked or self._unlike_question(query, ranked[0]):
            return None
        if ranked[0].coverage < self.settings.min_coverage:
            ranked = self._by_meaning(query, passages, ranked)
            if not self._similar_enough(query, ranked[0]):
                return None
        return self._compose(self._choose(question, ranked), passages)

    def _by_words(self, question: QuestionTerms, passages: list[Passage]) -> list[Candidate]:
        """Sentences of the passages read, by question coverage; a sentence is complete when its passage holds
        most (by IDF weight) of the question's rare terms."""
        found: list[Candidate] = []
        for rank, passage in enumerate(passages[: self.settings.passages_read]):
            sentences = _sentences(passage.text)
            title_terms = _title_terms(passage.title)
            passage_terms = title_terms.union(*(sentence.terms for sentence in sentences))
            complete = question.distinctive_share(passage_terms) >= self.settings.min_distinctive_share
            for sentence in sentences:
                if len(sentence.text) < self.settings.min_sentence_chars:
                    continue
                coverage = question.coverage(sentence.terms)
                span = Span(passage.start + sentence.span.start, passage.start + sentence.span.end)
                in_context = question.coverage(sentence.terms | title_terms)  # a sentence is read under its headline
                score = (
                    coverage
                    + self.settings.headline_weight * (in_context - coverage)
                    - self.settings.rank_penalty * rank
                )
                novelty = question.novelty(sentence.content)
                found.append(
                    Candidate(
                        passage, span, sentence.text, sentence.normalized, coverage, complete, novelty, score=score
                    )
                )
        return sorted(found, key=lambda c: c.score, reverse=True)

    def _by_meaning(self, query: Query, passages: list[Passage], found: list[Candidate]) -> list[Candidate]:
        """The sentences of the top passages by embedding similarity (cross-lingual and paraphrased questions)."""
        top = [p.chunk_id for p in passages if any(c.passage.chunk_id == p.chunk_id for c in found)]
        top = set(top[: self.settings.passages_embedded])
        pool = [c for c in found if c.passage.chunk_id in top]
        similarities = self.embedder.encode_documents([c.normalized for c in pool]) @ query.vector
        scored = [
            replace(c, similarity=float(s), score=float(s) + 0.3 * c.coverage)
            for c, s in zip(pool, similarities, strict=True)
        ]
        return sorted(scored, key=lambda c: c.score, reverse=True)

    def _unlike_question(self, query: Query, best: Candidate) -> bool:
        """The best sentence neither holds nearly all the question's words nor sits in a passage close to it in
        meaning: news on the same subject that does not answer (same-language questions; e5 similarities)."""
        similarity = best.passage.similarity
        return (
            not self._cross_lingual(query, best)
            and best.coverage < self.settings.sure_coverage
            and similarity is not None
            and similarity < self.settings.min_passage_similarity
        )

    @staticmethod
    def _cross_lingual(query: Query, candidate: Candidate) -> bool:
        """True when the question and the sentence are in different scripts (English over Persian news)."""
        return bool(ARABIC_SCRIPT.search(candidate.text)) != bool(ARABIC_SCRIPT.search(query.text))

    def _similar_enough(self, query: Query, best: Candidate) -> bool:
        """The meaning bar: lower across languages, where the model's similarities run lower."""
        cross = self._cross_lingual(query, best)
        bar = self.settings.min_similarity_cross_lingual if cross else self.settings.min_similarity
        return best.similarity >= bar

    def _choose(self, question: QuestionTerms, ranked: list[Candidate]) -> list[Candidate]:
        """The best sentence (trimmed when long), with its neighbour when it only restates the question, else a
        second sentence when one scores nearly as well and fits."""
        best = ranked[0]
        if len(best.text) > self.settings.long_sentence_chars:
            window = best_window(best.text, question, self.settings.long_sentence_chars)
            best = replace(
                best,
                span=Span(best.span.start + window.start, best.span.start + window.end),
                text=window.of(best.text),
            )
        room = self.settings.max_chars - len(best.text)
        if best.novelty < self.settings.min_novelty:
            neighbour = self._neighbour(ranked[0], ranked)
            if neighbour is not None and len(neighbour.text) + 5 <= room:
                return sorted([best, neighbour], key=lambda c: c.span.start)
        for candidate in ranked[1:4]:
            if candidate.score < self.settings.second_sentence_ratio * ranked[0].score:
                break
            if candidate.span != ranked[0].span and len(candidate.text) + 5 <= room:
                return [best, candidate]
        return [best]

    @staticmethod
    def _neighbour(best: Candidate, ranked: list[Candidate]) -> Candidate | None:
        """The sentence after the best one in its passage, or the one before when it is the last."""
        same_passage = sorted(
            (c for c in ranked if c.passage.chunk_id == best.passage.chunk_id), key=lambda c: c.span.start
        )
        position = next(i for i, c in enumerate(same_passage) if c.span == best.span)
        if position + 1 < len(same_passage):
            return same_passage[position + 1]
        return same_passage[position - 1] if position > 0 else None

    def _compose(self, chosen: list[Candidate], passages: list[Passage]) -> Draft:
        """Join the chosen sentences with one marker per cited article."""
        numbers: dict[str, int] = {}
        parts, citations = [], []
        for candidate in chosen:
            passage = candidate.passage
            n = numbers.setdefault(passage.article_id, len(numbers) + 1)
            parts.append(f"{display_form(candidate.text)} [{n}]")
            citations.append(
                Citation(
                    n,
                    passage.article_id,
                    passage.chunk_id,
                    passage.title,
                    passage.source,
                    passage.published,
                    passage.url,
                    candidate.text,
                    candidate.span.start,
                    candidate.span.end,
                )
            )
        return Draft(" ".join(parts), citations, passages, self.name)
