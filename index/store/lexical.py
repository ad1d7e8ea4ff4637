"""The lexical index protocol (BM25 over khabar's stemmed terms) and the term statistics every backend shares."""

from __future__ import annotations

import math
from typing import Protocol

from index.store.filters import SearchFilters


def lucene_idf(frequencies: dict[str, int], total: int) -> dict[str, float]:
    """Lucene's BM25 inverse document frequency of each term, from how many of `total` chunks hold it."""
    return {term: math.log(1.0 + (total - count + 0.5) / (count + 0.5)) for term, count in frequencies.items()}


class LexicalIndex(Protocol):
    """BM25 over the stemmed terms of every committed chunk, always current with the manifest.

    Every backend (SQLite FTS5 in `lexical_fts5.py`, tantivy in `lexical_tantivy.py`) passes the contract suite in
    `tests/index/lexical_contract.py`, and scores as Lucene's BM25 (k1 1.2, b 0.75, Lucene's IDF, (k1 + 1) kept).
    """

    @property
    def size(self) -> int:
        """How many chunks are indexed."""

    def search(self, normalized_query: str, n: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """The n best-matching chunks as (id, BM25 score), best first; only those the filters allow. A term asked
        twice counts twice."""

    def frequencies(self, tokens: list[str]) -> dict[str, int]:
        """How many chunks hold each token (0 for tokens the index does not know)."""

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each token; unseen tokens get the rarest weight."""

    def rare_terms(self, tokens: list[str], share: float) -> list[str]:
        """The tokens found in at most `share` of the chunks (unknown ones included); none in a tiny index."""


class TermStatistics:
    """`idf` and `rare_terms` from a backend's `frequencies` and `size`."""

    size: int

    def frequencies(self, tokens: list[str]) -> dict[str, int]:
        """How many chunks hold each token (0 for tokens the index does not know)."""
        raise NotImplementedError

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each token; unseen tokens get the rarest weight."""
        return lucene_idf(self.frequencies(tokens), self.size)

    def rare_terms(self, tokens: list[str], share: float) -> list[str]:
        """The tokens found in at most `share` of the chunks (unknown ones included); none in a tiny index."""
        frequencies = self.frequencies(tokens)
        total = self.size
        if total * share < 1:
            return []
        return [token for token, frequency in frequencies.items() if frequency <= share * total]
