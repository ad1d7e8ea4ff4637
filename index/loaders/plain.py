"""Plain text and Markdown files: one article per file, titled by a `# heading` or by its first line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.agency import attribution
from index.article import Article
from index.loaders.base import LoadItem, fallback_id, is_url
from index.loaders.clean import checked_text, clean_text, derive_title, shorten

_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*")


def load_text(text: str, origin: str) -> Iterator[LoadItem]:
    """The file as one article: a first-line `# heading` is the title and the rest the text; else the text is whole."""
    text = clean_text(text)
    first, _, rest = text.partition("\n")
    heading = _HEADING.fullmatch(first)
    if heading:
        title, text = shorten(heading.group("title")), rest if rest.strip() else heading.group("title")
    else:
        title = derive_title(text)
    text = checked_text(text, origin)
    source, quoting = attribution(text, origin if is_url(origin) else "")
    yield Article(
        id=fallback_id(origin),
        title=title,
        text=text,
        url=origin if is_url(origin) else "",
        source=source,
        origin=origin,
        quoting=quoting,
    )
