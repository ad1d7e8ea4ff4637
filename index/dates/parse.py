"""A date as a person or a source writes it, in either calendar: `1400-02-25`, `۱۴۰۰/۰۲/۲۵`, «۲۵ اردیبهشت ۱۴۰۰»,
`2021-05-15`, `15 May 2021`; anything that could be read two ways is refused with a message saying why."""

from __future__ import annotations

import re
from datetime import date

from index.dates.calendar import JALALI_MONTHS, jalali_to_gregorian

JALALI_YEAR_BELOW = 1700
"""A numeric year below this is Jalali (the Jalali calendar runs ~621 years behind: today is 14xx, not 20xx)."""

DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
"""Persian and Arabic-Indic digits to ASCII."""

GREGORIAN_MONTHS: dict[str, int] = {
    **{name: n for n, name in enumerate(("january", "february", "march", "april", "may", "june"), start=1)},
    **{name: n for n, name in enumerate(("july", "august", "september", "october", "november", "december"), start=7)},
    **{name: n for n, name in enumerate(("jan", "feb", "mar", "apr"), start=1)},
    **{"jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    **{name: n for n, name in enumerate(("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه"), start=1)},
    **{"می": 5, "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12},
}
"""Gregorian month names, English and Persian, lower-cased."""

_SEPARATOR = r"[/\-.]"
_YEAR_FIRST = re.compile(rf"(\d{{4}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{1,2}})(?:[ T]\d[0-9:.,+\-Z ]*)?", re.I)
_YEAR_LAST = re.compile(rf"(\d{{1,2}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{4}})")
_SHORT_YEAR = re.compile(rf"(\d{{1,2}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{1,2}})")
_MONTH_NAME = r"([^\W\d_]+)"
_DAY_MONTH_YEAR = re.compile(
    rf"(\d{{1,2}})\s*(?:ام|th|st|nd|rd)?\s+{_MONTH_NAME}(?:\s+ماه)?(?:\s*,?\s+(?:سال\s+)?(\d{{4}}))?"
)
_MONTH_DAY_YEAR = re.compile(rf"{_MONTH_NAME}\s+(\d{{1,2}})(?:\s*,\s*|\s+)(\d{{4}})")
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " "})


class DateError(ValueError):
    """A text that is no date, or that names a date in more than one way."""


def clean(text: str) -> str:
    """ASCII digits, Persian letters, single spaces, no guillemets or trailing «هجری شمسی»-style suffixes."""
    text = text.translate(DIGITS).translate(_FOLD).strip().strip("«»\"'").strip()
    text = re.sub(r"\s*(?:هجری\s+)?(?:شمسی|خورشیدی|ه\.?\s?ش\.?)$", "", text)
    return re.sub(r"\s+", " ", text)


def numeric_date(year: int, month: int, day: int) -> date:
    """The date of numeric parts: Jalali when the year is below 1700, else Gregorian; DateError for no such day."""
    try:
        if year < JALALI_YEAR_BELOW:
            return jalali_to_gregorian(year, month, day)
        return date(year, month, day)
    except ValueError as error:
        message = str(error) if year < JALALI_YEAR_BELOW else f"{year}-{month:02d}-{day:02d} is not a date ({error})"
        raise DateError(message) from None


def named_month_date(day: int, month_name: str, year: int | None, written: str) -> date:
    """«25 اردیبهشت 1400», "15 May 2021": the calendar follows the month's name, which must agree with the year."""
    name = month_name.lower()
    if name not in JALALI_MONTHS and name not in GREGORIAN_MONTHS:
        raise DateError(f"not a date: {written!r} ({month_name!r} is no month name)")
    if year is None:
        raise DateError(f"not a whole date: {written!r} has no year")
    if name in JALALI_MONTHS:
        if year >= JALALI_YEAR_BELOW:
            raise DateError(f"ambiguous date {written!r}: {month_name} is a Jalali month but {year} a Gregorian year")
        return numeric_date(year, JALALI_MONTHS.index(name) + 1, day)
    if year < JALALI_YEAR_BELOW:
        raise DateError(f"ambiguous date {written!r}: {month_name} is a Gregorian month but {year} a Jalali year")
    return numeric_date(year, GREGORIAN_MONTHS[name], day)


def parse_day(value: str) -> date:
    """The day `value` names in either calendar (the time of day, if any, ignored); DateError saying why not."""
    text = clean(value)
    if not text:
        raise DateError("not a date: the value is empty")
    if match := _YEAR_FIRST.fullmatch(text):
        return numeric_date(*(int(part) for part in match.groups()))
    if match := _YEAR_LAST.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        if first <= 12 and second <= 12 and first != second:
            raise DateError(
                f"ambiguous date {value!r}: day and month could be either way round; write it year first, "
                f"e.g. {year}-{second:02d}-{first:02d}"
            )
        day, month = (first, second) if second <= 12 else (second, first)
        return numeric_date(year, month, day)
    if _SHORT_YEAR.fullmatch(text):
        raise DateError(f"ambiguous date {value!r}: a two-digit year; write the year in full, e.g. 1400-02-25")
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        return named_month_date(int(day), month, int(year) if year else None, value)
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = match.groups()
        return named_month_date(int(day), month, int(year), value)
    if re.fullmatch(r"\d{4}", text):
        raise DateError(f"not a whole date: {value!r} is a year alone; give a day, e.g. {text}-01-01")
    raise DateError(f"not a date: {value!r} (write e.g. 1400-02-25, ۱۴۰۰/۰۲/۲۵, ۲۵ اردیبهشت ۱۴۰۰ or 2021-05-15)")
