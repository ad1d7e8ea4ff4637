"""Dates written in running text: a dateline at the top of an article, and every whole date a sentence gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from index.dates.calendar import JALALI_MONTHS
from index.dates.parse import DIGITS, GREGORIAN_MONTHS, DateError, named_month_date, numeric_date

DATELINE_CHARS = 160
"""How far into the text a dateline may stand («تهران - ایرنا - ۲۵ اردیبهشت ۱۴۰۰ -» fits with room to spare)."""

_MONTHS = "|".join(sorted((*JALALI_MONTHS, *GREGORIAN_MONTHS), key=len, reverse=True))
_WRITTEN = re.compile(
    r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"
    rf"|(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>{_MONTHS})(?:\s+ماه)?(?:\s*,?\s+(?:سال\s+)?(?P<year>\d{{4}}))?(?!\w)"
    rf"|(?<!\w)(?P<month2>{_MONTHS})\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


@dataclass(frozen=True)
class WrittenDate:
    """A date as a text writes it: the words, where they stand, and the day (None when the text gives no year)."""

    text: str
    start: int
    day: date | None
    month_day: tuple[str, int] | None = None


def written_dates(text: str) -> Iterator[WrittenDate]:
    """Each date the text writes out (YYYY/MM/DD, «۲۵ اردیبهشت ۱۴۰۰», "May 15, 2021"), in order; a day and month
    without a year come with `month_day` set and no day, for the caller to place in a year."""
    folded = text.translate(DIGITS).translate(_FOLD)
    for match in _WRITTEN.finditer(folded):
        written = text[match.start() : match.end()]
        try:
            if match["y"]:
                yield WrittenDate(
                    written, match.start(), numeric_date(int(match["y"]), int(match["m"]), int(match["d"]))
                )
            elif match["month2"]:
                day = named_month_date(int(match["day2"]), match["month2"], int(match["year2"]), written)
                yield WrittenDate(written, match.start(), day)
            elif match["year"]:
                yield WrittenDate(
                    written,
                    match.start(),
                    named_month_date(int(match["day"]), match["month"], int(match["year"]), written),
                )
            else:
                yield WrittenDate(written, match.start(), None, (match["month"].lower(), int(match["day"])))
        except DateError:
            continue


def date_from_text(text: str) -> date | None:
    """The date of the article's dateline: the first whole date in its opening characters, or None."""
    for written in written_dates(text[: DATELINE_CHARS * 2]):
        if written.start >= DATELINE_CHARS:
            return None
        if written.day is not None:
            return written.day
    return None
