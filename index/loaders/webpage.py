"""HTML pages: the main text, title and date extracted with trafilatura; scripts, styles and markup never kept."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from index.agency import attribution
from index.article import Article
from index.loaders.base import LoadItem, fallback_id, is_url
from index.loaders.clean import checked_text, derive_title, shorten
from index.loaders.dates import parse_date
from index.loaders.errors import LoaderError

_DATE_SEARCH = {"original_date": True, "extensive_search": False}
"""Dates from the page's metadata and markup only: guessing from the running text finds the wrong dates."""

_JOINERS = {
    "\u200c": re.compile(r"\u200c|&zwnj;|&#8204;|&#x0*200c;", re.IGNORECASE),
    "\u200d": re.compile(r"\u200d|&zwj;|&#8205;|&#x0*200d;", re.IGNORECASE),
}
"""Persian's zero-width (non-)joiner, which trafilatura drops as a non-printable character, and its HTML entities."""

_STAND_INS = "\U0001f700\U0001f701\U0001f702\U0001f703"
"""Printable symbols (alchemical) that stand in for the joiners during extraction; one absent from the page is used."""


def load_html(text: str, origin: str) -> Iterator[LoadItem]:
    """The page as one article, its id the canonical URL (or og:url), else the URL fetched, else the file name."""
    import trafilatura  # lazily: its import takes a noticeable part of a second, and only HTML needs it

    page_url = origin if is_url(origin) else None
    text, restore = _protect_joiners(text)
    document = trafilatura.bare_extraction(
        text,
        url=page_url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_SEARCH,
    )
    if document is None or not (document.text or "").strip():
        raise LoaderError(origin, "no article text found in the HTML page")
    title = " ".join(restore(document.title or "").split())
    body = _without_title(restore(document.text), title)
    body = checked_text(body, origin)
    canonical = document.url if document.url and document.url != page_url else ""
    url = canonical or page_url or ""
    source, quoting = attribution(body, url)
    yield Article(
        id=canonical or fallback_id(origin),
        title=shorten(title, 300) or derive_title(body),
        text=body,
        url=url,
        source=source or (document.sitename or ""),
        published=_published(document.date, origin),
        category=restore((document.categories or [""])[0]),
        tags=tuple(restore(tag) for tag in document.tags or ()),
        origin=origin,
        quoting=quoting,
    )


def _protect_joiners(html: str) -> tuple[str, Callable[[str], str]]:
    """The page with each zero-width joiner replaced by a stand-in, and the function that puts them back."""
    free = [char for char in _STAND_INS if char not in html]
    swaps = dict(zip(free, _JOINERS, strict=False))
    for stand_in, joiner in swaps.items():
        html = _JOINERS[joiner].sub(stand_in, html)
    table = str.maketrans(swaps)
    return html, lambda extracted: extracted.translate(table)


def _without_title(text: str, title: str) -> str:
    """The extracted text without a first line that only repeats the title."""
    first, _, rest = text.strip().partition("\n")
    return rest if title and " ".join(first.split()) == title and rest.strip() else text


def _published(value: str | None, origin: str) -> date | None:
    """The page's publication date, when its metadata gives one."""
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise LoaderError(origin, f"unparsable date {value!r}", field="date") from None
