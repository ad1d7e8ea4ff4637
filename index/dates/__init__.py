"""Dates in both calendars: parsing what people and sources write, dates in agency URLs and texts, relative times."""

from index.dates.calendar import JALALI_MONTHS, jalali_text, jalali_to_gregorian, to_jalali
from index.dates.parse import JALALI_YEAR_BELOW, DateError, parse_day
from index.dates.published import DATE_ORIGINS, DateOrigin, published_date
from index.dates.relative import RelativeTime, find_relative
from index.dates.text import date_from_text
from index.dates.url import URL_DATES, date_from_url

__all__ = [
    "DATE_ORIGINS",
    "JALALI_MONTHS",
    "JALALI_YEAR_BELOW",
    "URL_DATES",
    "DateError",
    "DateOrigin",
    "RelativeTime",
    "date_from_text",
    "date_from_url",
    "find_relative",
    "jalali_text",
    "jalali_to_gregorian",
    "parse_day",
    "published_date",
    "to_jalali",
]
