"""Whitespace cleanup, titles derived from text, and the size check every article text goes through."""

from __future__ import annotations

import re

from index.loaders.errors import LoaderError

MAX_ARTICLE_CHARS = 1_000_000
"""The longest article text accepted, in characters."""

TITLE_CHARS = 120
"""The longest title derived from text, in characters (cut at a word boundary)."""

_SENTENCE_END = re.compile(r"[.!?؟…](?=\s|$)")


def clean_text(text: str) -> str:
    """Line endings normalized, trailing spaces stripped, runs of blank lines made one; letters never touched."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """`text` on one line, cut at the last word boundary before `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ،,;:") + "…"


def derive_title(text: str) -> str:
    """A title for text that has none: its first line when it has several lines, else its first sentence."""
    text = text.strip()
    first, _, rest = text.partition("\n")
    if not rest.strip():
        end = _SENTENCE_END.search(first)
        first = first[: end.end()] if end else first
    return shorten(first)


def checked_text(text: str, origin: str, *, line: int | None = None, field: str | None = None) -> str:
    """The cleaned text of one article; LoaderError naming the record when it is empty or too long."""
    text = clean_text(text)
    if not text.strip():
        raise LoaderError(origin, "empty text", line=line, field=field)
    if len(text) > MAX_ARTICLE_CHARS:
        raise LoaderError(
            origin, f"text of {len(text)} characters, over the limit of {MAX_ARTICLE_CHARS}", line=line, field=field
        )
    return text
