"""The tantivy lexical backend: khabar's stemmed terms of every chunk in a tantivy index beside the manifest,
searched top-k with block-max WAND (only the chunks that can still reach the top are scored).

Crash safety: the manifest is the truth. Inside each manifest transaction `write`/`delete` only journal the
article's id (`lexical_pending`); after the commit `apply` re-derives the journalled articles' documents from the
manifest, commits tantivy, and only then clears their journal rows. A crash between the two leaves the rows, and
the next open (or write) applies them again, which is idempotent. On opening, a missing, unreadable or
other-version tantivy directory is re-derived from the manifest, and so is one whose document count disagrees
with the manifest's chunks while nothing is journalled.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections import Counter
from pathlib import Path

from index.article import Article
from index.store.filters import SearchFilters
from index.store.lexical import TermStatistics
from index.text.tokens import TERMS_VERSION, terms

JOURNAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS lexical_pending (change INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL);
"""
WRITER_HEAP_BYTES = 64_000_000
"""What the writer buffers before it writes a segment: tantivy's default is 128 MB over all threads; one thread
and 64 MB index the 1M-chunk benchmark at ~80k chunks/s without holding more memory than a question needs."""
LOCK_WAIT_SECONDS = 30.0
"""How long a write waits for another process's tantivy writer before leaving its changes journalled (they are
applied by the next write or open, and nothing is lost)."""
_BATCH = 500
"""Journalled articles read from the manifest per step of `apply`."""


def _schema():
    """The tantivy schema: terms (whitespace-split, frequencies kept for BM25), the chunk id stored, and the
    article id, agency, category and publication day for deletes and filters."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("chunk", stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("article", "source", "category"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", indexed=True, fast=True)
    return builder.build()


class TantivyLexicalIndex(TermStatistics):
    """BM25 from a tantivy index of khabar's own terms, kept in step with the manifest (an `ExternalIndex`).

    The text tantivy indexes is khabar's terms (Persian stems, stop words dropped) joined by spaces, split by the
    `whitespace` tokenizer, which changes nothing else, so Persian handling stays khabar's and one term is one
    tantivy token. Tantivy scores Lucene's BM25 (Lucene's IDF, k1 1.2, b 0.75) with chunk lengths stored in
    Lucene's one-byte form, so a score can differ from an exact-length BM25 by a few percent.
    """

    name = "lexical-tantivy"
    version = f"tantivy/{TERMS_VERSION}/schema-1"
    schema = JOURNAL_SCHEMA

    def __init__(self, directory: Path, lock_wait: float = LOCK_WAIT_SECONDS) -> None:
        self.directory, self.lock_wait = directory, lock_wait
        self._index = None
        self._opened_stamp: tuple[int, int] | None = None

    # -- kept in step with the manifest ------------------------------------------------------------------------

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """Journal the article inside the manifest's transaction; `apply` indexes its chunks after the commit."""
        db.execute("INSERT INTO lexical_pending(article_id) VALUES (?)", (article.id,))

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """Journal the article's removal inside the manifest's transaction; `apply` deletes its documents."""
        db.execute("INSERT INTO lexical_pending(article_id) VALUES (?)", (article_id,))

    def open(self, db: sqlite3.Connection) -> None:
        """Open the tantivy directory; start it afresh (the manifest's catch-up then journals every article) when it
        is missing, unreadable, of another version, or disagrees with the manifest's chunk count."""
        import tantivy

        recorded = db.execute("SELECT value FROM meta WHERE key = ?", (f"extension:{self.name}",)).fetchone()
        if recorded is None or recorded[0] != self.version or not (self.directory / "meta.json").exists():
            self._reset(db)
            return
        try:
            self._index = tantivy.Index(_schema(), path=str(self.directory), reuse=True)
        except (ValueError, OSError):
            self._reset(db)
            return
        self._index.config_reader(reload_policy="Manual")
        writer = self._writer(wait=0.0)
        if writer is None:
            return  # another process is writing: it applies the journal, and checks the count when it opens
        try:
            db.execute("BEGIN")
            pending = db.execute("SELECT count(*) FROM lexical_pending").fetchone()[0]
            chunks = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
            db.execute("COMMIT")
            if not pending and chunks != self._searcher().num_docs:
                writer.delete_all_documents()
                writer.commit()
                db.execute("DELETE FROM meta WHERE key = ?", (f"extension:{self.name}",))
        finally:
            writer = None  # the lock is released: the catch-up's apply takes it again

    def apply(self, db: sqlite3.Connection) -> None:
        """Index the journalled articles as the manifest now holds them, commit, then clear their journal rows
        (cost in proportion to the articles changed). Left journalled when another writer holds the lock."""
        writer, last = None, 0
        try:
            while pending := db.execute(
                "SELECT change, article_id FROM lexical_pending WHERE change > ? ORDER BY change LIMIT ?",
                (last, _BATCH),
            ).fetchall():
                if writer is None and (writer := self._writer(wait=self.lock_wait)) is None:
                    return
                last = pending[-1][0]
                self._replace(writer, db, list(dict.fromkeys(article_id for _, article_id in pending)))
            if writer is None:
                return
            writer.commit()
            writer.wait_merging_threads()
        finally:
            writer = None  # releases tantivy's lock even when the commit was interrupted (nothing is committed then)
        db.execute("DELETE FROM lexical_pending WHERE change <= ?", (last,))
        self._searcher()  # reloaded here, so the next question of this process does not pay for it

    def _replace(self, writer, db: sqlite3.Connection, article_ids: list[str]) -> None:
        """Delete these articles' documents and add their chunks as the manifest now holds them (none if removed)."""
        for article_id in article_ids:
            writer.delete_documents_by_term("article", article_id)
        for row in db.execute(
            "SELECT c.id, c.article_id, c.search_text, a.source, a.category, a.published FROM chunks c "
            f"JOIN articles a ON a.id = c.article_id WHERE c.article_id IN ({','.join('?' * len(article_ids))}) "
            "ORDER BY c.article_id, c.position",
            article_ids,
        ):
            writer.add_document(self._document(*row))

    @classmethod
    def discard(cls, directory: Path, db: sqlite3.Connection) -> None:
        """Delete the tantivy index of an index that now keeps its terms in another backend (and forget its
        version, so that coming back to tantivy derives it again)."""
        shutil.rmtree(directory, ignore_errors=True)
        db.execute("DELETE FROM meta WHERE key = ?", (f"extension:{cls.name}",))
        db.execute("DROP TABLE IF EXISTS lexical_pending")

    def _reset(self, db: sqlite3.Connection) -> None:
        """A new, empty tantivy directory, its version forgotten so that the manifest's catch-up journals every
        article."""
        import tantivy

        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True)
        self._index = tantivy.Index(_schema(), path=str(self.directory), reuse=False)
        self._index.config_reader(reload_policy="Manual")
        db.execute("DELETE FROM meta WHERE key = ?", (f"extension:{self.name}",))
        db.execute("DELETE FROM lexical_pending")

    def _writer(self, wait: float):
        """The tantivy writer (one thread), waiting up to `wait` seconds for another's lock; None if still held."""
        deadline = time.monotonic() + wait
        while True:
            try:
                return self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() >= deadline:
                    return None
                time.sleep(0.05)

    def _document(self, chunk_id, article_id, search_text, source, category, published):
        """One chunk as a tantivy document."""
        import tantivy

        fields = {"chunk": chunk_id, "article": article_id, "source": source, "category": category}
        if published:
            fields["day"] = int(published.replace("-", ""))
        return tantivy.Document(terms=" ".join(terms(search_text)), **fields)

    # -- searched ----------------------------------------------------------------------------------------------

    def _searcher(self):
        """A searcher over the last commit of any process (reloaded when tantivy's meta.json was replaced)."""
        meta = (self.directory / "meta.json").stat()
        stamp = (meta.st_ino, meta.st_mtime_ns)
        if stamp != self._opened_stamp:
            self._index.reload()
            self._opened_stamp = stamp
        return self._index.searcher()

    @property
    def size(self) -> int:
        """How many chunks are indexed."""
        return self._searcher().num_docs

    def frequencies(self, tokens: list[str]) -> dict[str, int]:
        """How many chunks hold each token (0 for tokens the index does not know; a deleted chunk counts until its
        segment is merged, as in Lucene)."""
        searcher = self._searcher()
        found = {token: searcher.doc_freq("terms", token) for token in dict.fromkeys(tokens)}
        return {token: found[token] for token in tokens}

    def search(self, normalized_query: str, n: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """The n best-matching chunks as (id, BM25 score), best first; only those the filters allow. A term asked
        twice is two clauses, so it counts twice."""
        import tantivy

        counts = Counter(terms(normalized_query))
        if not counts or n <= 0:
            return []
        schema = self._index.schema
        searcher = self._searcher()
        asked = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(schema, "terms", token, index_option="freq"))
                for token, count in counts.items()
                for _ in range(count)
            ]
        )
        allowed = [(tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in self._filters(filters)]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, asked), *allowed]) if allowed else asked
        hits = searcher.search(query, n, count=False).hits
        return [(searcher.doc(address)["chunk"][0], score) for score, address in hits]

    def _filters(self, filters: SearchFilters | None) -> list:
        """The filters as tantivy queries on the chunk documents' agency, category and day."""
        import tantivy

        if filters is None:
            return []
        schema = self._index.schema
        queries = [
            tantivy.Query.term_query(schema, name, value, index_option="basic")
            for name, value in (("source", filters.source), ("category", filters.category))
            if value
        ]
        if filters.since or filters.until:
            day = [int(d.strftime("%Y%m%d")) if d else None for d in (filters.since, filters.until)]
            queries.append(tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, *day))
        return queries
