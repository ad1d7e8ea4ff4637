"""The SQLite manifest: which articles and chunks are committed; the index's single commit record."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from index.article import Article
from index.chunk import Chunk
from index.store.extension import ArticleExtension, ExternalIndex
from index.store.sentence_forms import decode_sentences, encode_sentences
from index.text.sentences import normalized_sentences

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
    url TEXT NOT NULL, source TEXT NOT NULL, published TEXT, category TEXT NOT NULL, tags TEXT NOT NULL,
    origin TEXT NOT NULL, ingested_at REAL NOT NULL, published_from TEXT NOT NULL DEFAULT '',
    quoting TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    search_text TEXT NOT NULL, text_hash TEXT NOT NULL, token_count INTEGER NOT NULL, sentences TEXT);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE INDEX IF NOT EXISTS chunks_text_hash ON chunks(text_hash);
CREATE TABLE IF NOT EXISTS orphans (chunk_id TEXT PRIMARY KEY);
"""
_ADDED_COLUMNS = {"published_from": "TEXT NOT NULL DEFAULT ''", "quoting": "TEXT NOT NULL DEFAULT ''"}
"""Article columns added after the first release, created in an older index when it is opened."""
_ADDED_CHUNK_COLUMNS = {"sentences": "TEXT"}
"""Chunk columns added later, created (empty: NULL) in an older index when it is opened; `sentences` holds the chunk's
normalized sentences (`encode_sentences`), which an older index's next ingest fills in."""
_FIRST_COLUMNS = ("id", "content_hash", "title", "text", "url", "source", "published", "category", "tags", "origin")
_ARTICLE_COLUMNS = ", ".join((*_FIRST_COLUMNS, "ingested_at", *_ADDED_COLUMNS))


@dataclass(frozen=True)
class ChunkRecord:
    """A committed chunk with its article's metadata, as retrieval returns it."""

    id: str
    article_id: str
    position: int
    start: int
    end: int
    text: str
    title: str
    url: str
    source: str
    published: date | None
    category: str
    search_text: str
    sentences_column: str | None
    """The normalized form of each sentence of `text` as ingest stored it (`encode_sentences`), decoded only for the
    chunks that are read (None in an index from before that)."""

    @property
    def sentences(self) -> tuple[str, ...] | None:
        """The normalized form of each sentence of `text`, or None where an older index did not store them."""
        return None if self.sentences_column is None else decode_sentences(self.search_text, self.sentences_column)


def _batches(ids: Sequence[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """Ids in batches that fit an SQL `IN (...)`, each with its placeholders."""
    for offset in range(0, len(ids), size):
        batch = list(ids[offset : offset + size])
        yield batch, ",".join("?" * len(batch))


def _day(published: str | None) -> date | None:
    """A stored ISO date back to a date."""
    return date.fromisoformat(published) if published else None


class Manifest:
    """Committed articles and chunks, and the chunk ids whose vectors must still be deleted (orphans)."""

    def __init__(self, path: Path, extensions: Sequence[ArticleExtension] = ()) -> None:
        self.path = path
        self.extensions = tuple(extensions)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        self._add_columns()
        for extension in self.extensions:
            self._db.executescript(extension.schema)
            if isinstance(extension, ExternalIndex):
                extension.open(self._db)
            self._catch_up(extension)
        self._apply()

    def _add_columns(self) -> None:
        """Add the article and chunk columns an index written by an older version lacks."""
        for table, added in (("articles", _ADDED_COLUMNS), ("chunks", _ADDED_CHUNK_COLUMNS)):
            present = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            for name, kind in added.items():
                if name not in present:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    @property
    def connection(self) -> sqlite3.Connection:
        """The database, for reading what extensions derived (writes go through commit and remove)."""
        return self._db

    def _catch_up(self, extension: ArticleExtension) -> None:
        """Re-derive every article's rows when an extension's version differs from the one recorded. An extension that
        reads what earlier articles derived (people's identities) is cleared first and fed the articles in the order
        they were last written, so that it derives what ingesting them did."""
        key = f"extension:{extension.name}"
        if self.meta(key) == extension.version:
            return
        clear = getattr(extension, "clear", None)
        with self._transaction():
            if clear is not None:
                clear(self._db)
            for article_id in [row[0] for row in self._db.execute("SELECT id FROM articles ORDER BY rowid")]:
                article = self.find_article(article_id)
                if article is not None:
                    extension.write(self._db, article)
            self.set_meta(key, extension.version)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def meta(self, key: str) -> str | None:
        """A recorded setting of the index."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Record a setting of the index."""
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        """A counter bumped by every commit, so derived indexes know when they are stale."""
        return int(self.meta("generation") or 0)

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The committed content hash of each of these articles that is indexed."""
        found: dict[str, str] = {}
        for batch, marks in _batches(ids):
            found.update(self._db.execute(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", batch))
        return found

    def chunk_ids_of(self, article_ids: Sequence[str]) -> dict[str, list[str]]:
        """The committed chunk ids of each of these articles."""
        found: dict[str, list[str]] = {}
        for batch, marks in _batches(article_ids):
            query = f"SELECT article_id, id FROM chunks WHERE article_id IN ({marks}) ORDER BY position"
            for article_id, chunk_id in self._db.execute(query, batch):
                found.setdefault(article_id, []).append(chunk_id)
        return found

    def article_ids(self) -> list[str]:
        """Every committed article id."""
        return [row[0] for row in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def chunks_of(self, article: Article) -> list[Chunk]:
        """The committed chunks of this article, in order, with their verbatim text."""
        rows = self._db.execute(
            'SELECT id, position, start, "end", search_text, token_count, sentences FROM chunks WHERE article_id = ? '
            "ORDER BY position",
            (article.id,),
        )
        chunks = []
        for chunk_id, position, start, end, search_text, tokens, sentences in rows:
            text = article.text[start:end]
            forms = normalized_sentences(text) if sentences is None else decode_sentences(search_text, sentences)
            chunks.append(Chunk(chunk_id, article.id, position, start, end, text, search_text, tokens, forms))
        return chunks

    def lacks_sentences(self, chunk_ids: Sequence[str]) -> list[str]:
        """Those of these chunks whose normalized sentences are not stored (written by an older version)."""
        lacking: list[str] = []
        for batch, marks in _batches(chunk_ids):
            query = f"SELECT id FROM chunks WHERE sentences IS NULL AND id IN ({marks})"
            lacking.extend(row[0] for row in self._db.execute(query, batch))
        return lacking

    def store_sentences(self, chunks: Sequence[Chunk]) -> None:
        """Store the normalized sentences of committed chunks, in one transaction."""
        with self._transaction():
            self._db.executemany(
                "UPDATE chunks SET sentences = ? WHERE id = ?",
                ((encode_sentences(c.search_text, c.sentences), c.id) for c in chunks),
            )

    def chunks_with_text(self, text_hashes: Sequence[str]) -> dict[str, str]:
        """A committed chunk id for each of these searched-text digests that is already embedded."""
        found: dict[str, str] = {}
        for batch, marks in _batches(text_hashes):
            found.update(self._db.execute(f"SELECT text_hash, id FROM chunks WHERE text_hash IN ({marks})", batch))
        return found

    def article_texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The headline and text of each stored article of the ids."""
        unique = list(dict.fromkeys(article_ids))
        marks = ",".join("?" * len(unique))
        rows = self._db.execute(f"SELECT id, title, text FROM articles WHERE id IN ({marks})", unique) if unique else []
        return {article_id: f"{title} {text}" for article_id, title, text in rows}

    def find_article(self, key: str) -> Article | None:
        """The article whose id or URL is the key."""
        row = self._db.execute(
            "SELECT id, title, text, url, source, published, category, tags, origin, published_from, quoting "
            "FROM articles WHERE id = ? OR url = ? ORDER BY id = ? DESC LIMIT 1",
            (key, key, key),
        ).fetchone()
        if row is None:
            return None
        article_id, title, text, url, source, published, category, tags, origin, published_from, quoting = row
        return Article(
            article_id, title, text, url, source, _day(published), category, tuple(json.loads(tags)), origin,
            published_from=published_from, quoting=quoting,
        )  # fmt: skip

    def journal_orphans(self, chunk_ids: Iterable[str]) -> None:
        """Record vectors about to be written, so that an interrupted write is cleaned up later."""
        with self._transaction():
            self._db.executemany("INSERT OR IGNORE INTO orphans(chunk_id) VALUES (?)", ((i,) for i in chunk_ids))

    def orphans(self) -> list[str]:
        """Chunk ids whose vectors exist or may exist in Chroma without a committed chunk."""
        return [row[0] for row in self._db.execute("SELECT chunk_id FROM orphans")]

    def forget_orphans(self, chunk_ids: Sequence[str]) -> None:
        """Drop orphans whose vectors have been deleted."""
        with self._transaction():
            self._db.executemany("DELETE FROM orphans WHERE chunk_id = ?", ((i,) for i in chunk_ids))

    def commit(self, articles: Sequence[tuple[Article, list[Chunk]]], orphans: bool = True) -> None:
        """Commit articles with their chunks in one transaction; replaced chunks become orphans unless another
        writer owns their vectors (`orphans=False`: a replica applying the shared change log)."""
        now = time.time()
        with self._transaction():
            for article, chunks in articles:
                new_ids = [chunk.id for chunk in chunks]
                if orphans:
                    self._db.execute(
                        "INSERT OR IGNORE INTO orphans(chunk_id) SELECT id FROM chunks WHERE article_id = ? "
                        f"AND id NOT IN ({','.join('?' * len(new_ids))})",
                        (article.id, *new_ids),
                    )
                self._db.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                self._db.execute(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.content_hash,
                        article.title,
                        article.text,
                        article.url,
                        article.source,
                        article.published.isoformat() if article.published else None,
                        article.category,
                        json.dumps(list(article.tags), ensure_ascii=False),
                        article.origin,
                        now,
                        article.published_from,
                        article.quoting,
                    ),
                )
                self._db.executemany(
                    "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            c.id,
                            c.article_id,
                            c.position,
                            c.start,
                            c.end,
                            c.search_text,
                            c.text_hash,
                            c.token_count,
                            encode_sentences(c.search_text, c.sentences),
                        )
                        for c in chunks
                    ],
                )
                self._db.executemany("DELETE FROM orphans WHERE chunk_id = ?", ((i,) for i in new_ids))
                for extension in self.extensions:
                    extension.write(self._db, article)
            self._bump()
        self._apply()

    def remove(self, article_id: str, orphans: bool = True) -> list[str]:
        """Remove an article in one transaction; its chunks become orphans (unless `orphans=False`, as in
        `commit`). Returns their ids."""
        return self.remove_all([article_id], orphans)

    def remove_all(self, article_ids: Sequence[str], orphans: bool = True) -> list[str]:
        """Remove articles in one transaction and one update of the external indexes (the cost of one removal
        paid once, not per article); their chunks become orphans unless `orphans=False`. Returns their ids."""
        chunk_ids: list[str] = []
        with self._transaction():
            for article_id in article_ids:
                found = [
                    row[0] for row in self._db.execute("SELECT id FROM chunks WHERE article_id = ?", (article_id,))
                ]
                if orphans:
                    self._db.executemany("INSERT OR IGNORE INTO orphans(chunk_id) VALUES (?)", ((i,) for i in found))
                self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                for extension in self.extensions:
                    extension.delete(self._db, article_id)
                chunk_ids.extend(found)
            self._bump()
        self._apply()
        return chunk_ids

    def records(self, chunk_ids: Sequence[str]) -> dict[str, ChunkRecord]:
        """Committed chunks with their article metadata; ids not committed are left out."""
        found: dict[str, ChunkRecord] = {}
        for batch, marks in _batches(chunk_ids):
            query = (
                'SELECT c.id, c.article_id, c.position, c.start, c."end", '
                'substr(a.text, c.start + 1, c."end" - c.start), a.title, a.url, a.source, a.published, a.category, '
                "c.search_text, c.sentences "
                f"FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})"
            )
            for row in self._db.execute(query, batch):
                found[row[0]] = ChunkRecord(*row[:9], _day(row[9]), *row[10:])
        return found

    def stats(self) -> dict[str, object]:
        """Counts, how many articles are dated and from where, and the time of the last ingest."""
        articles, last = self._db.execute("SELECT count(*), max(ingested_at) FROM articles").fetchone()
        chunks, tokens = self._db.execute("SELECT count(*), coalesce(sum(token_count), 0) FROM chunks").fetchone()
        sources = dict(self._db.execute("SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC"))
        dated = dict(
            self._db.execute(
                "SELECT published_from, count(*) FROM articles WHERE published IS NOT NULL "
                "GROUP BY published_from ORDER BY count(*) DESC"
            )
        )
        return {
            "articles": articles,
            "chunks": chunks,
            "tokens": tokens,
            "last_ingest": last,
            "sources": sources,
            "dated": sum(dated.values()),
            "dated_from": dated,
        }

    def undated_count(self, source: str | None, category: str | None) -> int:
        """How many articles of an agency and a category have no publication date (a date filter leaves them out)."""
        clauses, values = ["published IS NULL"], []
        for clause, value in (("source = ?", source), ("category = ?", category)):
            if value:
                clauses.append(clause)
                values.append(value)
        return self._db.execute(f"SELECT count(*) FROM articles WHERE {' AND '.join(clauses)}", values).fetchone()[0]

    def _apply(self) -> None:
        """Bring the extensions that live outside the database up to what was just committed."""
        for extension in self.extensions:
            if isinstance(extension, ExternalIndex):
                extension.apply(self._db)

    def _bump(self) -> None:
        """Advance the generation inside the current transaction."""
        self.set_meta("generation", str(self.generation + 1))

    def _transaction(self):
        """A write transaction that commits on success and rolls back on any error or interrupt."""
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back when the block raises (Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, trace) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
