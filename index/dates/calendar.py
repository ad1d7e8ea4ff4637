"""The Jalali (Persian) calendar through `jdatetime`: conversion both ways and the month names."""

from __future__ import annotations

from datetime import date

import jdatetime

JALALI_MONTHS: tuple[str, ...] = tuple(jdatetime.date.j_months_fa)
"""فروردین … اسفند, in order."""


def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Jalali one, e.g. 1399/01/01 → 2020-03-20; ValueError naming a day that does not exist."""
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError as error:
        raise ValueError(f"{year}/{month:02d}/{day:02d} is not a Jalali date ({error})") from None


def to_jalali(day: date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian date in the Jalali calendar."""
    jalali = jdatetime.date.fromgregorian(date=day)
    return jalali.year, jalali.month, jalali.day


def jalali_text(day: date, separator: str = "/") -> str:
    """A Gregorian date written as a Jalali YYYY/MM/DD, e.g. 2020-03-20 → 1399/01/01."""
    year, month, rest = to_jalali(day)
    return f"{year}{separator}{month:02d}{separator}{rest:02d}"
