"""Reciprocal rank fusion of several rankings into one score per item."""

from __future__ import annotations


def reciprocal_rank_fusion(rankings: list[tuple[list[str], float]], k: int) -> dict[str, float]:
    """Weighted RRF scores: each (ranking, weight) adds weight / (k + rank) to the items it holds."""
    if k < 0:
        raise ValueError(f"k must be 0 or more. Currently, k is {k}")
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores
