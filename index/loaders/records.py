"""Records (JSON objects, CSV rows) to articles: generic field names, and the FarsNews shape (abstract, paragraphs)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from index.agency import attribution
from index.article import Article, content_id
from index.loaders.clean import checked_text, derive_title
from index.loaders.dates import dated, parse_date
from index.loaders.errors import LoaderError

TEXT_FIELDS = ("text", "body", "content")
LEAD_FIELDS = ("abstract", "summary", "lead")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "agency")
DATE_FIELDS = ("published", "date", "published_at")
CATEGORY_FIELDS = ("category", "cat")
ALL_TEXT_FIELDS = (*TEXT_FIELDS, "paragraphs")
"""The fields that can hold an article's text; a table needs one of them as a column."""


@dataclass(frozen=True)
class _Record:
    """One record being read, and where it is, for error messages."""

    data: Mapping[str, object]
    origin: str
    line: int | None
    path: str

    def field(self, name: str) -> str:
        """The field's path in the source, e.g. `[12].text`."""
        return f"{self.path}.{name}" if self.path else name

    def error(self, name: str, reason: str) -> LoaderError:
        """An error naming this record's field."""
        return LoaderError(self.origin, reason, line=self.line, field=self.field(name))

    def string(self, names: tuple[str, ...], integers: bool = False) -> tuple[str, str]:
        """The first non-empty string among `names` (or integer, with `integers`: ids often are), with the name it
        was found under; ("", "") when none; any other type is an error naming the field."""
        allowed = str | int if integers else str
        for name in names:
            value = self.data.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(value, allowed):
                expected = "a string or an integer" if integers else "a string"
                raise self.error(name, f"expected {expected}, got {type(value).__name__}")
            return str(value).strip(), name
        return "", ""

    def strings(self, name: str) -> list[str]:
        """A field holding a list of strings, or one string (a comma-separated list for tags)."""
        value = self.data.get(name)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [value] if name == "paragraphs" else re.split(r"[,،]", value)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(name, "expected a list of strings")
        return value


def article_from_record(data: object, origin: str, *, line: int | None = None, path: str = "") -> Article:
    """The article a record describes, dated (the API reads records without a loader); LoaderError naming the line
    or field path (e.g. `[12].text`) otherwise."""
    if not isinstance(data, Mapping):
        raise LoaderError(origin, f"expected an object, got {type(data).__name__}", line=line, field=path or None)
    record = _Record(data, origin, line, path)
    text = _text(record)
    url, _ = record.string(URL_FIELDS)
    given_id, _ = record.string(("id",), integers=True)
    title, _ = record.string(TITLE_FIELDS)
    given_source, _ = record.string(SOURCE_FIELDS)
    source, quoting = attribution(text, url, given_source)
    return dated(
        Article(
            id=given_id or url or content_id(text),
            title=" ".join(title.split()) or derive_title(text),
            text=text,
            url=url,
            source=source,
            published=_published(record),
            category=_category(record),
            tags=tuple(tag.strip() for tag in record.strings("tags") if tag.strip()),
            origin=origin,
            quoting=quoting,
        )
    )


def _text(record: _Record) -> str:
    """The text field, else the lead (abstract) followed by the paragraphs, one per line."""
    text, name = record.string(TEXT_FIELDS)
    if not text:
        lead, _ = record.string(LEAD_FIELDS)
        text, name = "\n".join(part for part in (lead, *record.strings("paragraphs")) if part.strip()), "text"
    if not text:
        raise record.error("text", "no text: expected one of the fields " + ", ".join(ALL_TEXT_FIELDS))
    return checked_text(text, record.origin, line=record.line, field=record.field(name))


def _published(record: _Record) -> date | None:
    """The publication date, or None when the record gives none."""
    value, name = record.string(DATE_FIELDS)
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise record.error(name, f"unparsable date {value!r}: {error}") from None


def _category(record: _Record) -> str:
    """The category, as "cat / subcat" when a subcategory is given."""
    category, _ = record.string(CATEGORY_FIELDS)
    subcategory, _ = record.string(("subcat", "subcategory"))
    return " / ".join(part for part in (category, subcategory) if part)
