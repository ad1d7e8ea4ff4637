"""Reading the meetings table as plain typed data: filtered lists, full-text search, and a who-met-whom graph."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from index.meetings.fold import words
from index.meetings.model import STATUSES, Kind, Participant, Status

_SELECT = (
    "SELECT m.id, m.article_id, a.title, a.url, a.source, a.published, m.status, m.place, m.date_text, m.date, "
    'm.jalali, m.evidence, m.start, m."end", m.kind FROM meetings m JOIN articles a ON a.id = m.article_id'
)


@dataclass(frozen=True)
class MeetingRecord:
    """A stored meeting with its article's citation data: who, whom, status, when, where, and the sentence."""

    id: str
    article_id: str
    title: str
    url: str
    source: str
    published: date | None
    status: Status
    place: str
    when_text: str
    date: date | None
    jalali: str
    evidence: str
    start: int
    end: int
    who: tuple[Participant, ...] = ()
    whom: tuple[Participant, ...] = ()
    kind: Kind = "meeting"
    who_people: tuple[str, ...] = ()
    whom_people: tuple[str, ...] = ()
    """The person id of each participant (`people_store`), in the order of `who` and `whom`; "" when unknown."""

    def people(self) -> list[tuple[str, str, Participant]]:
        """Every participant with the id it is grouped by (its person id, else its participant key) and its person
        id ("" when unknown)."""
        sides = ((self.who, self.who_people), (self.whom, self.whom_people))
        seated = [(ids[n] if n < len(ids) else "", p) for group, ids in sides for n, p in enumerate(group)]
        return [(person or p.key, person, p) for person, p in seated]

    @property
    def day(self) -> date | None:
        """The meeting's date when the text gives it, else its article's publication date."""
        return self.date or self.published


@dataclass(frozen=True)
class MeetingFilter:
    """Which meetings to list: a person (name, title or key), a date range, a status, a row limit."""

    person: str = ""
    since: date | None = None
    until: date | None = None
    status: Status | None = None
    limit: int = 200

    def __post_init__(self) -> None:
        if self.limit <= 0:
            raise ValueError(f"limit must be greater than 0. Currently, limit is {self.limit}")
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}. Currently, status is {self.status!r}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) must not be after until ({self.until})")


@dataclass(frozen=True)
class GraphNode:
    """A person of the graph (a person id, or a participant key when no identity is stored) and their meetings."""

    key: str
    label: str
    meetings: int
    person: str = ""
    """The person id when the node is a stored person (their page), else ""."""


@dataclass(frozen=True)
class GraphEdge:
    """Who met whom: two node keys and the meetings between them, each with its cited sentence."""

    source: str
    target: str
    meetings: tuple[MeetingRecord, ...]


@dataclass(frozen=True)
class MeetingGraph:
    """Nodes and edges of who met whom, for a network view."""

    nodes: tuple[GraphNode, ...] = ()
    edges: tuple[GraphEdge, ...] = field(default_factory=tuple)


def _day(value: str | None) -> date | None:
    """A stored ISO date back to a date."""
    return date.fromisoformat(value) if value else None


def _fts_query(terms: Iterable[str]) -> str:
    """An FTS5 query: each word quoted (so no word is read as an operator)."""
    return " ".join(f'"{term}"' for term in terms)


def load_meetings(db: sqlite3.Connection, ids: Sequence[str]) -> list[MeetingRecord]:
    """The meetings with these ids, in the given order, with their participants."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = {row[0]: row for row in db.execute(f"{_SELECT} WHERE m.id IN ({marks})", list(ids))}
    sides: dict[str, dict[str, list[Participant]]] = {}
    query = (
        "SELECT meeting_id, side, text, name, title, key FROM meeting_participants "
        f"WHERE meeting_id IN ({marks}) ORDER BY meeting_id, side, position"
    )
    for meeting_id, side, text, name, title, key in db.execute(query, list(ids)):
        sides.setdefault(meeting_id, {"who": [], "whom": []})[side].append(Participant(text, name, title, key))
    seats = _person_seats(db, ids, marks)
    found = []
    for identifier in ids:
        row = rows.get(identifier)
        if row is None:
            continue
        people = sides.get(identifier, {"who": [], "whom": []})
        ids_of = {
            side: tuple(seats.get((identifier, side, n), "") for n in range(len(people[side]))) for side in people
        }
        found.append(
            MeetingRecord(
                *row[:5],
                _day(row[5]),
                *row[6:9],
                _day(row[9]),
                *row[10:14],
                tuple(people["who"]),
                tuple(people["whom"]),
                row[14],
                ids_of["who"],
                ids_of["whom"],
            )
        )
    return found


def _person_seats(db: sqlite3.Connection, ids: Sequence[str], marks: str) -> dict[tuple[str, str, int], str]:
    """The person id of each (meeting, side, position), when the index keeps people."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'person_links'").fetchone() is None:
        return {}
    query = f"SELECT meeting_id, side, position, person_id FROM person_links WHERE meeting_id IN ({marks})"
    return {(m, side, position): person for m, side, position, person in db.execute(query, list(ids))}


def search_meetings(db: sqlite3.Connection, terms: Sequence[str], limit: int = 30) -> list[MeetingRecord]:
    """Meetings whose participants or place hold any of the words, best BM25 match first."""
    terms = [t for t in dict.fromkeys(w for term in terms for w in words(term)) if len(t) > 1]
    if not terms:
        return []
    query = (
        "SELECT meeting_id FROM meetings_search WHERE meetings_search MATCH ? ORDER BY bm25(meetings_search) LIMIT ?"
    )
    ids = [row[0] for row in db.execute(query, (" OR ".join(_fts_query([t]) for t in terms), limit))]
    return load_meetings(db, ids)


def meetings_of_articles(db: sqlite3.Connection, article_ids: Sequence[str]) -> list[MeetingRecord]:
    """The meetings of these articles, article by article in the given order."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = db.execute(
        f"SELECT id, article_id FROM meetings WHERE article_id IN ({marks}) ORDER BY position", article_ids
    )
    order = {article_id: n for n, article_id in enumerate(article_ids)}
    ids = [i for i, _ in sorted(rows, key=lambda row: order[row[1]])]
    return load_meetings(db, ids)


def find_meetings(db: sqlite3.Connection, where: MeetingFilter | None = None) -> list[MeetingRecord]:
    """Meetings matching the filter (a person by any of their words), newest first, undated last."""
    where = where or MeetingFilter()
    clauses, values = [], []
    if where.person:
        terms = words(where.person)
        if not terms:
            return []
        clauses.append("m.id IN (SELECT meeting_id FROM meetings_search WHERE meetings_search MATCH ?)")
        values.append(_fts_query(terms))
    for clause, value in (
        ("coalesce(m.date, a.published) >= ?", where.since.isoformat() if where.since else None),
        ("coalesce(m.date, a.published) <= ?", where.until.isoformat() if where.until else None),
        ("m.status = ?", where.status),
    ):
        if value:
            clauses.append(clause)
            values.append(value)
    condition = " AND ".join(clauses) or "1"
    query = (
        f"SELECT m.id FROM meetings m JOIN articles a ON a.id = m.article_id WHERE {condition} "
        "ORDER BY coalesce(m.date, a.published) IS NULL, coalesce(m.date, a.published) DESC, m.article_id, m.position "
        "LIMIT ?"
    )
    ids = [row[0] for row in db.execute(query, [*values, where.limit])]
    return load_meetings(db, ids)


def meeting_graph(meetings: Iterable[MeetingRecord]) -> MeetingGraph:
    """The graph of the meetings: a node per person (id, else participant key), an edge per pair that met."""
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}
    edges: dict[tuple[str, str], list[MeetingRecord]] = {}
    persons: dict[str, str] = {}
    for meeting in meetings:
        seated = meeting.people()
        for key, person, participant in seated:
            if len(participant.label) > len(labels.get(key, "")):
                labels[key] = participant.label
            counts[key] = counts.get(key, 0) + 1
            persons[key] = person
        whom = seated[len(meeting.who) :]
        for a, _, _ in seated[: len(meeting.who)]:
            for b, _, _ in whom:
                if a != b:
                    pair = (a, b) if a < b else (b, a)
                    edges.setdefault(pair, []).append(meeting)
    ranked = sorted(counts, key=lambda k: -counts[k])
    nodes = tuple(GraphNode(key, labels[key], counts[key], persons[key]) for key in ranked)
    return MeetingGraph(nodes, tuple(GraphEdge(a, b, tuple(ms)) for (a, b), ms in edges.items()))


def participant_word_weights(
    db: sqlite3.Connection, terms: Sequence[str], reference: Sequence[frozenset[str]] = ()
) -> dict[str, float]:
    """Rarity of each word among the stored meetings' words (a name weighs more than «وزیر»); an index with fewer
    meetings than the reference (the words of each of a corpus's meetings) is filled up with a share of it, so that
    one article's meeting does not make every word equally rare."""
    stored = db.execute("SELECT count(*) FROM meetings").fetchone()[0]
    filled = max(0, len(reference) - stored)
    share = filled / len(reference) if reference else 0.0
    total = (stored + filled) or 1
    weights = {}
    for term in terms:
        (count,) = db.execute("SELECT count(*) FROM meetings_search WHERE words MATCH ?", (f'"{term}"*',)).fetchone()
        if share:
            count += share * sum(1 for meeting in reference if any(w.startswith(term) for w in meeting))
        weights[term] = math.log(1.0 + total / (1.0 + count))
    return weights


def meeting_words(db: sqlite3.Connection, excluded_articles: set[str]) -> list[frozenset[str]]:
    """The search words of each stored meeting outside the excluded articles (a reference of word rarity)."""
    rows = db.execute("SELECT article_id, words FROM meetings_search ORDER BY meeting_id")
    return [frozenset(text.split()) for article, text in rows if article not in excluded_articles]
