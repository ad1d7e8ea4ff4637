"""The vector store protocol: what ingest and retrieval need from any backend (Chroma is the one shipped)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from index.article import Article
from index.chunk import Chunk
from index.store.filters import SearchFilters
from index.store.records import Change

SentenceKey = tuple[str, int]
"""A sentence of a chunk: the chunk id and the sentence's position among `passage_sentences(chunk.text)`."""


class VectorStore(Protocol):
    """Chunk vectors keyed by chunk id, searched by cosine similarity and filtered by their article's metadata; beside
    them the passage vectors of each chunk's sentences, which the reader reads instead of embedding them per question.

    Every backend passes the contract suite in `tests/index/store_contract.py`; filters are translated inside the
    backend, so nothing above `index/store/` knows a backend's query syntax.
    """

    location: str

    def count(self) -> int:
        """How many vectors the store holds."""

    def existing(self, ids: Sequence[str]) -> set[str]:
        """Which of these chunk ids already have a vector."""

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunk ids (unknown ids left out)."""

    def sample(self, n: int) -> np.ndarray:
        """Up to n stored vectors spread over the whole store (one row each), to tell how close a query is to the
        corpus at large."""

    def upsert(self, chunks: Sequence[tuple[Article, Chunk]], vectors: np.ndarray) -> None:
        """Write (or replace) the vectors of chunks, one row each, with their article's metadata."""

    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunk vectors and their sentences' vectors; ids that are not there are ignored."""

    def sentence_vectors(self, keys: Sequence[SentenceKey]) -> dict[SentenceKey, np.ndarray]:
        """The stored vectors of these sentences (unknown ones left out)."""

    def sentence_counts(self, chunk_ids: Sequence[str]) -> dict[str, int]:
        """How many sentence vectors each of these chunks has stored (chunks with none left out)."""

    def upsert_sentences(self, keys: Sequence[SentenceKey], vectors: np.ndarray) -> None:
        """Write (or replace) the vectors of sentences of chunks, one row each."""

    def search(self, vector: np.ndarray, n: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """The n nearest chunks as (id, cosine similarity), best first; only those the filters allow."""


class ChangeLog(Protocol):
    """The shared record of every article and its latest change, from which each replica brings its cache up to date.

    One entry per article (the log compacted to its latest change): written before the writer's own cache, so that
    the shared store, not any replica's disk, is the truth. Every backend passes `tests/index/test_replicas.py`.
    """

    def publish(self, articles: Sequence[tuple[Article, list[Chunk]]]) -> None:
        """Record these articles (added or edited) with their chunks as the latest change to each."""

    def retract(self, article_ids: Sequence[str]) -> None:
        """Record the removal of these articles (a tombstone, so that every replica learns of it)."""

    def head(self) -> str:
        """A token every publish and retract replaces after writing its entries ("" before any): a reader that finds
        it unchanged knows nothing was written since it last read it."""

    def changes_since(self, stamp: int) -> list[Change]:
        """The latest change of every article changed after this stamp (0: every article ever recorded)."""

    def records(self, article_ids: Sequence[str]) -> dict[str, tuple[Article, list[Chunk]]]:
        """The recorded articles with their chunks (removed or unknown ids left out)."""
