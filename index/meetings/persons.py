"""Reading people as plain typed data: find a person by any of their words, their page, and their statements."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from index.meetings.fold import words
from index.meetings.query import MeetingRecord, load_meetings
from index.meetings.said import StatementRecord, speakers_by_id, statements_of
from index.meetings.statements_store import FORMS_SEPARATOR

_PRONOUNS = frozenset(("وی", "او", "ایشان", "he", "she"))
PERSON_ID = re.compile(r"p[0-9a-f]{16}")
"""The form of a person id (`people_store.person_id`)."""


@dataclass(frozen=True)
class PersonSummary:
    """One person across the corpus: display name and title, every spelling and title, and how much is known."""

    id: str
    name: str
    title: str
    spellings: tuple[str, ...]
    titles: tuple[str, ...]
    articles: int
    meetings: int
    statements: int

    @property
    def label(self) -> str:
        """The name with the person's usual title, or either alone."""
        if self.name and self.title:
            return f"{self.name} ({self.title})"
        return self.name or self.title


@dataclass(frozen=True)
class PersonPage:
    """A person with their meetings and statements in the date range, newest first (undated last)."""

    person: PersonSummary
    meetings: tuple[MeetingRecord, ...]
    statements: tuple[StatementRecord, ...]


def _summaries(db: sqlite3.Connection, ids: Sequence[str]) -> list[PersonSummary]:
    """The people with these ids, in the given order."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    names = dict(db.execute(f"SELECT id, name FROM people WHERE id IN ({marks})", list(ids)))
    forms: dict[str, Counter] = {i: Counter() for i in names}
    titles: dict[str, Counter] = {i: Counter() for i in names}
    articles: dict[str, set[str]] = {i: set() for i in names}
    query = f"SELECT person_id, article_id, name, title, forms FROM person_mentions WHERE person_id IN ({marks})"
    for person, article, name, title, written in db.execute(query, list(ids)):
        articles[person].add(article)
        forms[person].update(f for f in [name, *written.split(FORMS_SEPARATOR)] if f and f not in _PRONOUNS)
        if title:
            titles[person][title] += 1
    counts = {i: [0, 0] for i in names}
    query = (
        "SELECT person_id, count(DISTINCT meeting_id), count(DISTINCT speaker_id) FROM person_links "
        f"WHERE person_id IN ({marks}) GROUP BY person_id"
    )
    for person, meetings, speakers in db.execute(query, list(ids)):
        counts[person] = [meetings, speakers]
    said = dict(
        db.execute(
            f"SELECT l.person_id, count(*) FROM person_links l JOIN statements s ON s.speaker_id = l.speaker_id "
            f"WHERE l.person_id IN ({marks}) GROUP BY l.person_id",
            list(ids),
        )
    )
    return [
        PersonSummary(
            i,
            names[i],
            titles[i].most_common(1)[0][0] if titles[i] else "",
            tuple(f for f, _ in forms[i].most_common()),
            tuple(t for t, _ in titles[i].most_common()),
            len(articles[i]),
            counts[i][0],
            said.get(i, 0),
        )
        for i in ids
        if i in names
    ]


def find_people(db: sqlite3.Connection, text: str = "", limit: int = 20) -> list[PersonSummary]:
    """People named by any of the words (name, spelling or title; best match first), or, with no words, the people
    in the most articles."""
    if limit <= 0:
        raise ValueError(f"limit must be greater than 0. Currently, limit is {limit}")
    terms = [t for t in dict.fromkeys(words(text)) if '"' not in t]
    if text.strip() and not terms:
        return []
    if terms:
        query = "SELECT person_id FROM people_search WHERE people_search MATCH ? ORDER BY bm25(people_search)"
        matches = db.execute(query, (" ".join(f'"{t}"*' for t in terms),))
        ids = list(dict.fromkeys(r[0] for r in matches))[:limit]
    else:
        query = (
            "SELECT person_id FROM person_mentions GROUP BY person_id ORDER BY count(DISTINCT article_id) DESC, "
            "person_id LIMIT ?"
        )
        ids = [r[0] for r in db.execute(query, (limit,))]
    return _summaries(db, ids)


def person(db: sqlite3.Connection, person_id: str) -> PersonSummary | None:
    """The person with this id, or None."""
    found = _summaries(db, [person_id])
    return found[0] if found else None


def _in_range(day: date | None, since: date | None, until: date | None) -> bool:
    """Whether a day lies in the range (an undated item only when no range is asked)."""
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _newest_first(day: date | None) -> tuple[bool, int]:
    """A sort key: dated items newest first, undated last."""
    return (day is None, -(day.toordinal() if day else 0))


def person_statements(
    db: sqlite3.Connection, person_id: str, since: date | None = None, until: date | None = None, limit: int = 200
) -> list[StatementRecord]:
    """The person's statements in every article, newest article first (undated last), reading order within one."""
    speakers = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT speaker_id FROM person_links WHERE person_id = ? AND speaker_id IS NOT NULL", (person_id,)
        )
    ]
    found = [s for s in statements_of(db, speakers_by_id(db, speakers)) if _in_range(s.published, since, until)]
    return sorted(found, key=lambda s: _newest_first(s.published))[:limit]


def person_meetings(
    db: sqlite3.Connection, person_id: str, since: date | None = None, until: date | None = None
) -> list[MeetingRecord]:
    """The person's meetings, newest first (undated last)."""
    ids = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT meeting_id FROM person_links WHERE person_id = ? AND meeting_id IS NOT NULL", (person_id,)
        )
    ]
    found = [m for m in load_meetings(db, ids) if _in_range(m.day, since, until)]
    return sorted(found, key=lambda m: _newest_first(m.day))


def person_page(
    db: sqlite3.Connection, person_id: str, since: date | None = None, until: date | None = None
) -> PersonPage | None:
    """The person with their meetings and statements in the range, or None when no such person is stored."""
    summary = person(db, person_id)
    if summary is None:
        return None
    meetings = person_meetings(db, person_id, since, until)
    return PersonPage(summary, tuple(meetings), tuple(person_statements(db, person_id, since, until)))
