"""Persian normalization: one form for indexed text and for questions, so they meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DECIMAL_POINT = re.compile(r"(?<=[0-9۰-۹٠-٩])\.(?=[0-9۰-۹٠-٩])")
_PERSIAN_DECIMAL = "٫"
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Hamza seats are spelled both ways (رأی/رای, مسئله/مسیله, مؤسسه/موسسه): one form, so that either spelling meets.
_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "ٱ": "ا", "أ": "ا", "إ": "ا", "ؤ": "و", "ئ": "ی",
     _PERSIAN_DECIMAL: "."}
)  # fmt: skip
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670\u0640]")


@lru_cache(maxsize=1)
def _shekar_normalizer():
    """The shekar normalizer, built once on first use."""
    from shekar import Normalizer

    return Normalizer()


def normalize(text: str) -> str:
    """Fold spellings (ي/ك, ۀ/ة, hamza seats, decomposed آ, diacritics, spacing, half-spaces, digits) onto one form."""
    if not text:
        return ""
    # composed first: a decomposed madda or hamza (ا + U+0653) would otherwise be stripped below as a diacritic
    protected = _DECIMAL_POINT.sub(_PERSIAN_DECIMAL, unicodedata.normalize("NFC", text))
    folded = _shekar_normalizer()(protected)
    folded = _DIACRITICS.sub("", folded)
    return fold_letters(folded)


def fold_letters(text: str) -> str:
    """Only the letter and digit folding of `normalize`, for word lists already in standard spelling."""
    return text.translate(_LETTERS).translate(_DIGITS)
