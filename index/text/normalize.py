"""Persian normalization: one form for indexed text and for questions, so they meet."""

from __future__ import annotations

import re
from functools import lru_cache

_DECIMAL_POINT = re.compile(r"(?<=[0-9۰-۹٠-٩])\.(?=[0-9۰-۹٠-٩])")
_PERSIAN_DECIMAL = "٫"
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "ٱ": "ا", _PERSIAN_DECIMAL: "."})
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


@lru_cache(maxsize=1)
def _shekar_normalizer():
    """The shekar normalizer, built once on first use."""
    from shekar import Normalizer

    return Normalizer()


def normalize(text: str) -> str:
    """Fold spellings (ي/ك, ۀ/ة, diacritics, spacing and half-spaces, digits) onto one modern form."""
    if not text:
        return ""
    protected = _DECIMAL_POINT.sub(_PERSIAN_DECIMAL, text)
    folded = _shekar_normalizer()(protected)
    folded = _DIACRITICS.sub("", folded)
    return folded.translate(_LETTERS).translate(_DIGITS)
