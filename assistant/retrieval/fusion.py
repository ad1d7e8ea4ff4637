"""Learned fusion of the dense and BM25 searches: one score per candidate chunk from both searches' scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.learned import LogisticModel, load_artifact

MODEL_PATH = Path(__file__).parent / "models" / "fusion.json"
FUSION_FEATURES = (
    "similarity", "similarity_gap", "dense_reciprocal", "lexical_share", "lexical_gap", "similarity_x_lexical_share",
    "lexical_best", "similarity_gap_x_lexical_best", "lexical_gap_x_lexical_best",
)  # fmt: skip
"""What the fusion sees of a candidate: its e5 cosine, its BM25 score as a share of what the question's terms could
score, each against the best candidate's, and its place in the dense search (not its place in BM25's: the first of
a weak BM25 match, such as an English question's one shared number, is no evidence); the best share says how well
the question's words met the news at all, and so how far BM25 is to be trusted against e5."""


@dataclass(frozen=True)
class Candidate:
    """A chunk either search returned: its cosine to the question and its place and score in each search."""

    chunk_id: str
    similarity: float
    dense_rank: int | None
    lexical_score: float
    lexical_rank: int | None


def lexical_ceiling(term_weights: list[float]) -> float:
    """What BM25 scores are read against: the sum of the IDF of every term of the question (one per time asked,
    unknown terms at the rarest weight), so that a match on a few common words counts for little."""
    return float(sum(term_weights))


def fusion_matrix(candidates: list[Candidate], ceiling: float) -> np.ndarray:
    """One row of `FUSION_FEATURES` per candidate."""
    if not candidates:
        return np.zeros((0, len(FUSION_FEATURES)), dtype=np.float32)
    similarity = np.array([c.similarity for c in candidates])
    share = np.array([c.lexical_score for c in candidates]) / ceiling if ceiling > 0 else np.zeros(len(candidates))
    dense_reciprocal = np.array([1.0 / c.dense_rank if c.dense_rank else 0.0 for c in candidates])
    similarity_gap, lexical_gap = similarity - similarity.max(), share - share.max()
    best = np.full(len(share), share.max())
    columns = [
        similarity, similarity_gap, dense_reciprocal, share, lexical_gap, similarity * share, best,
        similarity_gap * best, lexical_gap * best,
    ]  # fmt: skip
    return np.stack(columns, axis=1).astype(np.float32)


@dataclass(frozen=True)
class FusionModel:
    """Scores candidates by how likely each is the passage that answers the question."""

    scorer: LogisticModel

    def scores(self, candidates: list[Candidate], ceiling: float) -> dict[str, float]:
        """The fused score of each candidate chunk."""
        if not candidates:
            return {}
        probabilities = self.scorer.probabilities(fusion_matrix(candidates, ceiling))
        return {c.chunk_id: float(p) for c, p in zip(candidates, probabilities, strict=True)}

    def to_json(self) -> dict:
        """The model as JSON-ready data."""
        return {"scorer": self.scorer.to_json()}

    @classmethod
    def from_json(cls, data: dict) -> FusionModel:
        """A fusion model from `to_json` data."""
        return cls(LogisticModel.from_json(data["scorer"], FUSION_FEATURES))


@lru_cache(maxsize=4)
def load_fusion_model(path: Path = MODEL_PATH) -> FusionModel:
    """The shipped (or named) fusion model, read once; a missing or broken file says which and how to rebuild."""
    return load_artifact(path, "fusion", FusionModel.from_json, "fusion model", "python -m training.fusion")
