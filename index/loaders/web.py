"""http(s) URLs: fetched safely (index.loaders.fetch), then read as a page, a feed, JSON or text by content type."""

from __future__ import annotations

from collections.abc import Iterator

from index.loaders.base import Loader, LoadItem
from index.loaders.decode import decode
from index.loaders.errors import LoaderError
from index.loaders.feed import load_feed
from index.loaders.fetch import FetchPolicy, fetch
from index.loaders.files import run_loader
from index.loaders.jsonfile import load_json, load_jsonl
from index.loaders.plain import load_text
from index.loaders.table import load_csv
from index.loaders.webpage import load_html

CONTENT_TYPES: dict[str, Loader] = {
    "text/html": load_html,
    "application/xhtml+xml": load_html,
    "application/rss+xml": load_feed,
    "application/atom+xml": load_feed,
    "application/rdf+xml": load_feed,
    "application/json": load_json,
    "application/x-ndjson": load_jsonl,
    "application/jsonl": load_jsonl,
    "text/csv": load_csv,
    "text/markdown": load_text,
}
"""The loader for each content type; XML, plain text and unknown types are told apart by their first characters."""

_FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")


def load_url(url: str, policy: FetchPolicy | None = None) -> Iterator[LoadItem]:
    """The articles at an http(s) URL; a refused address and any network, HTTP or format problem is yielded as a
    LoaderError naming it."""
    try:
        data, headers = fetch(url, policy or FetchPolicy())
        text = decode(data, url, headers.get_content_charset() or "")
        yield from run_loader(_loader(headers.get_content_type(), text, url), text, url)
    except LoaderError as error:
        yield error


def _loader(content_type: str, text: str, url: str) -> Loader:
    """The loader for a response: by content type, else by sniffing the start of the text."""
    if content_type in CONTENT_TYPES:
        return CONTENT_TYPES[content_type]
    head = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if head.startswith("<"):
        return load_feed if any(marker in head for marker in _FEED_MARKERS) else load_html
    if content_type.startswith("text/"):
        return load_text
    if head.startswith(("{", "[")):
        return load_json
    raise LoaderError(url, f"unsupported content type {content_type!r}")
