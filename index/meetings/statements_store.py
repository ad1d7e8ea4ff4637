"""The speakers and statements tables: written with each article commit by the manifest, deleted with the article.

Opening an index whose tables were written by another version re-derives them from the stored article text (the
manifest's catch-up), so re-extracting people data never re-embeds anything.
"""

from __future__ import annotations

import hashlib
import sqlite3

from index.article import Article
from index.meetings.fold import key_of
from index.meetings.people import Person
from index.meetings.statements import extract_statements

SCHEMA = """
CREATE TABLE IF NOT EXISTS speakers (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, number INTEGER NOT NULL,
    name TEXT NOT NULL, title TEXT NOT NULL, key TEXT NOT NULL, forms TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS speakers_article ON speakers(article_id);
CREATE INDEX IF NOT EXISTS speakers_key ON speakers(key);
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, position INTEGER NOT NULL,
    speaker_id TEXT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    mention TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('said', 'continued')),
    sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS speakers_search USING fts5(speaker_id UNINDEXED, article_id UNINDEXED, words);
"""
FORMS_SEPARATOR = "\n"


def speaker_id(article_id: str, number: int) -> str:
    """A stable id from the article and the person's number in it."""
    return hashlib.blake2b(f"{article_id}\x1f{number}".encode(), digest_size=12).hexdigest()


def speaker_words(person: Person) -> str:
    """What the full-text index holds for a speaker: every form the article writes them in, name and titles."""
    return key_of(" ".join([*person.forms, person.name, *person.titles]))


class StatementsExtension:
    """Keeps who said what of every committed article in the manifest database (an `ArticleExtension`)."""

    name = "statements"
    version = "statements/5"
    schema = SCHEMA

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """Replace the article's speakers and statements with those extracted from its current text."""
        self.delete(db, article.id)
        found = extract_statements(article)
        ids = {person.number: speaker_id(article.id, person.number) for person in found.people}
        db.executemany(
            "INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (ids[p.number], article.id, p.number, p.name, p.title, p.key, FORMS_SEPARATOR.join(p.forms))
                for p in found.people
            ],
        )
        db.executemany(
            "INSERT INTO speakers_search VALUES (?, ?, ?)",
            [(ids[p.number], article.id, speaker_words(p)) for p in found.people],
        )
        db.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (f"{ids[s.person]}:{n}", article.id, n, ids[s.person], s.mention, s.kind, s.sentence, s.start, s.end)
                for n, s in enumerate(found.statements)
            ],
        )

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """Delete the article's speakers, their statements and their search entries."""
        db.execute("DELETE FROM speakers_search WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM speakers WHERE article_id = ?", (article_id,))
