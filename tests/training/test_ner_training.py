"""The NER head's training: the CRF loss is the exact sequence likelihood, and gold BIO is made valid for it."""

from __future__ import annotations

import itertools

import numpy as np
import torch
from conftest import SHARED, need_shared

from index.entities.head import TaggerHead
from index.entities.tags import TAG_INDEX, TAGS, allowed_transitions
from training.ner.corpora import read_split
from training.ner.crf import crf_loss, valid_bio
from training.ner.features import piece_tags


def _brute_force_nll(emissions: torch.Tensor, gold: list[int], transitions: torch.Tensor, start: torch.Tensor) -> float:
    """-log p(gold) by summing the scores of every tag sequence."""

    def score(path: tuple[int, ...]) -> torch.Tensor:
        total = start[path[0]] + emissions[0, path[0]]
        for position in range(1, len(path)):
            total = total + transitions[path[position - 1], path[position]] + emissions[position, path[position]]
        return total

    every = torch.stack([score(path) for path in itertools.product(range(len(TAGS)), repeat=len(gold))])
    return float(torch.logsumexp(every, dim=0) - score(tuple(gold)))


def test_the_crf_loss_is_the_exact_negative_log_likelihood_with_padding():
    torch.manual_seed(0)
    head = TaggerHead(dimension=8, hidden=4, width=4)
    with torch.no_grad():
        head.transitions.normal_()
        head.start.normal_()
        transitions, start = head.masked_transitions()
    emissions = torch.randn(2, 3, len(TAGS))
    long = [TAG_INDEX["B-PER"], TAG_INDEX["I-PER"], TAG_INDEX["O"]]
    short = [TAG_INDEX["B-LOC"], TAG_INDEX["O"]]
    tags = torch.tensor([long, [*short, -100]])
    real = tags >= 0
    expected = _brute_force_nll(emissions[0], long, transitions, start) + _brute_force_nll(
        emissions[1, :2], short, transitions, start
    )
    assert np.isclose(float(crf_loss(emissions, tags, real, transitions, start)), expected / 5, atol=1e-4)


def test_valid_bio_opens_a_stray_inside_tag_and_leaves_real_pieces_decodable(embedder):
    tags = np.array([TAG_INDEX[t] for t in ["I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER", "B-PER"]], np.int8)
    fixed = [TAGS[t] for t in valid_bio(tags, np.array([0, 5, 7]))]
    assert fixed == ["B-PER", "O", "B-LOC", "I-LOC", "B-ORG", "B-PER", "B-PER"]
    data = need_shared(SHARED / "data" / "peyma").parent
    allowed = allowed_transitions()
    for sentence in read_split(data, "peyma", "train")[:200]:
        _, spans = embedder._tokenizer.pieces(sentence.text)
        pieces = valid_bio(np.array(piece_tags(sentence, spans)[0], np.int8), np.array([0, len(spans)]))
        assert len(pieces) == 0 or not TAGS[pieces[0]].startswith("I-")
        assert all(allowed[a][b] for a, b in itertools.pairwise(pieces))
