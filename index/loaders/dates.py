"""Publication dates: ISO 8601, RFC 2822, YYYY/MM/DD, and Jalali (Persian calendar) dates converted to Gregorian."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

JALALI_YEAR_BELOW = 1700
"""Years below this in a numeric date are Jalali (the Persian calendar is ~621 years behind)."""

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_NUMERIC = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?:[ T][0-9:.,+\-Z ]*)?", re.IGNORECASE)
_NOWRUZ_1399 = date(2020, 3, 20)


def parse_date(value: str) -> date:
    """The calendar date `value` names, as written (no time-zone shift); ValueError when it names none."""
    text = value.strip().translate(_DIGITS)
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        year, month, day = (int(part) for part in numeric.groups())
        return jalali_to_gregorian(year, month, day) if year < JALALI_YEAR_BELOW else date(year, month, day)
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def _leap_years_before(year: int) -> int:
    """How many Jalali years in 1..year-1 are leap years, by the 33-year arithmetic rule."""
    return (8 * year + 21) // 33


def jalali_is_leap(year: int) -> bool:
    """Whether a Jalali year has 366 days (Esfand 30 exists); exact for years 1178-1633."""
    return _leap_years_before(year + 1) - _leap_years_before(year) == 1


def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Jalali date, e.g. 1399/01/01 → 2020-03-20; ValueError for a day that does not exist."""
    if not 1 <= month <= 12:
        raise ValueError(f"Jalali month must be 1-12. Currently, month is {month}")
    month_days = 31 if month <= 6 else 30 if month <= 11 else 30 if jalali_is_leap(year) else 29
    if not 1 <= day <= month_days:
        raise ValueError(f"Jalali {year}/{month:02d} has {month_days} days. Currently, day is {day}")
    years = 365 * (year - 1399) + _leap_years_before(year) - _leap_years_before(1399)
    day_of_year = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return _NOWRUZ_1399 + timedelta(days=years + day_of_year + day - 1)
