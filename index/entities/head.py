"""The NER tagging head over frozen e5 token states: a projection, a BiLSTM, then a CRF's Viterbi decoding."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from index.entities.tags import TAGS, allowed_transitions, may_start

_FORBIDDEN = -1e4  # a transition BIO forbids (an I-X after O or another type); finite so the CRF's sums stay finite


class TaggerHead(nn.Module):
    """Token states (batch, length, dimension) to per-tag emission scores, decoded with learned tag transitions.

    The standardized states are projected to `width`, read by one bidirectional LSTM layer of `hidden` units a
    side, and scored by a linear layer. Forbidden BIO transitions are masked.
    """

    def __init__(self, dimension: int, hidden: int, width: int, dropout: float = 0.0) -> None:
        super().__init__()
        for name, value in (("dimension", dimension), ("hidden", hidden), ("width", width)):
            if value <= 0:
                raise ValueError(f"{name} must be greater than 0. Currently, {name} is {value}")
        self.dimension, self.hidden, self.width = dimension, hidden, width
        self.register_buffer("mean", torch.zeros(dimension))
        self.register_buffer("scale", torch.ones(dimension))
        self.register_buffer("allowed", torch.tensor(allowed_transitions()))
        self.register_buffer("may_start", torch.tensor([may_start(tag) for tag in TAGS]))
        self.dropout = nn.Dropout(dropout)
        self.project = nn.Linear(dimension, width)
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        self.transitions = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
        self.start = nn.Parameter(torch.zeros(len(TAGS)))

    def standardize_on(self, states: torch.Tensor) -> None:
        """Set the per-dimension mean and scale the states are standardized with (from training states)."""
        self.mean.copy_(states.mean(dim=0))
        self.scale.copy_(1.0 / states.std(dim=0).clamp_min(1e-6))

    def forward(self, states: torch.Tensor, real: torch.Tensor | None = None) -> torch.Tensor:
        """Emission scores (batch, length, tags); `real` (batch, length) marks non-padding positions."""
        standardized = (states - self.mean) * self.scale
        if real is not None:
            standardized = standardized * real[..., None]
        projected = self.project(self.dropout(standardized))
        if real is None:
            encoded, _ = self.lstm(projected)
        else:
            lengths = real.sum(dim=1).clamp_min(1).cpu()
            packed = nn.utils.rnn.pack_padded_sequence(projected, lengths, batch_first=True, enforce_sorted=False)
            encoded, _ = self.lstm(packed)
            encoded, _ = nn.utils.rnn.pad_packed_sequence(encoded, batch_first=True, total_length=states.shape[1])
        return self.out(self.dropout(encoded))

    def masked_transitions(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The transition (from, to) and start scores with BIO's forbidden ones at _FORBIDDEN."""
        transitions = torch.where(self.allowed, self.transitions, torch.full_like(self.transitions, _FORBIDDEN))
        start = torch.where(self.may_start, self.start, torch.full_like(self.start, _FORBIDDEN))
        return transitions, start

    def decode(self, states: torch.Tensor) -> list[int]:
        """The best tag sequence of one text's states (length, dimension)."""
        if len(states) == 0:
            return []
        with torch.inference_mode():
            emissions = self(states[None])[0]
            transitions, start = self.masked_transitions()
        return viterbi(emissions.numpy(), transitions.numpy(), start.numpy())


def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray) -> list[int]:
    """The highest-scoring tag sequence of emissions (length, tags) under transition (from, to) and start scores."""
    if len(emissions) == 0:
        return []
    score = start + emissions[0]
    back = np.zeros(emissions.shape, dtype=np.int64)
    for position in range(1, len(emissions)):
        candidates = score[:, None] + transitions
        back[position] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + emissions[position]
    path = [int(score.argmax())]
    for position in range(len(emissions) - 1, 0, -1):
        path.append(int(back[position, path[-1]]))
    return path[::-1]
