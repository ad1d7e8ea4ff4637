"""Search filters (the store's `SearchFilters`, which each store translates) and the form fields that build them."""

from __future__ import annotations

from datetime import date

from index.store.filters import SearchFilters

__all__ = ["SearchFilters", "form_day"]


def form_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD form value as a date (blank is none); ValueError naming the field otherwise."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: not a date (YYYY-MM-DD): {value!r}") from None
