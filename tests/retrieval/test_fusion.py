"""Reciprocal rank fusion: weights, ranks and agreement between the dense and BM25 rankings."""

from __future__ import annotations

import pytest

from assistant.retrieval.fusion import reciprocal_rank_fusion


def test_an_item_both_rankings_hold_outranks_the_first_of_only_one():
    fused = reciprocal_rank_fusion([(["a", "b", "c"], 1.0), (["b", "d"], 1.0)], k=5)
    assert max(fused, key=fused.__getitem__) == "b"
    assert fused["b"] == pytest.approx(1 / 7 + 1 / 6)
    assert set(fused) == {"a", "b", "c", "d"}


def test_a_zero_weight_ranking_adds_nothing_and_weights_scale_votes():
    alone = reciprocal_rank_fusion([(["a", "b"], 1.0)], k=0)
    muted = reciprocal_rank_fusion([(["a", "b"], 1.0), (["b", "a"], 0.0)], k=0)
    assert alone == muted == {"a": 1.0, "b": 0.5}
    doubled = reciprocal_rank_fusion([(["a"], 2.0)], k=0)
    assert doubled["a"] == pytest.approx(2.0)


def test_a_negative_constant_is_refused_with_its_value():
    with pytest.raises(ValueError, match="k is -1"):
        reciprocal_rank_fusion([(["a"], 1.0)], k=-1)
