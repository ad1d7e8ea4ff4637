"""BM25 search over the committed chunks, read from the FTS5 rows the manifest keeps in step (`LexicalTerms`)."""

from __future__ import annotations

import math
import sqlite3

from index.store.filters import SearchFilters
from index.text.tokens import terms


def _fts_query(tokens: list[str]) -> str:
    """An FTS5 query matching any of the terms (each a quoted string; a repeated term counts again, as in BM25)."""
    return " OR ".join(f'"{token}"' for token in tokens)


def filter_clauses(filters: SearchFilters | None, article: str) -> tuple[list[str], list[str]]:
    """SQL conditions (and their values) on the articles table aliased `article` for these filters."""
    if filters is None:
        return [], []
    clauses, values = [], []
    for clause, value in (
        (f"{article}.source = ?", filters.source),
        (f"{article}.category = ?", filters.category),
        (f"{article}.published >= ?", filters.since.isoformat() if filters.since else None),
        (f"{article}.published <= ?", filters.until.isoformat() if filters.until else None),
    ):
        if value:
            clauses.append(clause)
            values.append(value)
    return clauses, values


def _idf(frequencies: dict[str, int], total: int) -> dict[str, float]:
    """Lucene's BM25 inverse document frequency of each term, from how many of `total` chunks hold it."""
    return {term: math.log(1.0 + (total - count + 0.5) / (count + 0.5)) for term, count in frequencies.items()}


class LexicalIndex:
    """BM25 (SQLite FTS5's `bm25()`) over the stemmed terms of every committed chunk; always current."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    @property
    def size(self) -> int:
        """How many chunks are indexed."""
        return int(self._db.execute("SELECT chunks FROM lexical_size").fetchone()[0])

    def search(self, normalized_query: str, n: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """The best-matching chunks as (id, BM25 score), best first; optionally only those the filters allow."""
        tokens = terms(normalized_query)
        if not tokens:
            return []
        clauses, values = filter_clauses(filters, "a")
        join = " JOIN articles a ON a.id = d.article_id" if clauses else ""
        where = "".join(f" AND {clause}" for clause in clauses)
        query = (
            "SELECT d.chunk_id, bm25(lexical_terms) AS score FROM lexical_terms "
            f"JOIN lexical_docs d ON d.row = lexical_terms.rowid{join} "
            f"WHERE lexical_terms MATCH ?{where} ORDER BY score LIMIT ?"
        )
        return [(chunk_id, -score) for chunk_id, score in self._db.execute(query, (_fts_query(tokens), *values, n))]

    def frequencies(self, tokens: list[str]) -> dict[str, int]:
        """How many chunks hold each token (0 for tokens the index does not know)."""
        found = {}
        for token in dict.fromkeys(tokens):
            row = self._db.execute("SELECT doc FROM lexical_vocab WHERE term = ?", (token,)).fetchone()
            found[token] = int(row[0]) if row else 0
        return {token: found[token] for token in tokens}

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each token; unseen tokens get the rarest weight."""
        return _idf(self.frequencies(tokens), self.size)

    def rare_terms(self, tokens: list[str], share: float) -> list[str]:
        """The tokens found in at most `share` of the chunks (unknown ones included); none in a tiny index."""
        frequencies = self.frequencies(tokens)
        total = self.size
        if total * share < 1:
            return []
        return [token for token, frequency in frequencies.items() if frequency <= share * total]

    def known_share(self, normalized_query: str) -> float:
        """The IDF-weighted share of the query's terms that occur in the index (0 when none do)."""
        frequencies = self.frequencies(list(dict.fromkeys(terms(normalized_query))))
        weights = _idf(frequencies, self.size)
        total = sum(weights.values())
        known = sum(weight for term, weight in weights.items() if frequencies[term] > 0)
        return known / total if total else 0.0
