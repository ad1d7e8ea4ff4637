"""Publication dates in a source's field: either calendar as `index.dates` reads them, ISO 8601 times, RFC 2822."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from index.article import Article
from index.dates import DateError, parse_day, published_date


def parse_date(value: str) -> date:
    """The calendar date `value` names, as written (no time-zone shift); ValueError saying why when it names none."""
    try:
        return parse_day(value)
    except DateError as error:
        reason = error
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(str(reason)) from None


def dated(article: Article) -> Article:
    """The article with its publication date filled from its URL or dateline when its source gives none, and the
    date's origin recorded; an article already dated is returned as it is."""
    if article.published_from:
        return article
    published, origin = published_date(article.published, article.url, article.text)
    if (published, origin) == (article.published, article.published_from):
        return article
    return replace(article, published=published, published_from=origin)
