"""Dates written in running text: every whole date a text gives, and the dateline at the top of an article."""

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
    rf"|(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>{_MONTHS})(?:\s+ماه)?\s*,?\s+(?:سال\s+)?(?P<year>\d{{4}})(?!\d)"
    rf"|(?<!\w)(?P<month2>{_MONTHS})\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}})(?!\d)",
    re.IGNORECASE,
)
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


@dataclass(frozen=True)
class WrittenDate:
    """A whole date as a text writes it: the words, where they stand, and the day."""

    text: str
    start: int
    day: date


def written_dates(text: str) -> Iterator[WrittenDate]:
    """Each whole date the text writes out (YYYY/MM/DD, «۲۵ اردیبهشت ۱۴۰۰», "May 15, 2021"), in order; a day that
    does not exist is skipped."""
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
            else:
                day = named_month_date(int(match["day"]), match["month"], int(match["year"]), written)
                yield WrittenDate(written, match.start(), day)
        except DateError:
            continue


def date_from_text(text: str) -> date | None:
    """The date of the article's dateline: the first whole date in its opening characters, or None."""
    first = next(written_dates(text[: DATELINE_CHARS * 2]), None)
    return first.day if first is not None and first.start < DATELINE_CHARS else None
