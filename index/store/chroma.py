"""The Chroma backend of the vector store (embedded or a `chroma run` server): the only module that imports chromadb."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from index.article import Article
from index.chunk import Chunk
from index.store.base import SentenceKey
from index.store.errors import IndexMismatchError, StoreUnavailableError
from index.store.filters import SearchFilters

SAMPLE_WINDOWS = 16  # runs a sample is read in: spread over the ingest order, few enough to stay one round trip each
SENTENCES_SUFFIX = "sentences"  # `<collection>-sentences`: the sentence vectors beside the chunk vectors
SEARCH_BREADTH = 400  # HNSW's ef_search: its top 20 match exact search for 65 of 67 dev questions (Chroma's 100: 44)


def chroma_metadata(article: Article, chunk: Chunk) -> dict[str, str | int]:
    """Chunk metadata stored with its vector, in the form `chroma_where` filters on."""
    metadata: dict[str, str | int] = {
        "article_id": article.id,
        "position": chunk.position,
        "start": chunk.start,
        "end": chunk.end,
        "source": article.source,
        "category": article.category,
        "text_hash": chunk.text_hash,
    }
    if article.published:
        metadata["published_day"] = int(article.published.strftime("%Y%m%d"))
    return metadata


def chroma_where(filters: SearchFilters | None) -> dict[str, Any] | None:
    """The filters as a Chroma metadata `where` clause over the chunk metadata ingest writes."""
    if filters is None:
        return None
    clauses: list[dict[str, Any]] = []
    if filters.source:
        clauses.append({"source": filters.source})
    if filters.category:
        clauses.append({"category": filters.category})
    if filters.since:
        clauses.append({"published_day": {"$gte": int(filters.since.strftime("%Y%m%d"))}})
    if filters.until:
        clauses.append({"published_day": {"$lte": int(filters.until.strftime("%Y%m%d"))}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def chroma_client(home: Path, chroma_url: str | None):
    """An embedded PersistentClient in the home directory, or an HttpClient for a `chroma run` server."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if not chroma_url:
        return chromadb.PersistentClient(path=str(home / "chroma"), settings=settings)
    parsed = urlparse(chroma_url)
    try:
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    except Exception as error:  # chromadb raises bare exceptions for connection failures
        raise StoreUnavailableError(f"Cannot reach the Chroma server at {chroma_url}: {error}") from error


def sentence_id(key: SentenceKey) -> str:
    """The Chroma id of a sentence vector: its chunk id and position."""
    return f"{key[0]}/{key[1]}"


def sentence_key(stored_id: str) -> SentenceKey:
    """A sentence vector's Chroma id back to (chunk id, position)."""
    chunk, _, position = stored_id.rpartition("/")
    return chunk, int(position)


def search_breadth(collection) -> int | None:
    """How many candidates the collection's HNSW search keeps (its ef_search)."""
    return (collection.configuration_json or {}).get("hnsw", {}).get("ef_search")


class ChromaVectorStore:
    """Chunk vectors with their metadata in one Chroma collection that records its embedder, and their sentences'
    vectors in `<collection>-sentences` beside it (on the same server, so every replica reads them); connected on
    first use."""

    def __init__(self, home: Path, chroma_url: str | None, collection: str, fingerprint: str) -> None:
        self.location = chroma_url or str(home / "chroma")
        self._home, self._chroma_url, self._name, self._fingerprint = home, chroma_url, collection, fingerprint

    @cached_property
    def _client(self):
        """The Chroma client (chromadb imported, the server reached) the first time vectors are needed."""
        return chroma_client(self._home, self._chroma_url)

    @cached_property
    def _collection(self):
        """The chunk vectors' collection, checked against the embedder, searched `SEARCH_BREADTH` wide (an index
        built before is widened when opened)."""
        collection = self._open(self._name)
        if search_breadth(collection) != SEARCH_BREADTH:
            collection.modify(configuration={"hnsw": {"ef_search": SEARCH_BREADTH}})
        return collection

    @cached_property
    def _sentences(self):
        """The sentence vectors' collection, checked against the embedder."""
        return self._open(f"{self._name}-{SENTENCES_SUFFIX}")

    def _open(self, name: str):
        """A collection of this store, created with the embedder's fingerprint, refused when built with another."""
        collection = self._client.get_or_create_collection(
            name, embedding_function=None, metadata={"khabar_fingerprint": self._fingerprint, "hnsw:space": "cosine"}
        )
        recorded = (collection.metadata or {}).get("khabar_fingerprint")
        if recorded != self._fingerprint:
            raise IndexMismatchError(
                f"The Chroma collection {name!r} at {self.location} was built with [{recorded}], "
                f"not [{self._fingerprint}]. Use the embedder it was built with, or another --index / collection."
            )
        return collection

    def count(self) -> int:
        """How many vectors the collection holds."""
        return self._collection.count()

    def existing(self, ids: Sequence[str]) -> set[str]:
        """Which of these chunk ids already have a vector."""
        if not ids:
            return set()
        return set(self._collection.get(ids=list(ids), include=[])["ids"])

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunk ids."""
        if not ids:
            return {}
        result = self._collection.get(ids=list(ids), include=["embeddings"])
        return {
            chunk_id: np.asarray(vector, dtype=np.float32)
            for chunk_id, vector in zip(result["ids"], result["embeddings"], strict=True)
        }

    def sample(self, n: int) -> np.ndarray:
        """Up to n stored vectors, read in `SAMPLE_WINDOWS` runs spread over the collection (one run would hold
        only the first articles ingested, often one category)."""
        total = self.count()
        if total == 0 or n <= 0:
            return np.zeros((0, 0), dtype=np.float32)
        per_window = max(1, n // SAMPLE_WINDOWS)
        offsets = sorted({total * i // SAMPLE_WINDOWS for i in range(SAMPLE_WINDOWS)})
        rows = []
        for offset in offsets:
            result = self._collection.get(offset=offset, limit=per_window, include=["embeddings"])
            rows.extend(np.asarray(vector, dtype=np.float32) for vector in result["embeddings"])
        return np.stack(rows[:n])

    def upsert(self, chunks: Sequence[tuple[Article, Chunk]], vectors: np.ndarray) -> None:
        """Write the vectors of chunks (one row each) with their article's metadata. The chunk text stays in the
        manifest alone: khabar never reads it from Chroma, and storing it there halved the insert rate (Chroma
        indexes documents for its own full-text search; `benchmarks/scale.py`, docs/benchmarks.md "Scale")."""
        if chunks:
            self._collection.upsert(
                ids=[chunk.id for _, chunk in chunks],
                embeddings=vectors,
                metadatas=[chroma_metadata(article, chunk) for article, chunk in chunks],
            )

    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunk vectors and their sentences' vectors; ids that are not there are ignored."""
        if ids:
            self._sentences.delete(where={"chunk_id": {"$in": list(ids)}})
            self._collection.delete(ids=list(ids))

    def sentence_vectors(self, keys: Sequence[SentenceKey]) -> dict[SentenceKey, np.ndarray]:
        """The stored vectors of these sentences (unknown ones left out)."""
        if not keys:
            return {}
        result = self._sentences.get(ids=[sentence_id(key) for key in keys], include=["embeddings"])
        return {
            sentence_key(stored): np.asarray(vector, dtype=np.float32)
            for stored, vector in zip(result["ids"], result["embeddings"], strict=True)
        }

    def sentence_counts(self, chunk_ids: Sequence[str]) -> dict[str, int]:
        """How many sentence vectors each of these chunks has stored (chunks with none left out)."""
        if not chunk_ids:
            return {}
        counts: dict[str, int] = {}
        for stored in self._sentences.get(where={"chunk_id": {"$in": list(chunk_ids)}}, include=[])["ids"]:
            chunk = sentence_key(stored)[0]
            counts[chunk] = counts.get(chunk, 0) + 1
        return counts

    def upsert_sentences(self, keys: Sequence[SentenceKey], vectors: np.ndarray) -> None:
        """Write the vectors of sentences of chunks, one row each, with their chunk id (which removal deletes by)."""
        if keys:
            self._sentences.upsert(
                ids=[sentence_id(key) for key in keys],
                embeddings=vectors,
                metadatas=[{"chunk_id": chunk} for chunk, _ in keys],
            )

    def search(self, vector: np.ndarray, n: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """The nearest chunks as (id, cosine similarity), best first; optionally only those the filters allow. Chroma
        returns fewer than n when it holds fewer (none when empty), so no count is asked first (a round trip)."""
        result = self._collection.query(
            query_embeddings=[vector], n_results=n, where=chroma_where(filters), include=["distances"]
        )
        return [
            (chunk_id, 1.0 - float(distance))
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]
