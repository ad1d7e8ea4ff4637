"""Search filters: agency, category and publication date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from index.dates import DateError, parse_day


@dataclass(frozen=True)
class SearchFilters:
    """Restricts a search to one agency, one category and a date range (inclusive)."""

    source: str | None = None
    category: str | None = None
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) must not be after until ({self.until}).")

    @property
    def empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.source or self.category or self.since or self.until)

    def chroma_where(self) -> dict[str, Any] | None:
        """The filter as a Chroma metadata `where` clause."""
        clauses: list[dict[str, Any]] = []
        if self.source:
            clauses.append({"source": self.source})
        if self.category:
            clauses.append({"category": self.category})
        if self.since:
            clauses.append({"published_day": {"$gte": int(self.since.strftime("%Y%m%d"))}})
        if self.until:
            clauses.append({"published_day": {"$lte": int(self.until.strftime("%Y%m%d"))}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def form_day(value: str | None, name: str) -> date | None:
    """A form's date in either calendar (1400-02-25, ۱۴۰۰/۰۲/۲۵, 2021-05-15; blank is none); ValueError naming the
    field otherwise."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return parse_day(value)
    except DateError as error:
        raise ValueError(f"{name}: {error}") from None
