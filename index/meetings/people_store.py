"""The people tables: one identity per person across the corpus, written with each article commit.

Each article's persons are its speakers (`statements_store`) and its meeting participants, joined when they name one
person (the forms and title rules of `people.py`). Each is then matched against the identities already stored
(`identity.py`) or founds a new one, so the tables follow the articles in commit order; opening an index whose
meetings or statements tables were re-derived re-derives these too (the version names theirs).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

from index.article import Article
from index.meetings.fold import key_of
from index.meetings.identity import NameParts, choose_person, name_parts
from index.meetings.model import Participant
from index.meetings.people import People, Person, same_title
from index.meetings.statements_store import FORMS_SEPARATOR, StatementsExtension
from index.meetings.store import MeetingsExtension

SCHEMA = """
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL, latin INTEGER NOT NULL, head TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS people_key ON people(key);
CREATE INDEX IF NOT EXISTS people_head ON people(latin, head);
CREATE TABLE IF NOT EXISTS person_mentions (
    article_id TEXT NOT NULL, number INTEGER NOT NULL, person_id TEXT NOT NULL REFERENCES people(id),
    name TEXT NOT NULL, title TEXT NOT NULL, forms TEXT NOT NULL, PRIMARY KEY (article_id, number));
CREATE INDEX IF NOT EXISTS person_mentions_person ON person_mentions(person_id);
CREATE TABLE IF NOT EXISTS person_links (
    person_id TEXT NOT NULL, article_id TEXT NOT NULL, speaker_id TEXT, meeting_id TEXT, side TEXT, position INTEGER);
CREATE INDEX IF NOT EXISTS person_links_person ON person_links(person_id);
CREATE INDEX IF NOT EXISTS person_links_meeting ON person_links(meeting_id);
CREATE INDEX IF NOT EXISTS person_links_article ON person_links(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS people_search USING fts5(person_id UNINDEXED, article_id UNINDEXED, words);
"""


def person_id(article_id: str, number: int) -> str:
    """A stable id from the mention that founded the identity (its article and its number there)."""
    return "p" + hashlib.blake2b(f"person\x1f{article_id}\x1f{number}".encode(), digest_size=8).hexdigest()


def _local_match(people: People, mention: Participant) -> Person | None:
    """The article's person a participant names: by name or title (`People`), or the nameless speaker whose title
    the participant carries with a name («نایب رئیس دفتر سیاسی حماس» then «صالح العاروری نایب رئیس ...»)."""
    found = people._match(mention)
    if found is None and mention.name and mention.title:
        found = next(
            (p for p in people.persons if not p.name and any(same_title(mention.title, t) for t in p.titles)), None
        )
    return found


class PeopleExtension:
    """Keeps one identity per person, with their mentions in every article (an `ArticleExtension`)."""

    name = "people"
    version = f"people/1+{MeetingsExtension.version}+{StatementsExtension.version}"
    schema = SCHEMA

    def clear(self, db: sqlite3.Connection) -> None:
        """Delete every identity and mention: an article joins the identities the articles before it founded, so a
        re-derivation starts from none, as an ingest into an empty index does."""
        for table in ("people_search", "person_links", "person_mentions", "people"):
            db.execute(f"DELETE FROM {table}")

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """Replace the article's mentions with those of its current speakers and participants."""
        self.delete(db, article.id)
        people = People()
        speakers: dict[int, str] = {}
        for speaker, name, title, forms in db.execute(
            "SELECT id, name, title, forms FROM speakers WHERE article_id = ? ORDER BY number",
            (article.id,),
        ):
            person = Person(len(people.persons), name, [title] if title else [], forms.split(FORMS_SEPARATOR))
            people.persons.append(person)
            speakers[person.number] = speaker
        seats: list[tuple[int, str, str, int]] = []
        for meeting, side, position, text, name, title, key in db.execute(
            "SELECT p.meeting_id, p.side, p.position, p.text, p.name, p.title, p.key FROM meeting_participants p "
            "JOIN meetings m ON m.id = p.meeting_id WHERE m.article_id = ? ORDER BY m.position, p.side, p.position",
            (article.id,),
        ):
            mention = Participant(text, name, title, key)
            person = _local_match(people, mention)
            if person is None:
                person = Person(len(people.persons))
                people.persons.append(person)
            person.add(mention)
            seats.append((person.number, meeting, side, position))
        identities = {p.number: self._identity(db, article.id, p) for p in people.persons if p.name or p.titles}
        db.executemany(
            "INSERT INTO person_links VALUES (?, ?, ?, NULL, NULL, NULL)",
            [(identities[n], article.id, s) for n, s in speakers.items() if n in identities],
        )
        db.executemany(
            "INSERT INTO person_links VALUES (?, ?, NULL, ?, ?, ?)",
            [(identities[n], article.id, m, side, pos) for n, m, side, pos in seats if n in identities],
        )

    def _identity(self, db: sqlite3.Connection, article_id: str, person: Person) -> str:
        """Store one article person under the identity it names (found or founded); its id."""
        parts = name_parts(person.name, tuple(person.titles))
        chosen = choose_person(parts, list(_candidates(db, parts)))
        if chosen is None:
            chosen = person_id(article_id, person.number)
            db.execute(  # the founding mention's id may survive from an earlier derivation: it is the same person
                "INSERT INTO people VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "key = excluded.key, latin = excluded.latin, head = excluded.head",
                (chosen, parts.name, parts.key, int(parts.latin), parts.head),
            )
        else:
            db.execute("UPDATE people SET name = ?1 WHERE id = ?2 AND length(?1) > length(name)", (parts.name, chosen))
        forms = FORMS_SEPARATOR.join(person.forms)
        row = db.execute(
            "INSERT INTO person_mentions VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, person.number, chosen, person.name, person.title, forms),
        ).lastrowid
        words = key_of(" ".join([*person.forms, person.name, *person.titles]))
        db.execute(
            "INSERT INTO people_search(rowid, person_id, article_id, words) VALUES (?, ?, ?, ?)",
            (row, chosen, article_id, words),
        )
        return chosen

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """Delete the article's mentions and links; an identity left without mentions goes, the others keep the
        longest name their remaining mentions give."""
        touched = [
            r[0]
            for r in db.execute("SELECT DISTINCT person_id FROM person_mentions WHERE article_id = ?", (article_id,))
        ]
        db.execute(  # by rowid (a mention's): matching the unindexed article_id would scan the whole search table
            "DELETE FROM people_search WHERE rowid IN (SELECT rowid FROM person_mentions WHERE article_id = ?)",
            (article_id,),
        )
        db.execute("DELETE FROM person_links WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM person_mentions WHERE article_id = ?", (article_id,))
        for identity in touched:
            names = [r[0] for r in db.execute("SELECT name FROM person_mentions WHERE person_id = ?", (identity,))]
            if not names:
                db.execute("DELETE FROM people WHERE id = ?", (identity,))
            else:
                db.execute("UPDATE people SET name = ? WHERE id = ?", (max(names, key=len), identity))


def _candidates(db: sqlite3.Connection, parts: NameParts) -> Iterable[tuple[str, NameParts]]:
    """Stored identities that may be this mention's: the same key, or (named) a name in the other script that
    opens with the same consonant class."""
    rows = list(db.execute("SELECT id, name FROM people WHERE key = ? AND latin = ?", (parts.key, int(parts.latin))))
    if parts.name and parts.head:
        rows += db.execute(
            "SELECT id, name FROM people WHERE latin = ? AND head = ? AND name != ''",
            (int(not parts.latin), parts.head),
        ).fetchall()
    if not rows:
        return
    titles: dict[str, list[str]] = {identity: [] for identity, _ in rows}
    query = (
        "SELECT DISTINCT person_id, title FROM person_mentions "
        f"WHERE person_id IN ({','.join('?' * len(titles))}) AND title != ''"
    )
    for identity, title in db.execute(query, list(titles)):
        titles[identity].append(title)
    for identity, name in rows:
        yield identity, name_parts(name, tuple(titles[identity]))
