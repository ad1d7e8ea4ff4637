"""Reading who said what as plain typed data: speakers found by the words naming them, and their statements."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from index.meetings.fold import words
from index.meetings.statements import Kind
from index.meetings.statements_store import FORMS_SEPARATOR


@dataclass(frozen=True)
class SpeakerRecord:
    """A stored speaker of one article: their name, title, grouping key and every form the article writes."""

    id: str
    article_id: str
    name: str
    title: str
    key: str
    forms: tuple[str, ...]

    @property
    def label(self) -> str:
        """A display form: the name with its title, or either alone."""
        if self.name and self.title:
            return f"{self.name} ({self.title})"
        return self.name or self.title or (self.forms[0] if self.forms else "")

    @property
    def words(self) -> set[str]:
        """The folded words naming this speaker (forms, name and title)."""
        return set(words(" ".join([*self.forms, self.name, self.title])))


@dataclass(frozen=True)
class StatementRecord:
    """A stored statement with its speaker and its article's citation data, and the sentence with its span."""

    id: str
    article_id: str
    title: str
    url: str
    source: str
    published: date | None
    speaker: SpeakerRecord
    mention: str
    kind: Kind
    sentence: str
    start: int
    end: int


_SPEAKER = "SELECT id, article_id, name, title, key, forms FROM speakers"


def _speaker(row: Sequence) -> SpeakerRecord:
    """A speakers row as a record."""
    return SpeakerRecord(*row[:5], tuple(f for f in row[5].split(FORMS_SEPARATOR) if f))


def _fts(terms: Sequence[str]) -> str:
    """An FTS5 query matching any of the words (each quoted, a prefix, so Persian suffixes still match)."""
    return " OR ".join(f'"{term}"*' for term in terms)


def search_speakers(db: sqlite3.Connection, terms: Sequence[str], limit: int = 60) -> list[SpeakerRecord]:
    """Speakers whose forms, names or titles hold any of the words, best BM25 match first."""
    terms = [t for t in dict.fromkeys(terms) if len(t) > 1 and '"' not in t]
    if not terms:
        return []
    query = (
        "SELECT speaker_id FROM speakers_search WHERE speakers_search MATCH ? ORDER BY bm25(speakers_search) LIMIT ?"
    )
    ids = [row[0] for row in db.execute(query, (_fts(terms), limit))]
    return speakers_by_id(db, ids)


def speakers_by_id(db: sqlite3.Connection, ids: Sequence[str]) -> list[SpeakerRecord]:
    """The speakers with these ids, in the given order."""
    if not ids:
        return []
    rows = {row[0]: row for row in db.execute(f"{_SPEAKER} WHERE id IN ({','.join('?' * len(ids))})", list(ids))}
    return [_speaker(rows[i]) for i in ids if i in rows]


def speakers_of_articles(db: sqlite3.Connection, article_ids: Sequence[str]) -> list[SpeakerRecord]:
    """The speakers of these articles, article by article in the given order."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = list(db.execute(f"{_SPEAKER} WHERE article_id IN ({marks}) ORDER BY number", list(article_ids)))
    order = {article_id: n for n, article_id in enumerate(article_ids)}
    return [_speaker(row) for row in sorted(rows, key=lambda row: order[row[1]])]


def speakers_with_key(db: sqlite3.Connection, key: str, limit: int = 20) -> list[SpeakerRecord]:
    """Speakers of any article grouped under this name key (the same name written in other articles)."""
    return [_speaker(row) for row in db.execute(f"{_SPEAKER} WHERE key = ? LIMIT ?", (key, limit))]


def unique_word_weight(db: sqlite3.Connection) -> float:
    """The weight `speaker_word_weights` gives a word that names one speaker only (the most a word can weigh)."""
    total = db.execute("SELECT count(*) FROM speakers").fetchone()[0] or 1
    return math.log(1.0 + total / 2.0)


def speaker_word_weights(db: sqlite3.Connection, terms: Sequence[str]) -> dict[str, float]:
    """Rarity of each word among the stored speakers (a family name weighs more than «رئیس»)."""
    total = db.execute("SELECT count(*) FROM speakers").fetchone()[0] or 1
    weights = {}
    for term in dict.fromkeys(terms):
        if '"' in term:
            continue
        query = "SELECT count(*) FROM speakers_search WHERE words MATCH ?"
        (count,) = db.execute(query, (f'"{term}"*',)).fetchone()
        weights[term] = math.log(1.0 + total / (1.0 + count))
    return weights


def statements_of(db: sqlite3.Connection, speakers: Sequence[SpeakerRecord]) -> list[StatementRecord]:
    """Every statement of these speakers, with its article's citation data, article by article in reading order."""
    if not speakers:
        return []
    by_id = {s.id: s for s in speakers}
    marks = ",".join("?" * len(by_id))
    query = (
        "SELECT s.id, s.article_id, a.title, a.url, a.source, a.published, s.speaker_id, s.mention, s.kind, "
        f's.sentence, s.start, s."end" FROM statements s JOIN articles a ON a.id = s.article_id '
        f"WHERE s.speaker_id IN ({marks}) ORDER BY s.article_id, s.position"
    )
    return [
        StatementRecord(
            *row[:5], date.fromisoformat(row[5]) if row[5] else None, by_id[row[6]], row[7], row[8], *row[9:]
        )
        for row in db.execute(query, list(by_id))
    ]


def named_elsewhere(db: sqlite3.Connection, article_id: str, start: int, end: int) -> StatementRecord | None:
    """For a statement of the article at [start, end) that writes its speaker only by title or pronoun («نخست وزیر
    پاکستان اعلام کرد», «وی افزود»), the speaker's first statement in the same article whose subject writes them by
    name (its `mention`); None when the sentence names them already, no statement is there, or none names them."""
    query = (
        "SELECT s.id, s.article_id, a.title, a.url, a.source, a.published, s.speaker_id, s.mention, s.kind, "
        's.sentence, s.start, s."end" FROM statements s JOIN articles a ON a.id = s.article_id '
        'WHERE s.speaker_id = (SELECT speaker_id FROM statements WHERE article_id = ? AND start < ? AND ? < "end" '
        "ORDER BY position LIMIT 1) ORDER BY s.position"
    )
    rows = list(db.execute(query, (article_id, end, start)))
    if not rows:
        return None
    (speaker,) = speakers_by_id(db, [rows[0][6]])
    family = set(speaker.key.split())
    here = next((row for row in rows if row[10] < end and start < row[11]), None)
    if not family or here is None or family <= set(words(here[9])):
        return None
    for row in rows:
        if family <= set(words(row[7])):
            published = date.fromisoformat(row[5]) if row[5] else None
            return StatementRecord(*row[:5], published, speaker, row[7], row[8], *row[9:])
    return None
