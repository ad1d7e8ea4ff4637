"""The linear-chain CRF loss the NER head is trained with, and gold BIO made valid for it."""

from __future__ import annotations

import numpy as np
import torch

from index.entities.tags import TAG_INDEX, TAGS


def valid_bio(tags: np.ndarray, sentence_starts: np.ndarray) -> np.ndarray:
    """Piece tags with every I-X that follows neither B-X nor I-X (a sentence's start included) read as B-X."""
    fixed = tags.copy()
    starts = set(sentence_starts.tolist())
    for position, tag in enumerate(fixed):
        name = TAGS[tag]
        if name.startswith("I-"):
            before = "O" if position in starts else TAGS[fixed[position - 1]]
            if before[2:] != name[2:]:
                fixed[position] = TAG_INDEX["B-" + name[2:]]
    return fixed


def crf_loss(
    emissions: torch.Tensor, tags: torch.Tensor, real: torch.Tensor, transitions: torch.Tensor, start: torch.Tensor
) -> torch.Tensor:
    """The mean per-piece negative log-likelihood of the gold tags (batch, length; rows start real, length > 0)."""
    gold = tags.clamp_min(0)
    rows = torch.arange(len(tags))
    score = start[gold[:, 0]] + emissions[rows, 0, gold[:, 0]]
    alpha = start + emissions[:, 0]
    for position in range(1, emissions.shape[1]):
        here = real[:, position]
        step = transitions[gold[:, position - 1], gold[:, position]] + emissions[rows, position, gold[:, position]]
        score = score + step * here
        following = torch.logsumexp(alpha[:, :, None] + transitions[None], dim=1) + emissions[:, position]
        alpha = torch.where(here[:, None], following, alpha)
    return (torch.logsumexp(alpha, dim=1) - score).sum() / real.sum()
