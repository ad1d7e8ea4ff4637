"""Article loaders: files, directories and http(s) URLs to `Article`s, with an error value for what cannot be read.

Formats: .txt/.md, .json/.jsonl (generic fields or the FarsNews shape), .csv/.tsv, .html/.htm, RSS/Atom feeds
(.xml/.rss/.atom). Text is decoded as UTF-8, UTF-16 (with BOM) or Windows-1256, and kept verbatim apart from
whitespace cleanup; Persian letter normalization happens later, in the index.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from index.loaders.base import LoadItem, is_url
from index.loaders.clean import MAX_ARTICLE_CHARS
from index.loaders.decode import MAX_FILE_BYTES
from index.loaders.errors import LoaderError
from index.loaders.fetch import FetchPolicy
from index.loaders.files import LOADERS, load_path
from index.loaders.web import load_url

__all__ = [
    "LOADERS",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "FetchPolicy",
    "LoadItem",
    "LoaderError",
    "load_source",
]


def load_source(source: str | Path, policy: FetchPolicy | None = None) -> Iterator[LoadItem]:
    """Articles from a file, a directory (walked recursively), or an http(s) URL (HTML page or RSS/Atom feed);
    a URL is fetched under `policy` (by default, public addresses only)."""
    if isinstance(source, str) and is_url(source):
        return load_url(source, policy)
    return load_path(Path(source))
