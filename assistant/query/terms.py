"""What a question asks about: its content terms and their IDF weights."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from index.text.tokens import terms, words_with_half_spaces

# Interrogatives and function words that say what is asked, not what the answer is about.
QUESTION_WORDS = frozenset(
    (
        "چه چی چیست کیست کی کجا کجاست کدام چرا چگونه چطور چند چندم چندمین چقدر آیا کسی کسانی "
        "را با در از به که و یا این آن است بود شد کرد کرده گفت "
        "what who whom whose which when where why how did does do is are was were the a an of to in on with and or "
        "for about"
    ).split()
)


@dataclass(frozen=True)
class QuestionTerms:
    """The content terms of a question with IDF weights."""

    weights: dict[str, float]

    def coverage(self, text_terms: Collection[str]) -> float:
        """IDF-weighted share of the question's terms that the text holds."""
        total = sum(self.weights.values())
        held = TermLookup(text_terms)
        return sum(w for t, w in self.weights.items() if held.has(t)) / total if total else 0.0

    def novelty(self, text_content: frozenset[str]) -> int:
        """How many of a text's terms the question does not hold: what a sentence adds."""
        asked = TermLookup(self.weights)
        return sum(1 for term in text_content if not asked.has(term))


class TermLookup:
    """A text's terms, read for `matches` many times: the set, and all of them joined for one prefix search."""

    def __init__(self, text_terms: Collection[str]) -> None:
        self.terms = text_terms if isinstance(text_terms, (set, frozenset, dict)) else set(text_terms)
        self._joined = "\n" + "\n".join(text_terms)

    def has(self, term: str) -> bool:
        """The term appears, or (four letters or more) one of the text's terms extends it or is its stem of four
        letters or more: Persian suffixes allowed."""
        if term in self.terms:
            return True
        if len(term) < 4:
            return False
        return f"\n{term}" in self._joined or any(term[:n] in self.terms for n in range(4, len(term)))


def matches(term: str, text_terms: Collection[str]) -> bool:
    """A question term appears in the text, allowing Persian suffixes on longer terms."""
    return TermLookup(text_terms).has(term)


class TermWeights(Protocol):
    """Anything that weighs terms by inverse document frequency (the lexical index, a training corpus)."""

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """The IDF weight of each token."""
        ...


def question_terms(normalized_question: str, weights: TermWeights) -> QuestionTerms:
    """The question's content terms (interrogatives and function words aside), weighted by IDF."""
    content = [w for w in words_with_half_spaces(normalized_question) if w not in QUESTION_WORDS]
    asked = [t for t in dict.fromkeys(terms(" ".join(content))) if t not in QUESTION_WORDS]
    return QuestionTerms(weights.idf(asked))
