"""The NER tagging head over frozen e5 token states: a linear layer over a 3-token window, constrained Viterbi."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from index.entities.tags import TAGS, allowed_transitions, may_start


class TaggerHead(nn.Module):
    """Token states (batch, length, dimension) to tag log-probabilities: a linear layer over each token's state
    and its two neighbours' (a width-3 convolution), decoded by constrained Viterbi."""

    def __init__(self, dimension: int, dropout: float = 0.0) -> None:
        super().__init__()
        if dimension <= 0:
            raise ValueError(f"dimension must be greater than 0. Currently, dimension is {dimension}")
        self.dimension = dimension
        self.register_buffer("mean", torch.zeros(dimension))
        self.register_buffer("scale", torch.ones(dimension))
        self.dropout = nn.Dropout(dropout)
        self.window = nn.Conv1d(dimension, len(TAGS), kernel_size=3, padding=1)

    def standardize_on(self, states: torch.Tensor) -> None:
        """Set the per-dimension mean and scale the states are standardized with (from training states)."""
        self.mean.copy_(states.mean(dim=0))
        self.scale.copy_(1.0 / states.std(dim=0).clamp_min(1e-6))

    def forward(self, states: torch.Tensor, real: torch.Tensor | None = None) -> torch.Tensor:
        """Log-probabilities of each tag at each position; `real` (batch, length) marks non-padding positions."""
        standardized = (states - self.mean) * self.scale
        if real is not None:
            standardized = standardized * real[..., None]
        scores = self.window(self.dropout(standardized).transpose(1, 2)).transpose(1, 2)
        return torch.log_softmax(scores, dim=-1)


_FORBIDDEN = -1e9


def viterbi(log_probs: np.ndarray) -> list[int]:
    """The most probable tag sequence (length, tags) that is valid BIO (no I-X after O or another type)."""
    if len(log_probs) == 0:
        return []
    transitions = np.where(np.array(allowed_transitions()), 0.0, _FORBIDDEN)
    start = np.array([0.0 if may_start(tag) else _FORBIDDEN for tag in TAGS])
    score = start + log_probs[0]
    back = np.zeros(log_probs.shape, dtype=np.int64)
    for position in range(1, len(log_probs)):
        candidates = score[:, None] + transitions
        back[position] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_probs[position]
    path = [int(score.argmax())]
    for position in range(len(log_probs) - 1, 0, -1):
        path.append(int(back[position, path[-1]]))
    return path[::-1]
