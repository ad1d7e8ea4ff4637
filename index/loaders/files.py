"""Local files and directories: each file read by the loader of its extension, directories walked in sorted order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from index.article import Article
from index.loaders.base import Loader, LoadItem
from index.loaders.dates import dated
from index.loaders.decode import MAX_FILE_BYTES, decode
from index.loaders.errors import LoaderError
from index.loaders.feed import load_feed
from index.loaders.jsonfile import load_json, load_jsonl
from index.loaders.plain import load_text
from index.loaders.table import load_csv, load_tsv
from index.loaders.webpage import load_html

LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".json": load_json,
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
    ".csv": load_csv,
    ".tsv": load_tsv,
    ".html": load_html,
    ".htm": load_html,
    ".xml": load_feed,
    ".rss": load_feed,
    ".atom": load_feed,
}
"""The loader for each file extension (lower case)."""

_SNIFF_BYTES = 8192


def load_path(path: Path) -> Iterator[LoadItem]:
    """The articles of a file or of every loadable file under a directory; one error for a path that does not exist.

    A file reached twice under a directory (a symlink to a file also walked) is read once, under its real path.
    """
    if path.is_dir():
        yield from _walk(path, set())
    elif path.is_file():
        yield from load_file(path)
    else:
        reason = "not a regular file or directory" if path.exists() else "no such file or directory"
        yield LoaderError(str(path), reason)


def load_file(path: Path) -> Iterator[LoadItem]:
    """The articles of one file; every problem with it is yielded as a LoaderError, never raised."""
    origin = str(path)
    loader = LOADERS.get(path.suffix.lower())
    try:
        if loader is None:
            _refuse_unknown(path)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoaderError(origin, f"{size} bytes, over the limit of {MAX_FILE_BYTES}")
        text = decode(path.read_bytes(), origin)
        yield from run_loader(loader, text, origin)
    except LoaderError as error:
        yield error
    except OSError as error:
        yield LoaderError(origin, f"cannot read: {error.strerror or error}")


def run_loader(loader: Loader, text: str, origin: str) -> Iterator[LoadItem]:
    """A loader's items, each article dated, with an error it raises for the whole source yielded as the last item."""
    try:
        for item in loader(text, origin):
            yield dated(item) if isinstance(item, Article) else item
    except LoaderError as error:
        yield error
    except Exception as error:  # a parser failing on one odd file must not stop a directory's other files
        yield LoaderError(origin, f"unexpected {type(error).__name__}: {error}")


def _refuse_unknown(path: Path) -> NoReturn:
    """Raise the error for a file given explicitly whose extension no loader reads."""
    with path.open("rb") as file:
        head = file.read(_SNIFF_BYTES)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoaderError(str(path), "binary file, not text")
    known = ", ".join(sorted(LOADERS))
    raise LoaderError(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}; expected one of {known}")


def _walk(directory: Path, seen: set[Path]) -> Iterator[LoadItem]:
    """Each file with a known extension under `directory`, recursively, sorted; skips hidden entries, folder links
    and files already `seen` (by their resolved path)."""
    try:
        children = sorted(directory.iterdir())
    except OSError as error:
        yield LoaderError(str(directory), f"cannot list: {error.strerror or error}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir() and not child.is_symlink():
            yield from _walk(child, seen)
        elif child.is_file() and child.suffix.lower() in LOADERS:
            real = child.resolve()
            if real not in seen:
                seen.add(real)
                yield from load_file(real if child.is_symlink() else child)
