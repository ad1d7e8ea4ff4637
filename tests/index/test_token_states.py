"""Token states for token-level heads: the same pieces as the embedder, each mapped back to its characters."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SEED

EDGE_TEXTS = ["", " ", "  x", " leading", "trailing ", "a\u200cb   c", "ٵب x", "café  naïve", "x\x00y", "😀 👍🏽"]


def test_pieces_are_the_embedders_ids_and_their_spans_cover_the_text(embedder):
    tokenizer = embedder._tokenizer
    seed = SEED.read_text(encoding="utf-8")
    for text in [*EDGE_TEXTS, seed, *seed.splitlines()]:
        ids, spans = tokenizer.pieces(text)
        assert ids == tokenizer.ids([text])[0]
        assert all(0 <= start <= end <= len(text) for start, end in spans)
        assert [start for start, _ in spans] == sorted(start for start, _ in spans)
    ids, spans = tokenizer.pieces("دریابان علی شمخانی")
    assert "".join("دریابان علی شمخانی"[start:end] for start, end in spans) == "دریابانعلیشمخانی"


def test_token_states_give_one_state_per_piece_of_the_text_without_the_prefix(embedder):
    sentence = "نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار کرد."
    [(states, spans)] = embedder.token_states([sentence])
    assert states.shape == (len(spans), embedder.dimension)
    assert spans[0][0] == 0 and spans[-1] == (len(sentence) - 1, len(sentence))
    assert "".join(sentence[start:end] for start, end in spans) == sentence.replace(" ", "")


def test_a_text_longer_than_the_window_gets_a_state_for_every_piece(embedder):
    long_text = SEED.read_text(encoding="utf-8") * 3
    short = "علی شمخانی"
    (states, spans), (short_states, _) = embedder.token_states([long_text, short])
    assert len(spans) > embedder.max_tokens and states.shape[0] == len(spans)
    assert np.isfinite(states).all() and not np.allclose(states[-1], 0)
    assert np.allclose(embedder.token_states([short])[0][0], short_states, atol=1e-4)


def test_middle_layers_come_side_by_side_and_the_last_is_the_default(embedder):
    sentence = "نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار کرد."
    [(last, spans)] = embedder.token_states([sentence])
    [(twelfth, _)] = embedder.token_states([sentence], (12,))
    [(eighth, eighth_spans)] = embedder.token_states([sentence], (8,))
    [(pair, _)] = embedder.token_states([sentence], (8, 7))
    assert np.allclose(twelfth, last, atol=1e-5) and eighth_spans == spans
    assert pair.shape == (len(spans), 2 * embedder.dimension) and np.allclose(pair[:, embedder.dimension :], eighth)
    assert not np.allclose(eighth, last, atol=1e-2)


def test_a_layer_outside_the_model_is_refused(embedder):
    with pytest.raises(ValueError, match="layers must be between 1 and 12"):
        embedder.token_states(["علی شمخانی"], (13,))
