"""Extractive answers: the sentences of the retrieved passages that answer the question, cited."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answer import Citation, Passage
from assistant.retrieval import Query
from index.embeddings.base import Embedder
from index.store.lexical import LexicalIndex
from index.text.normalize import normalize
from index.text.sentences import split_sentences
from index.text.spans import Span
from index.text.tokens import words

# Interrogatives and function words that say what is asked, not what the answer is about.
QUESTION_WORDS = frozenset(
    [
        "چه",
        "چی",
        "چیست",
        "کیست",
        "کی",
        "کجا",
        "کجاست",
        "کدام",
        "چرا",
        "چگونه",
        "چطور",
        "چند",
        "چقدر",
        "آیا",
        "کسی",
        "کسانی",
        "را",
        "با",
        "در",
        "از",
        "به",
        "که",
        "و",
        "یا",
        "این",
        "آن",
        "است",
        "بود",
        "شد",
        "کرد",
        "کرده",
        "گفت",
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "when",
        "where",
        "why",
        "how",
        "did",
        "does",
        "do",
        "is",
        "are",
        "was",
        "were",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "with",
        "and",
        "or",
        "for",
        "about",
    ]
)
_CLAUSE_BREAK = re.compile(r"[،,؛;:]\s*")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


@dataclass(frozen=True)
class AnswerSettings:
    """How an extractive answer is chosen: passages read, length, weights and the not-found bars."""

    passages_read: int = 4
    passages_embedded: int = 2
    max_chars: int = 400
    long_sentence_chars: int = 300
    min_coverage: float = 0.5
    min_similarity: float = 0.86
    min_similarity_cross_lingual: float = 0.78
    second_sentence_ratio: float = 0.9

    def __post_init__(self) -> None:
        if self.passages_read <= 0:
            raise ValueError(f"passages_read must be greater than 0. Currently, passages_read is {self.passages_read}")
        if self.max_chars < 80:
            raise ValueError(f"max_chars must be at least 80. Currently, max_chars is {self.max_chars}")


@dataclass(frozen=True)
class Candidate:
    """A sentence (or clause window) of a passage, scored against the question."""

    passage: Passage
    span: Span
    text: str
    normalized: str
    coverage: float
    similarity: float = 0.0
    score: float = 0.0


@dataclass(frozen=True)
class Extract:
    """The chosen sentences, the citations they carry, and whether they answer the question."""

    text: str
    found: bool
    citations: list[Citation]


def _matches(token: str, sentence_tokens: set[str]) -> bool:
    """A question word appears in the sentence, allowing Persian suffixes on longer words."""
    if token in sentence_tokens:
        return True
    return len(token) >= 4 and any(
        w.startswith(token) or (len(w) >= 4 and token.startswith(w)) for w in sentence_tokens
    )


class ExtractiveAnswerer:
    """Picks answer sentences by IDF-weighted question-word coverage, or by meaning when words do not meet."""

    def __init__(self, embedder: Embedder, lexical: LexicalIndex, settings: AnswerSettings | None = None) -> None:
        self.embedder = embedder
        self.lexical = lexical
        self.settings = settings or AnswerSettings()

    def candidates(self, query: Query, passages: list[Passage]) -> list[Candidate]:
        """Sentences of the passages read, best first: by word coverage, else by embedding similarity."""
        asked = [t for t in dict.fromkeys(words(query.normalized)) if t not in QUESTION_WORDS]
        weights = self.lexical.idf(asked)
        total = sum(weights.values()) or 1.0
        found: list[Candidate] = []
        for rank, passage in enumerate(passages[: self.settings.passages_read]):
            for sentence in split_sentences(passage.text):
                text = sentence.of(passage.text)
                normalized = normalize(text)
                tokens = set(words(normalized))
                coverage = sum(w for t, w in weights.items() if _matches(t, tokens)) / total
                span = Span(passage.start + sentence.start, passage.start + sentence.end)
                found.append(Candidate(passage, span, text, normalized, coverage, score=coverage - 0.02 * rank))
        if not found:
            return []
        found.sort(key=lambda c: c.score, reverse=True)
        if found[0].coverage >= self.settings.min_coverage:
            return found
        return self._by_meaning(query, passages, found)

    def _by_meaning(self, query: Query, passages: list[Passage], found: list[Candidate]) -> list[Candidate]:
        """Rank the sentences of the top passages by embedding similarity (cross-lingual and paraphrased questions)."""
        top = {p.chunk_id for p in passages[: self.settings.passages_embedded]}
        pool = [c for c in found if c.passage.chunk_id in top]
        similarities = self.embedder.encode_documents([c.normalized for c in pool]) @ query.vector
        scored = [
            replace(c, similarity=float(s), score=float(s) + 0.3 * c.coverage)
            for c, s in zip(pool, similarities, strict=True)
        ]
        return sorted(scored, key=lambda c: c.score, reverse=True)

    def answers(self, query: Query, best: Candidate) -> bool:
        """True when the best sentence is relevant enough to answer rather than refuse."""
        if best.coverage >= self.settings.min_coverage:
            return True
        cross_lingual = bool(_ARABIC_SCRIPT.search(best.text)) != bool(_ARABIC_SCRIPT.search(query.text))
        bar = self.settings.min_similarity_cross_lingual if cross_lingual else self.settings.min_similarity
        return best.similarity >= bar

    def extract(self, query: Query, passages: list[Passage]) -> Extract:
        """The answer sentences with inline markers [n], or found=False when nothing answers."""
        ranked = self.candidates(query, passages)
        if not ranked or not self.answers(query, ranked[0]):
            return Extract("", False, [])
        chosen = [self._trim(query, ranked[0])]
        room = self.settings.max_chars - len(chosen[0].text)
        for candidate in ranked[1:4]:
            if candidate.score < self.settings.second_sentence_ratio * ranked[0].score:
                break
            if candidate.span != ranked[0].span and len(candidate.text) + 5 <= room:
                chosen.append(candidate)
                break
        return self._compose(chosen)

    def _trim(self, query: Query, candidate: Candidate) -> Candidate:
        """A long sentence cut down to the clauses that hold the most question words."""
        if len(candidate.text) <= self.settings.long_sentence_chars:
            return candidate
        clauses, start = [], 0
        for match in _CLAUSE_BREAK.finditer(candidate.text):
            clauses.append(Span(start, match.end()))
            start = match.end()
        clauses.append(Span(start, len(candidate.text)))
        asked = {t for t in words(query.normalized) if t not in QUESTION_WORDS}
        best, best_hits = Span(0, self.settings.long_sentence_chars), -1
        for first in range(len(clauses)):
            for last in range(first, len(clauses)):
                window = Span(clauses[first].start, clauses[last].end)
                if window.end - window.start > self.settings.long_sentence_chars:
                    break
                hits = sum(1 for t in asked if _matches(t, set(words(normalize(window.of(candidate.text))))))
                if hits > best_hits:
                    best, best_hits = window, hits
        raw = best.of(candidate.text)
        text = raw.strip().rstrip("،,؛;:").strip()
        offset = candidate.span.start + best.start + (len(raw) - len(raw.lstrip()))
        return replace(candidate, span=Span(offset, offset + len(text)), text=text)

    def _compose(self, chosen: list[Candidate]) -> Extract:
        """Join the chosen sentences with one marker per cited article."""
        numbers: dict[str, int] = {}
        parts, citations = [], []
        for candidate in chosen:
            passage = candidate.passage
            n = numbers.setdefault(passage.article_id, len(numbers) + 1)
            parts.append(f"{candidate.text} [{n}]")
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
        return Extract(" ".join(parts), True, citations)
