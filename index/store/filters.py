"""Search filters: agency, category and publication date range, translated by each store into its own query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
