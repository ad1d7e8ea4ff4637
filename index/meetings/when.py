"""Meeting dates in a sentence: Jalali and Gregorian dates as written, relative days resolved by the article date."""

from __future__ import annotations

import re
from datetime import date

from index.dates import JALALI_MONTHS, find_relative, jalali_text, jalali_to_gregorian
from index.loaders.dates import parse_date
from index.meetings.model import When

_GREGORIAN_MONTHS = {
    **{m: n for n, m in enumerate(("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه"), start=1)},
    **{"می": 5, "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12},
    **{m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june", "july"), start=1)},
    **{"august": 8, "september": 9, "october": 10, "november": 11, "december": 12},
}
_NUMERIC = re.compile(r"(?<!\d)(\d{4}/\d{1,2}/\d{1,2})(?!\d)")
_DAY_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})\s+(" + "|".join(sorted([*JALALI_MONTHS, *_GREGORIAN_MONTHS], key=len, reverse=True)) + r")"
    r"(?:\s+ماه)?(?:\s+(?:سال\s+)?(\d{4}))?(?!\w)",
    re.IGNORECASE,
)


def _when(text: str, day: date | None) -> When:
    """A date as written with both calendars filled when it is known."""
    return When(text, day, jalali_text(day) if day else "")


def _day_month(match: re.Match[str], published: date | None) -> When:
    """«30 شهریور 1395», «28 اکتبر»: the year from the text, else the article's."""
    day, month, year = int(match.group(1)), match.group(2).lower(), match.group(3)
    try:
        if month in JALALI_MONTHS:
            jalali_year = int(year) if year else (int(jalali_text(published)[:4]) if published else None)
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
    relative = find_relative(sentence, published)
    return _when(relative.text, relative.day) if relative else When()
