"""Meeting dates in a sentence: Jalali and Gregorian dates as written, relative days resolved by the article date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from index.loaders.dates import jalali_to_gregorian, parse_date
from index.meetings.model import When

JALALI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
_GREGORIAN_MONTHS = {
    **{m: n for n, m in enumerate(("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه"), start=1)},
    **{"می": 5, "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12},
    **{m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june", "july"), start=1)},
    **{"august": 8, "september": 9, "october": 10, "november": 11, "december": 12},
}
_RELATIVE = (
    (r"پس\s?فردا", 2),
    (r"پریروز", -2),
    (r"(?:صبح|ظهر|عصر|شب|پیش از ظهر|بعدازظهر|بعد از ظهر)?\s?امروز|امشب|today|this (?:morning|evening)", 0),
    (r"دیروز|دیشب|yesterday|last night", -1),
    (r"فردا|tomorrow", 1),
)
_NUMERIC = re.compile(r"(?<!\d)(\d{4}/\d{1,2}/\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(sorted([*JALALI_MONTHS, *_GREGORIAN_MONTHS], key=len, reverse=True)) + r")"
    r"(?:\s+ماه)?(?:\s+(?:سال\s+)?(\d{4}))?(?!\w)",
    re.IGNORECASE,
)
_RELATIVE_PATTERN = re.compile("|".join(f"(?P<r{n}>{p})" for n, (p, _) in enumerate(_RELATIVE)), re.IGNORECASE)


def gregorian_to_jalali(day: date) -> str:
    """The Jalali date of a Gregorian one as YYYY/MM/DD, e.g. 2020-03-20 → 1399/01/01."""
    year = day.year - 621
    if day < jalali_to_gregorian(year, 1, 1):
        year -= 1
    days = (day - jalali_to_gregorian(year, 1, 1)).days
    month, rest = (days // 31 + 1, days % 31 + 1) if days < 186 else (7 + (days - 186) // 30, (days - 186) % 30 + 1)
    return f"{year}/{month:02d}/{rest:02d}"


def _when(text: str, day: date | None) -> When:
    """A date as written with both calendars filled when it is known."""
    return When(text, day, gregorian_to_jalali(day) if day else "")


def _day_month(match: re.Match[str], published: date | None) -> When:
    """«30 شهریور 1395», «28 اکتبر»: the year from the text, else the article's."""
    day, month, year = int(match.group(1)), match.group(2).lower(), match.group(3)
    try:
        if month in JALALI_MONTHS:
            jalali_year = int(year) if year else (int(gregorian_to_jalali(published)[:4]) if published else None)
            resolved = jalali_to_gregorian(jalali_year, JALALI_MONTHS.index(month) + 1, day) if jalali_year else None
        else:
            gregorian_year = int(year) if year else (published.year if published else None)
            resolved = date(gregorian_year, _GREGORIAN_MONTHS[month], day) if gregorian_year else None
    except ValueError:
        resolved = None
    return _when(match.group(0), resolved)


def find_when(sentence: str, published: date | None) -> When:
    """The first date the sentence gives (explicit before relative), resolved against the article date."""
    numeric = _NUMERIC.search(sentence)
    if numeric:
        try:
            return _when(numeric.group(1), parse_date(numeric.group(1)))
        except ValueError:
            pass
    explicit = _DAY_MONTH.search(sentence)
    if explicit:
        return _day_month(explicit, published)
    relative = _RELATIVE_PATTERN.search(sentence)
    if relative:
        offset = _RELATIVE[int((relative.lastgroup or "r0")[1:])][1]
        return _when(relative.group(0).strip(), published + timedelta(days=offset) if published else None)
    return When()
