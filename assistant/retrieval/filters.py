"""Search filters (the store's `SearchFilters`, which each store translates) and the form fields that build them."""

from __future__ import annotations

from datetime import date

from index.dates import DateError, parse_day
from index.store.filters import SearchFilters

__all__ = ["SearchFilters", "form_day"]


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
