"""What a question asks about: its content terms and their IDF weights."""

from __future__ import annotations

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

    def coverage(self, text_terms: set[str]) -> float:
        """IDF-weighted share of the question's terms that the text holds."""
        total = sum(self.weights.values())
        return sum(w for t, w in self.weights.items() if matches(t, text_terms)) / total if total else 0.0

    def novelty(self, text_content: frozenset[str]) -> int:
        """How many of a text's terms the question does not hold: what a sentence adds."""
        asked = set(self.weights)
        return sum(1 for term in text_content if not matches(term, asked))


def matches(term: str, text_terms: set[str]) -> bool:
    """A question term appears in the text, allowing Persian suffixes on longer terms."""
    if term in text_terms:
        return True
    return len(term) >= 4 and any(t.startswith(term) or (len(t) >= 4 and term.startswith(t)) for t in text_terms)


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
