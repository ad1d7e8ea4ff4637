"""Hybrid retrieval: dense (Chroma) and BM25 ranks fused by reciprocal rank, near-duplicates collapsed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from assistant.answer import Passage
from assistant.query.glued import unglue
from assistant.query.prepared import Query
from assistant.retrieval.filters import SearchFilters
from assistant.retrieval.fusion import reciprocal_rank_fusion
from index.embeddings.base import Embedder
from index.news_index import NewsIndex
from index.text.normalize import normalize
from index.text.tokens import words

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class RetrievalSettings:
    """How many candidates each search returns, the RRF constant and the dense vote's weight (BM25 weighs by how
    much of the question the index knows), and when two passages are duplicates."""

    candidates: int = 40
    rrf_k: int = 5  # hand-set on the FarsNews dev sets before the reader was learned; not yet learned (issue 10)
    dense_weight: float = 0.5  # hand-set likewise
    duplicate_overlap: float = 0.8
    min_known_share: float = 0.5

    def __post_init__(self) -> None:
        if self.candidates <= 0:
            raise ValueError(f"candidates must be greater than 0. Currently, candidates is {self.candidates}")


def _overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set that the other holds."""
    return len(a & b) / max(1, min(len(a), len(b)))


class HybridRetriever:
    """Finds the passages that best match a question, by meaning and by words."""

    def __init__(self, news_index: NewsIndex, embedder: Embedder, settings: RetrievalSettings | None = None) -> None:
        self.index = news_index
        self.embedder = embedder
        self.settings = settings or RetrievalSettings()

    def prepare(self, question: str, filtered: bool = False) -> Query:
        """Normalize (glued words parted) and embed a question once."""
        normalized = unglue(normalize(question), self.index.lexical)
        return Query(question, normalized, self.embedder.encode_query(normalized), filtered)

    def _lexical_weight(self, query: Query) -> float:
        """BM25's vote: as much as the question's words are known to the index, none when most are not (an
        English question over Persian news)."""
        share = self.index.lexical.known_share(query.normalized)
        return share if share >= self.settings.min_known_share else 0.0

    def search(
        self, query: Query, k: int = 5, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> list[Passage]:
        """The k best distinct passages for a prepared question."""
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        filters = filters or SearchFilters()
        n = max(self.settings.candidates, 4 * k)
        dense: list[str] = []
        lexical: list[str] = []
        similarity: dict[str, float] = {}
        if mode in ("hybrid", "dense"):
            similarity = dict(self.index.vectors.search(query.vector, n, filters))
            dense = list(similarity)
        if mode in ("hybrid", "bm25"):
            lexical = [i for i, _ in self.index.lexical.search(query.normalized, n, filters)]
        lexical_weight = 1.0 if mode == "bm25" else self._lexical_weight(query)
        dense_weight = 1.0 if mode == "dense" else self.settings.dense_weight
        fused = reciprocal_rank_fusion([(dense, dense_weight), (lexical, lexical_weight)], self.settings.rrf_k)
        ordered = sorted(fused, key=fused.__getitem__, reverse=True)
        records = self.index.manifest.records(ordered)
        dense_rank = {chunk_id: rank for rank, chunk_id in enumerate(dense, start=1)}
        lexical_rank = {chunk_id: rank for rank, chunk_id in enumerate(lexical, start=1)}
        passages: list[Passage] = []
        kept: list[tuple[str, set[str]]] = []
        for chunk_id in ordered:
            record = records.get(chunk_id)
            if record is None:  # a vector whose chunk is not committed (an interrupted write)
                continue
            chunk_words = set(words(record.search_text))
            if any(
                article_id != record.article_id and _overlap(chunk_words, seen) >= self.settings.duplicate_overlap
                for article_id, seen in kept
            ):
                continue
            kept.append((record.article_id, chunk_words))
            passages.append(
                Passage.from_record(record, fused[chunk_id], dense_rank.get(chunk_id), lexical_rank.get(chunk_id))
            )
            if len(passages) == k:
                break
        return self._with_similarity(query, passages, similarity)

    def _with_similarity(self, query: Query, passages: list[Passage], known: dict[str, float]) -> list[Passage]:
        """The passages with the cosine of their stored vector to the question's (read back when BM25 found them)."""
        missing = [p.chunk_id for p in passages if p.chunk_id not in known]
        stored = self.index.vectors.vectors(missing)
        known = known | {chunk_id: float(vector @ query.vector) for chunk_id, vector in stored.items()}
        return [replace(p, similarity=known.get(p.chunk_id)) for p in passages]
