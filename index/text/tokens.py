"""Word tokens for lexical search and overlap scoring, on normalized text."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ZWNJ = "\u200c"


def words(normalized_text: str) -> list[str]:
    """Lower-cased words of normalized text; a half-space separates words like a space does."""
    return _WORD.findall(normalized_text.replace(_ZWNJ, " ").lower())
