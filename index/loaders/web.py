"""http(s) URLs: fetched with urllib, then read as an HTML page, a feed, JSON or text by content type or content."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message

from index.loaders.base import Loader, LoadItem
from index.loaders.decode import MAX_FILE_BYTES, decode
from index.loaders.errors import LoaderError
from index.loaders.feed import load_feed
from index.loaders.files import run_loader
from index.loaders.jsonfile import load_json, load_jsonl
from index.loaders.plain import load_text
from index.loaders.table import load_csv
from index.loaders.webpage import load_html

TIMEOUT_SECONDS = 20
USER_AGENT = "khabar"
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


def load_url(url: str) -> Iterator[LoadItem]:
    """The articles at an http(s) URL; any network, HTTP or format problem is yielded as a LoaderError naming it."""
    try:
        data, headers = _fetch(url)
        text = decode(data, url, headers.get_content_charset() or "")
        yield from run_loader(_loader(headers.get_content_type(), text, url), text, url)
    except LoaderError as error:
        yield error


def _fetch(url: str) -> tuple[bytes, Message]:
    """The body and headers of a GET, at most MAX_FILE_BYTES."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_FILE_BYTES + 1)
            headers = response.headers
    except urllib.error.HTTPError as error:
        raise LoaderError(url, f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise LoaderError(url, f"cannot fetch: {error.reason}") from None
    except TimeoutError:
        raise LoaderError(url, f"timed out after {TIMEOUT_SECONDS} s") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise LoaderError(url, f"cannot fetch: {error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise LoaderError(url, f"response over the limit of {MAX_FILE_BYTES} bytes")
    return data, headers


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
