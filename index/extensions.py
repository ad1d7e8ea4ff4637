"""The article extensions every index keeps (derived tables written with each commit)."""

from __future__ import annotations

from index.meetings.store import MeetingsExtension
from index.store.extension import ArticleExtension


def default_extensions() -> list[ArticleExtension]:
    """Extensions opened with every index: the meetings table (who met whom)."""
    return [MeetingsExtension()]
