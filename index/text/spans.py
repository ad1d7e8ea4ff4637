"""A character span of an article's text."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """Half-open character range [start, end) of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The slice of the text this span covers."""
        return text[self.start : self.end]
