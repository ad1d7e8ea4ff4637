"""Relative times («صبح امروز», «فردا», «هفته آینده», "yesterday") resolved against the article's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime

_DAY = r"(?:صبح|ظهر|عصر|شب|پیش از ظهر|بعدازظهر|بعد از ظهر)"
_NEXT = r"(?:آینده|بعد|آتی)"
_LAST = r"(?:گذشته|قبل|پیش)"
RELATIVE: tuple[tuple[str, str, int], ...] = (
    (r"پس\s?فردا|the day after tomorrow", "day", 2),
    (r"پریروز|پریشب|the day before yesterday", "day", -2),
    (rf"(?:{_DAY}\s?)?امروز|امشب|today|tonight|this (?:morning|afternoon|evening)", "day", 0),
    (rf"(?:{_DAY}\s?)?دیروز|دیشب|روز گذشته|yesterday|last night", "day", -1),
    (rf"(?:{_DAY}\s?)?فردا|tomorrow", "day", 1),
    (rf"هفته\s?ی?\s?{_NEXT}|next week", "week", 1),
    (rf"هفته\s?ی?\s?{_LAST}|last week", "week", -1),
    (rf"ماه\s?ی?\s?{_NEXT}|next month", "month", 1),
    (rf"ماه\s?ی?\s?{_LAST}|last month", "month", -1),
)
"""(phrase, unit, offset): a week resolves to its first day (Saturday, the Iranian week's first), a month to its
first day in the Jalali calendar."""

_PATTERN = re.compile(
    "|".join(f"(?P<r{n}>(?<!\\w)(?:{phrase})(?!\\w))" for n, (phrase, _, _) in enumerate(RELATIVE)), re.IGNORECASE
)
_SATURDAY = 5


@dataclass(frozen=True)
class RelativeTime:
    """A relative time as written, and the day it names (None when the article is undated)."""

    text: str
    start: int
    day: date | None


def _resolve(unit: str, offset: int, published: date) -> date:
    """The day `offset` days, weeks (their Saturday) or Jalali months (their first day) from the article's date."""
    if unit == "day":
        return published + timedelta(days=offset)
    if unit == "week":
        saturday = published - timedelta(days=(published.weekday() - _SATURDAY) % 7)
        return saturday + timedelta(weeks=offset)
    jalali = jdatetime.date.fromgregorian(date=published)
    month = jalali.year * 12 + jalali.month - 1 + offset
    return jdatetime.date(month // 12, month % 12 + 1, 1).togregorian()


def find_relative(sentence: str, published: date | None) -> RelativeTime | None:
    """The first relative time of the sentence, resolved against the article's date; None when it has none."""
    match = _PATTERN.search(sentence)
    if match is None:
        return None
    _, unit, offset = RELATIVE[int((match.lastgroup or "r0")[1:])]
    return RelativeTime(match.group(0).strip(), match.start(), _resolve(unit, offset, published) if published else None)
