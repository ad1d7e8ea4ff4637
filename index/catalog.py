"""Reading the manifest's articles and chunks for the faces: a paged article list, its facets, a sentence's chunk
and where its vector is stored."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from index.store.base import SentenceKey
from index.text.sentences import passage_sentences
from index.text.spans import Span


@dataclass(frozen=True)
class ArticleRow:
    """One line of the article list: what an admin needs to recognise and remove an article."""

    id: str
    title: str
    source: str
    published: date | None
    category: str
    url: str
    chunks: int
    quoting: str = ""


_MATCHING = "WHERE a.id LIKE ?1 OR a.title LIKE ?1 OR a.source LIKE ?1 OR a.url LIKE ?1"


def list_articles(
    db: sqlite3.Connection, query: str = "", limit: int = 50, offset: int = 0
) -> tuple[int, list[ArticleRow]]:
    """How many articles match `query` (in id, title, agency or URL), and one page of them, latest ingested first."""
    if limit <= 0:
        raise ValueError(f"limit must be greater than 0. Currently, limit is {limit}")
    pattern = f"%{query.strip()}%"
    total = db.execute(f"SELECT count(*) FROM articles a {_MATCHING}", (pattern,)).fetchone()[0]
    rows = db.execute(
        "SELECT a.id, a.title, a.source, a.published, a.category, a.url, "
        f"(SELECT count(*) FROM chunks c WHERE c.article_id = a.id), a.quoting FROM articles a {_MATCHING} "
        "ORDER BY a.ingested_at DESC, a.id LIMIT ?2 OFFSET ?3",
        (pattern, limit, offset),
    ).fetchall()
    return total, [
        ArticleRow(row[0], row[1], row[2], date.fromisoformat(row[3]) if row[3] else None, *row[4:]) for row in rows
    ]


def facets(db: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """The agencies and the categories the index holds, sorted."""
    sources = [r[0] for r in db.execute("SELECT DISTINCT source FROM articles WHERE source != '' ORDER BY 1")]
    categories = [r[0] for r in db.execute("SELECT DISTINCT category FROM articles WHERE category != '' ORDER BY 1")]
    return sources, categories


def chunk_holding(db: sqlite3.Connection, article_id: str, start: int, end: int) -> str | None:
    """The id of the article's first chunk that holds the span [start, end), or None."""
    row = db.execute(
        'SELECT id FROM chunks WHERE article_id = ? AND start <= ? AND "end" >= ? ORDER BY position LIMIT 1',
        (article_id, start, end),
    ).fetchone()
    return row[0] if row else None


def sentence_key(db: sqlite3.Connection, article_id: str, start: int, end: int) -> SentenceKey | None:
    """Where the vector of the article's sentence [start, end) is stored: the first chunk holding it and the
    sentence's position among that chunk's sentences; None when no chunk splits it out as one sentence."""
    row = db.execute(
        'SELECT c.id, c.start, substr(a.text, c.start + 1, c."end" - c.start) FROM chunks c '
        'JOIN articles a ON a.id = c.article_id WHERE c.article_id = ? AND c.start <= ? AND c."end" >= ? '
        "ORDER BY c.position LIMIT 1",
        (article_id, start, end),
    ).fetchone()
    if row is None:
        return None
    chunk_id, chunk_start, text = row
    for position, (span, _) in enumerate(_passage_sentences(text)):
        if (chunk_start + span.start, chunk_start + span.end) == (start, end):
            return chunk_id, position
    return None


@lru_cache(maxsize=4096)
def _passage_sentences(text: str) -> list[tuple[Span, str]]:
    """A chunk's sentences, split once per chunk text (the same chunks hold the statements of many questions)."""
    return passage_sentences(text)
