"""What a question asks about: its content terms, their IDF weights, and the rare ones it hinges on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from index.store.lexical import LexicalIndex
from index.text.normalize import fold_letters
from index.text.tokens import terms, words_with_half_spaces

_VERB_PREFIXES = ("می\u200c", "نمی\u200c")

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
    """The content terms of a question with IDF weights; `distinctive` are the rare ones."""

    weights: dict[str, float]
    distinctive: frozenset[str]

    def coverage(self, text_terms: set[str]) -> float:
        """IDF-weighted share of the question's terms that the text holds."""
        total = sum(self.weights.values())
        return sum(w for t, w in self.weights.items() if matches(t, text_terms)) / total if total else 0.0

    def novelty(self, text_content: frozenset[str]) -> int:
        """How many of a text's content terms (`content_terms`) the question does not hold: what a sentence adds."""
        asked = set(self.weights)
        return sum(1 for term in text_content if not matches(term, asked))

    def distinctive_share(self, text_terms: set[str]) -> float:
        """IDF-weighted share of the question's rare terms that the text holds (1 when it has none)."""
        total = sum(self.weights[t] for t in self.distinctive)
        held = sum(self.weights[t] for t in self.distinctive if matches(t, text_terms))
        return held / total if total else 1.0


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    """Every conjugated form of the Persian verbs shekar knows (آورد, می‌گوید, ببرید ...), letters folded."""
    from shekar.morphology.conjugator import get_conjugated_verbs

    return frozenset(fold_letters(form) for form in get_conjugated_verbs())


def is_verb(word: str) -> bool:
    """A normalized word is a conjugated verb: a question's verb is paraphrased freely, so it never decides."""
    return word.startswith(_VERB_PREFIXES) or word in _verb_forms()


def content_terms(normalized_text: str) -> frozenset[str]:
    """The terms of a text's words that carry its content: interrogatives, function words and verbs aside."""
    content = [w for w in words_with_half_spaces(normalized_text) if w not in QUESTION_WORDS and not is_verb(w)]
    return frozenset(terms(" ".join(content)))


def matches(term: str, text_terms: set[str]) -> bool:
    """A question term appears in the text, allowing Persian suffixes on longer terms."""
    if term in text_terms:
        return True
    return len(term) >= 4 and any(t.startswith(term) or (len(t) >= 4 and term.startswith(t)) for t in text_terms)


def question_terms(normalized_question: str, lexical: LexicalIndex, rare_share: float) -> QuestionTerms:
    """The question's content terms, weighted by IDF; rare terms (in at most `rare_share` of chunks) that are
    not verbs are distinctive: a passage without them is about something else."""
    content = [w for w in words_with_half_spaces(normalized_question) if w not in QUESTION_WORDS]
    asked = [t for t in dict.fromkeys(terms(" ".join(content))) if t not in QUESTION_WORDS]
    nominal = {t for w in content if not is_verb(w) for t in terms(w)}
    rare = lexical.rare_terms([t for t in asked if t in nominal], rare_share)
    return QuestionTerms(lexical.idf(asked), frozenset(rare))
