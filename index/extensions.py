"""The article extensions every index keeps (derived tables written with each commit)."""

from __future__ import annotations

from index.meetings.statements_store import StatementsExtension
from index.meetings.store import MeetingsExtension
from index.store.extension import ArticleExtension


def default_extensions() -> list[ArticleExtension]:
    """Extensions opened with every index: the meetings table (who met whom) and statements (who said what)."""
    return [MeetingsExtension(), StatementsExtension()]
