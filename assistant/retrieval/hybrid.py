"""Hybrid retrieval: dense (Chroma) and BM25 searches fused by a learned scorer, near-duplicates collapsed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from assistant.answer import Passage
from assistant.query.glued import unglue
from assistant.query.prepared import Query
from assistant.retrieval.filters import SearchFilters
from assistant.retrieval.fusion import Candidate, FusionModel, lexical_ceiling, load_fusion_model
from index.embeddings.base import Embedder
from index.news_index import NewsIndex
from index.text.normalize import normalize
from index.text.tokens import terms, words

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[Mode, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class RetrievalSettings:
    """How many candidates each search returns, and when two passages are duplicates."""

    candidates: int = 40
    duplicate_overlap: float = 0.8

    def __post_init__(self) -> None:
        if self.candidates <= 0:
            raise ValueError(f"candidates must be greater than 0. Currently, candidates is {self.candidates}")


def _overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set that the other holds."""
    return len(a & b) / max(1, min(len(a), len(b)))


class HybridRetriever:
    """Finds the passages that best match a question, by meaning and by words."""

    def __init__(
        self,
        news_index: NewsIndex,
        embedder: Embedder,
        settings: RetrievalSettings | None = None,
        fusion: FusionModel | None = None,
    ) -> None:
        self.index = news_index
        self.embedder = embedder
        self.settings = settings or RetrievalSettings()
        self.fusion = fusion or load_fusion_model()

    def prepare(self, question: str, filtered: bool = False) -> Query:
        """Normalize (glued words parted) and embed a question once."""
        normalized = unglue(normalize(question), self.index.lexical)
        return Query(question, normalized, self.embedder.encode_query(normalized), filtered)

    def search(
        self, query: Query, k: int = 5, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> list[Passage]:
        """The k best distinct passages for a prepared question."""
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        filters = filters or SearchFilters()
        n = max(self.settings.candidates, 4 * k)
        similarity: dict[str, float] = {}
        lexical: dict[str, float] = {}
        if mode in ("hybrid", "dense"):
            similarity = dict(self.index.vectors.search(query.vector, n, filters))
        if mode in ("hybrid", "bm25"):
            lexical = dict(self.index.lexical.search(query.normalized, n, filters))
        dense_rank = {chunk_id: rank for rank, chunk_id in enumerate(similarity, start=1)}
        lexical_rank = {chunk_id: rank for rank, chunk_id in enumerate(lexical, start=1)}
        if mode == "hybrid":
            similarity |= self._similarities(query, [i for i in lexical if i not in similarity])
            fused = self._fused(query, similarity, dense_rank, lexical, lexical_rank)
        else:
            fused = similarity or lexical
        ordered = sorted(fused, key=fused.__getitem__, reverse=True)
        records = self.index.manifest.records(ordered)
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
        known = similarity | self._similarities(query, [p.chunk_id for p in passages if p.chunk_id not in similarity])
        return [replace(p, similarity=known.get(p.chunk_id)) for p in passages]

    def _similarities(self, query: Query, chunk_ids: list[str]) -> dict[str, float]:
        """The cosine of these chunks' stored vectors to the question's (for the chunks BM25 alone found)."""
        stored = self.index.vectors.vectors(chunk_ids)
        return {chunk_id: float(vector @ query.vector) for chunk_id, vector in stored.items()}

    def _fused(
        self,
        query: Query,
        similarity: dict[str, float],
        dense_rank: dict[str, int],
        lexical: dict[str, float],
        lexical_rank: dict[str, int],
    ) -> dict[str, float]:
        """The learned fusion's score of every chunk either search found (one without a stored vector is left out:
        an interrupted write)."""
        candidates = [
            Candidate(chunk_id, similarity[chunk_id], dense_rank.get(chunk_id), lexical.get(chunk_id, 0.0),
                      lexical_rank.get(chunk_id))
            for chunk_id in dict.fromkeys([*dense_rank, *lexical_rank])
            if chunk_id in similarity
        ]  # fmt: skip
        asked = terms(query.normalized)
        idf = self.index.lexical.idf(asked)
        return self.fusion.scores(candidates, lexical_ceiling([idf[term] for term in asked]))
