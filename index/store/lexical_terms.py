"""The BM25 rows of the manifest database: khabar's stemmed terms of every chunk in an SQLite FTS5 table."""

from __future__ import annotations

import sqlite3

from index.article import Article
from index.text.tokens import TERMS_VERSION, terms

LEXICAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS lexical_docs (
    row INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS lexical_docs_article ON lexical_docs(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_terms USING fts5(terms, tokenize='ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_vocab USING fts5vocab(lexical_terms, 'row');
CREATE TABLE IF NOT EXISTS lexical_size (id INTEGER PRIMARY KEY CHECK (id = 0), chunks INTEGER NOT NULL);
INSERT OR IGNORE INTO lexical_size VALUES (0, 0);
"""


class LexicalTerms:
    """Keeps the FTS5 rows of an article's chunks in step with the manifest, inside its transactions.

    The text FTS5 indexes is khabar's own terms (Persian stems, stop words dropped) joined by spaces; the `ascii`
    tokenizer splits only on ASCII punctuation and spaces, which terms never hold, so one term is one FTS5 token.
    An index written before this table existed is filled once by the manifest's catch-up (its version is new).
    """

    name = "lexical"
    version = f"fts5/{TERMS_VERSION}"
    schema = LEXICAL_SCHEMA

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """Replace the rows of this article's committed chunks."""
        self.delete(db, article.id)
        rows = db.execute("SELECT id, search_text FROM chunks WHERE article_id = ? ORDER BY position", (article.id,))
        added = 0
        for chunk_id, search_text in rows.fetchall():
            cursor = db.execute("INSERT INTO lexical_docs(chunk_id, article_id) VALUES (?, ?)", (chunk_id, article.id))
            text = " ".join(terms(search_text))
            db.execute("INSERT INTO lexical_terms(rowid, terms) VALUES (?, ?)", (cursor.lastrowid, text))
            added += 1
        db.execute("UPDATE lexical_size SET chunks = chunks + ?", (added,))

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """Delete the rows of this article's chunks."""
        rows = [row[0] for row in db.execute("SELECT row FROM lexical_docs WHERE article_id = ?", (article_id,))]
        if not rows:
            return
        db.executemany("DELETE FROM lexical_terms WHERE rowid = ?", ((row,) for row in rows))
        db.execute("DELETE FROM lexical_docs WHERE article_id = ?", (article_id,))
        db.execute("UPDATE lexical_size SET chunks = chunks - ?", (len(rows),))
