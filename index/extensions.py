"""The article extensions every index keeps (derived tables written with each commit)."""

from __future__ import annotations

from index.meetings.people_store import PeopleExtension
from index.meetings.statements_store import StatementsExtension
from index.meetings.store import MeetingsExtension
from index.store.extension import ArticleExtension


def default_extensions() -> list[ArticleExtension]:
    """Extensions opened with every index: meetings (who met whom), statements (who said what), and the people they
    name (one identity per person; it reads the other two, so it comes last)."""
    return [MeetingsExtension(), StatementsExtension(), PeopleExtension()]
