"""The meetings table: written with each article commit by the manifest, deleted with the article."""

from __future__ import annotations

import hashlib
import sqlite3

from index.article import Article
from index.meetings.extract import extract_meetings
from index.meetings.fold import key_of
from index.meetings.model import Meeting

SCHEMA = """
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, position INTEGER NOT NULL, status TEXT NOT NULL,
    place TEXT NOT NULL, date_text TEXT NOT NULL, date TEXT, jalali TEXT NOT NULL,
    evidence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'meeting');
CREATE INDEX IF NOT EXISTS meetings_article ON meetings(article_id);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);
CREATE TABLE IF NOT EXISTS meeting_participants (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('who', 'whom')), position INTEGER NOT NULL,
    text TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS meeting_participants_meeting ON meeting_participants(meeting_id);
CREATE INDEX IF NOT EXISTS meeting_participants_key ON meeting_participants(key);
CREATE VIRTUAL TABLE IF NOT EXISTS meetings_search USING fts5(meeting_id UNINDEXED, article_id UNINDEXED, words);
"""


def _add_kind_column(db: sqlite3.Connection) -> None:
    """Give a meetings table written before kinds (meetings/3) its kind column; the re-derivation then fills it."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(meetings)")}
    if "kind" not in columns:
        db.execute("ALTER TABLE meetings ADD COLUMN kind TEXT NOT NULL DEFAULT 'meeting'")


def meeting_id(meeting: Meeting, position: int) -> str:
    """A stable id from the article, the meeting's position in it and its evidence span."""
    payload = f"{meeting.article_id}\x1f{position}\x1f{meeting.start}\x1f{meeting.end}".encode()
    return hashlib.blake2b(payload, digest_size=12).hexdigest()


def search_words(meeting: Meeting) -> str:
    """What the full-text index holds for a meeting: its participants (as written, names, titles) and place."""
    parts = [part for p in (*meeting.who, *meeting.whom) for part in (p.text, p.name, p.title)]
    return key_of(" ".join([*parts, meeting.place]))


class MeetingsExtension:
    """Keeps the meetings of every committed article in the manifest database (an `ArticleExtension`)."""

    name = "meetings"
    version = "meetings/6"
    schema = SCHEMA

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """Replace the article's meetings with those extracted from its current text."""
        _add_kind_column(db)
        self.delete(db, article.id)
        for position, meeting in enumerate(extract_meetings(article)):
            identifier = meeting_id(meeting, position)
            when = meeting.when
            db.execute(
                "INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    identifier,
                    article.id,
                    position,
                    meeting.status,
                    meeting.place,
                    when.text,
                    when.gregorian.isoformat() if when.gregorian else None,
                    when.jalali,
                    meeting.evidence,
                    meeting.start,
                    meeting.end,
                    meeting.kind,
                ),
            )
            db.executemany(
                "INSERT INTO meeting_participants VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (identifier, side, index, p.text, p.name, p.title, p.key)
                    for side, group in (("who", meeting.who), ("whom", meeting.whom))
                    for index, p in enumerate(group)
                ],
            )
            db.execute("INSERT INTO meetings_search VALUES (?, ?, ?)", (identifier, article.id, search_words(meeting)))

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """Delete the article's meetings, their participants and their search entries."""
        db.execute("DELETE FROM meetings_search WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM meetings WHERE article_id = ?", (article_id,))
