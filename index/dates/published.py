"""An article's publication date and where it came from: the source's field, else the agency's URL, else a dateline."""

from __future__ import annotations

from datetime import date
from typing import Literal

from index.dates.text import date_from_text
from index.dates.url import date_from_url

DateOrigin = Literal["source", "url", "text", ""]
DATE_ORIGINS: tuple[DateOrigin, ...] = ("source", "url", "text")
"""Where a publication date can come from, most trusted first ("" is undated)."""


def published_date(given: date | None, url: str, text: str) -> tuple[date | None, DateOrigin]:
    """The date and its origin: the source's own field first, then a known agency's URL, then the text's dateline."""
    if given is not None:
        return given, "source"
    if url and (from_url := date_from_url(url)):
        return from_url, "url"
    if from_text := date_from_text(text):
        return from_text, "text"
    return None, ""
