"""CSV and TSV files: a header row with the generic field names, one article per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from index.loaders.base import LoadItem
from index.loaders.clean import MAX_ARTICLE_CHARS
from index.loaders.errors import LoaderError
from index.loaders.records import ALL_TEXT_FIELDS, article_from_record


def load_csv(text: str, origin: str) -> Iterator[LoadItem]:
    """One article per row of a comma-separated file."""
    return _load_table(text, origin, ",")


def load_tsv(text: str, origin: str) -> Iterator[LoadItem]:
    """One article per row of a tab-separated file."""
    return _load_table(text, origin, "\t")


def _load_table(text: str, origin: str, delimiter: str) -> Iterator[LoadItem]:
    """Rows to articles; a row with another number of fields than the header, or a quote never closed, is an
    error naming the line the row starts on (never a row merged into the next)."""
    if csv.field_size_limit() < MAX_ARTICLE_CHARS + 1:
        csv.field_size_limit(MAX_ARTICLE_CHARS + 1)  # a cell may hold a whole article; the article check still applies
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = [name.strip().lower() for name in next(rows, [])]
    if not set(header) & set(ALL_TEXT_FIELDS):
        yield LoaderError(origin, "no text column: the header needs one of " + ", ".join(ALL_TEXT_FIELDS), line=1)
        return
    while True:
        start = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            unclosed = "a quoted field opened in this row is never closed" if "end of data" in str(error) else error
            yield LoaderError(origin, f"invalid CSV: {unclosed}", line=start)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield LoaderError(origin, f"{len(row)} fields, the header has {len(header)}", line=start)
        else:
            try:
                yield article_from_record(dict(zip(header, row, strict=False)), origin, line=start)
            except LoaderError as error:
                yield error
