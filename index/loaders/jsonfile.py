"""JSON files (a list of articles, one article, or {"articles": [...]}) and JSON Lines files."""

from __future__ import annotations

import json
from collections.abc import Iterator

from index.loaders.base import LoadItem
from index.loaders.errors import LoaderError
from index.loaders.records import article_from_record


def load_json(text: str, origin: str) -> Iterator[LoadItem]:
    """One article per object of a JSON document; a bad record yields an error naming its path, e.g. `[12].text`."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield LoaderError(origin, f"invalid JSON at column {error.colno}: {error.msg}", line=error.lineno)
        return
    if isinstance(document, dict) and "articles" in document:
        records, prefix = document["articles"], "articles"
        if not isinstance(records, list):
            kind = type(records).__name__
            yield LoaderError(origin, f"expected a list of articles, got {kind}", field="articles")
            return
    elif isinstance(document, dict):
        records, prefix = [document], None
    elif isinstance(document, list):
        records, prefix = document, ""
    else:
        yield LoaderError(origin, f"expected a list of articles or an object, got {type(document).__name__}")
        return
    for index, record in enumerate(records):
        try:
            yield article_from_record(record, origin, path="" if prefix is None else f"{prefix}[{index}]")
        except LoaderError as error:
            yield error


def load_jsonl(text: str, origin: str) -> Iterator[LoadItem]:
    """One article per line of a JSON Lines file; a bad line yields an error naming it and the others still load."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield LoaderError(origin, f"invalid JSON at column {error.colno}: {error.msg}", line=number)
            continue
        try:
            yield article_from_record(record, origin, line=number)
        except LoaderError as error:
            yield error
