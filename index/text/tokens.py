"""Word tokens for overlap scoring, and stemmed search terms for BM25, on normalized text."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ZWNJ = "\u200c"
_WORD_WITH_HALF_SPACES = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*", re.UNICODE)
TERMS_VERSION = "stem+stopwords/v2"
PERSIAN_LETTER = "[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]"  # a regex class: one letter of the Persian script
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
"""Any character of the Arabic block (Persian letters, digits, punctuation): tells Persian text from English."""


def words(normalized_text: str) -> list[str]:
    """Lower-cased words of normalized text; a half-space separates words like a space does."""
    return _WORD.findall(normalized_text.replace(_ZWNJ, " ").lower())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Persian function words (shekar's list) that carry no search meaning."""
    from shekar import data

    return frozenset(data.stopwords)


@lru_cache(maxsize=1)
def _stemmer():
    """shekar's Persian stemmer, built once."""
    from shekar import Stemmer

    return Stemmer()


@lru_cache(maxsize=262_144)
def _stem(word: str) -> tuple[str, ...]:
    """The stem of a word (suffixes such as ها، های، ان removed), split at remaining half-spaces, parts stemmed."""
    stem = _stemmer()(word) or word
    parts = [part for part in stem.split(_ZWNJ) if part]
    if len(parts) == 1:
        return tuple(parts)
    return tuple(_stemmer()(part) or part for part in parts)  # شورای‌عالی → شورا, عالی: as each word alone


def words_with_half_spaces(normalized_text: str) -> list[str]:
    """Lower-cased words, a half-space joining the parts of one word (as in می‌شود, کتاب‌ها)."""
    return _WORD_WITH_HALF_SPACES.findall(normalized_text.lower())


def terms(normalized_text: str) -> list[str]:
    """BM25 terms: words kept whole across half-spaces for stemming, stop words dropped, lower-cased."""
    stop = _stop_words()
    found: list[str] = []
    for word in words_with_half_spaces(normalized_text):
        if word in stop:
            continue
        found.extend(part for part in _stem(word) if part not in stop)
    return found
