"""What every format loader takes and yields."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from index.article import Article
from index.loaders.errors import LoaderError

LoadItem = Article | LoaderError
"""One result of loading: an article, or the error that kept one file, line or record from loading."""

Loader = Callable[[str, str], Iterator[LoadItem]]
"""A format loader: (decoded text, origin file path or URL) → articles and errors."""


def is_url(source: str) -> bool:
    """Whether a source names an http(s) URL rather than a path."""
    return source.lower().startswith(("http://", "https://"))


def fallback_id(origin: str) -> str:
    """The id of a one-article source that names none: its URL, else its file name without extension."""
    return origin if is_url(origin) else Path(origin).stem
