"""RSS and Atom feeds, read with feedparser: one article per entry, its HTML reduced to plain text."""

from __future__ import annotations

import io
import xml.sax
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

import lxml.etree
import lxml.html
from lxml_html_clean import Cleaner

from index.agency import attribution
from index.article import Article, content_id
from index.loaders.base import LoadItem
from index.loaders.clean import checked_text, clean_text, derive_title, shorten
from index.loaders.dates import parse_date
from index.loaders.errors import LoaderError

if TYPE_CHECKING:
    from feedparser import FeedParserDict

_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article")
_CLEANER = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True, embedded=True, frames=True)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_UTF8_XML = {"content-type": "application/xml; charset=utf-8"}
"""The text is already decoded: an XML declaration naming another encoding must not make feedparser re-decode it."""


def load_feed(text: str, origin: str) -> Iterator[LoadItem]:
    """One article per entry of an RSS or Atom feed; the feed's title is each article's source."""
    import feedparser  # lazily: only feeds need it

    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_UTF8_XML)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXParseException) and (parsed.entries or parsed.version):
        # feedparser's lenient fallback guesses where items begin and end: a malformed feed is refused instead
        raise LoaderError(origin, f"malformed feed: {problem.getMessage()}", line=problem.getLineNumber())
    if not parsed.entries and not parsed.version:
        problem = parsed.get("bozo_exception")
        raise LoaderError(origin, "not an RSS or Atom feed" + (f": {problem}" if problem else ""))
    if not parsed.entries:
        raise LoaderError(origin, "feed has no entries")
    source = " ".join(parsed.feed.get("title", "").split())
    for index, entry in enumerate(parsed.entries):
        try:
            yield _article(entry, origin, f"entries[{index}]", source)
        except LoaderError as error:
            yield error


def html_to_text(fragment: str) -> str:
    """The readable text of an HTML fragment: scripts, styles and event handlers dropped, blocks on their own lines."""
    try:
        root = _CLEANER.clean_html(lxml.html.document_fromstring(fragment))
    except lxml.etree.ParserError:  # nothing but whitespace or comments
        return ""
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return clean_text(root.text_content())


def _article(entry: FeedParserDict, origin: str, path: str, source: str) -> Article:
    """The article of one feed entry."""
    content = entry.get("content") or [entry.get("summary_detail") or {"value": entry.get("summary", "")}]
    body = max(content, key=lambda part: len(part.get("value", "")))
    text = checked_text(_plain(body), origin, field=f"{path}.content")
    url = entry.get("link", "")
    title = shorten(_plain(entry.get("title_detail") or {"value": entry.get("title", "")}), 300)
    tags = tuple(tag["term"].strip() for tag in entry.get("tags", []) if (tag.get("term") or "").strip())
    publisher, quoting = attribution(text, url, source)
    return Article(
        id=entry.get("id") or url or content_id(text),
        title=title or derive_title(text),
        text=text,
        url=url,
        source=publisher,
        published=_published(entry, origin, path),
        category=tags[0] if tags else "",
        tags=tags,
        origin=origin,
        quoting=quoting,
    )


def _plain(detail: dict) -> str:
    """A feed text construct as plain text, whatever markup type it declares."""
    value = detail.get("value", "")
    return html_to_text(value) if detail.get("type", "text/html") in _HTML_TYPES else clean_text(value)


def _published(entry: FeedParserDict, origin: str, path: str) -> date | None:
    """The entry's date as the feed wrote it, else as feedparser read it (in UTC); None when it gives none."""
    for name in ("published", "updated"):
        value = entry.get(name)
        if not value:
            continue
        try:
            return parse_date(value)
        except ValueError:
            parsed = entry.get(f"{name}_parsed")
            if parsed is None:
                raise LoaderError(origin, f"unparsable date {value!r}", field=f"{path}.{name}") from None
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
