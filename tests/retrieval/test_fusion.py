"""The learned fusion of dense and BM25 search: its features, the shipped model's two regimes, and hybrid search over
real news (the seed among FarsNews articles) asked as written, in other words and in English."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SEED_ID

from assistant.retrieval.fusion import (
    FUSION_FEATURES,
    MODEL_PATH,
    Candidate,
    fusion_matrix,
    lexical_ceiling,
    load_fusion_model,
)
from assistant.retrieval.hybrid import HybridRetriever


def _column(matrix: np.ndarray, name: str) -> np.ndarray:
    return matrix[:, FUSION_FEATURES.index(name)]


def test_bm25_scores_are_read_as_shares_of_the_question_and_against_the_best_candidate():
    candidates = [
        Candidate("a", 0.90, 1, 3.0, 2),
        Candidate("b", 0.85, 2, 6.0, 1),
        Candidate("c", 0.80, None, 0.0, None),
    ]
    matrix = fusion_matrix(candidates, lexical_ceiling([4.0, 4.0]))
    assert _column(matrix, "lexical_share").tolist() == pytest.approx([0.375, 0.75, 0.0])
    assert _column(matrix, "lexical_gap").tolist() == pytest.approx([-0.375, 0.0, -0.75])
    assert _column(matrix, "similarity_gap").tolist() == pytest.approx([0.0, -0.05, -0.10], abs=1e-6)
    assert _column(matrix, "dense_reciprocal").tolist() == pytest.approx([1.0, 0.5, 0.0])
    assert _column(matrix, "lexical_best").tolist() == pytest.approx([0.75] * 3)
    assert fusion_matrix([], 1.0).shape == (0, len(FUSION_FEATURES))


def test_the_shipped_model_trusts_bm25_when_the_words_meet_and_e5_when_they_do_not():
    model = load_fusion_model()
    assert MODEL_PATH.stat().st_size < 20_000
    closer, worded = Candidate("closer", 0.86, 1, 1.0, 2), Candidate("worded", 0.84, 2, 9.0, 1)
    met = model.scores([closer, worded], lexical_ceiling([5.0, 5.0]))
    assert met["worded"] > met["closer"]  # 90 % of the question's weight met in one passage
    weak = model.scores([closer, Candidate("worded", 0.84, 2, 1.5, 1)], lexical_ceiling([5.0, 5.0, 5.0]))
    assert weak["closer"] > weak["worded"]  # a tenth of it met: meaning decides


def test_a_broken_fusion_file_names_itself_and_the_command_that_rebuilds_it(tmp_path):
    broken = tmp_path / "fusion.json"
    broken.write_text('{"fusion": {"scorer": {"features": ["x"]}}}', encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"fusion\.json.*training\.fusion"):
        load_fusion_model(broken)


@pytest.fixture(scope="module")
def retriever(seed_among_40, embedder):
    """Hybrid search over the seed among 40 FarsNews articles."""
    return HybridRetriever(seed_among_40, embedder)


@pytest.mark.parametrize(
    "question",
    [
        "هدف سفر معاون دفتر سیاسی حماس به ایران چیست؟",  # the seed's own words
        "معاون هنیه گفت هدف این سفر چیست؟",  # other words: «هنیه» and «هدف» are not the sentence's
        "What did the Hamas deputy say was the purpose of his trip to Iran?",  # English over Persian news
    ],
)
def test_hybrid_search_finds_the_seed_first_however_it_is_asked(retriever, question):
    passages = retriever.search(retriever.prepare(question), k=5)
    assert passages[0].article_id == SEED_ID
    assert all(0.0 <= p.score <= 1.0 for p in passages)
    assert passages == sorted(passages, key=lambda p: -p.score)
