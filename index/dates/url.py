"""Publication dates that Persian agencies write into their article URLs: one table of patterns, one row per format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlsplit

from index.dates.parse import DateError, numeric_date


@dataclass(frozen=True)
class UrlDate:
    """An agency's URL format: its domain, the path pattern with groups `year`, `month`, `day`, and the century a
    two-digit Jalali year belongs to (0 when the year is written in full)."""

    agency: str
    domain: str
    path: re.Pattern[str]
    century: int = 0
    example: str = ""


URL_DATES: tuple[UrlDate, ...] = (
    UrlDate(
        "FarsNews",
        "farsnews.ir",
        re.compile(r"/news/(?P<year>1[34]\d\d)(?P<month>\d\d)(?P<day>\d\d)\d{6}(?:/|$)"),
        example="https://www.farsnews.ir/news/13960431000857/… is 1396-04-31",
    ),
    UrlDate(
        "FarsNews, before 1391",
        "farsnews.ir",
        re.compile(r"/news/(?P<year>[89]\d)(?P<month>\d\d)(?P<day>\d\d)\d{4}(?:/|$)"),
        century=1300,
        example="https://www.farsnews.ir/news/8707060255 is 1387-07-06",
    ),
    UrlDate(
        "Tasnim",
        "tasnimnews.com",
        re.compile(r"/news/(?P<year>1[34]\d\d)/(?P<month>\d\d)/(?P<day>\d\d)/\d+(?:/|$)"),
        example="https://www.tasnimnews.com/fa/news/1398/09/16/2155218/… is 1398-09-16",
    ),
    UrlDate(
        "ISNA",
        "isna.ir",
        re.compile(r"/news/(?P<year>1[34]\d\d)(?P<month>\d\d)(?P<day>\d\d)\d{5}(?:/|$)"),
        example="https://www.isna.ir/news/1400093023473/ is 1400-09-30",
    ),
    UrlDate(
        "ISNA, before 1400",
        "isna.ir",
        re.compile(r"/news/(?P<year>[89]\d)(?P<month>\d\d)(?P<day>\d\d)\d{5}(?:/|$)"),
        century=1300,
        example="https://www.isna.ir/news/98030903723/… is 1398-03-09",
    ),
)
"""Known formats. Mehr (`mehrnews.com/news/5217539/…`) and IRNA (`irna.ir/news/85250499/…`) number their articles
serially with no date in the URL, so they have no row: their dates come from the source's field or the text."""


def _host_matches(host: str, domain: str) -> bool:
    """Whether a host is the domain or one of its subdomains."""
    return host == domain or host.endswith("." + domain)


def date_from_url(url: str) -> date | None:
    """The publication date a known agency's URL carries, or None (unknown agency, no date, or no such day)."""
    parts = urlsplit(url.strip())
    host, path = (parts.hostname or "").lower(), unquote(parts.path)
    for row in URL_DATES:
        if not _host_matches(host, row.domain):
            continue
        match = row.path.search(path)
        if match is None:
            continue
        try:
            return numeric_date(row.century + int(match["year"]), int(match["month"]), int(match["day"]))
        except DateError:
            return None
    return None
