"""A length-preserving fold of Persian text, so that patterns matched on it give spans of the original."""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "\u200c": " ",
        "\u200f": " ",
        "\u200e": " ",
        "\u00a0": " ",
        **{digit: str(n % 10) for n, digit in enumerate("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")},
    }
)
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


def fold(text: str) -> str:
    """Letter variants, digits and half-spaces folded one character for one character (same length)."""
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded, lower-cased words of a text."""
    return _WORD.findall(_MARKS.sub("", fold(text)).lower())


def key_of(text: str) -> str:
    """Words joined by single spaces: the comparable form of a name or title."""
    return " ".join(words(text))
