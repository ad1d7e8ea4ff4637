"""Whether the best statement found answers a who-said-what question: a learned decision with a calibrated threshold
(`python -m training.meetings.quotes_gate`), in place of a hand-set bar (a statement without the topic's words had to
be at least 0.78 close in meaning)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answering.meetings_gate import standing
from assistant.learned import LogisticModel, load_artifact

QUOTES_GATE_PATH = Path(__file__).parent / "models" / "quotes-gate.json"
QUOTE_FEATURES = ("named", "topic", "topic_missing", "similarity", "similarity_z", "similarity_gap", "in_passage")
"""How strongly the question names the statement's speaker (against a word naming one speaker only), the share of
its other words (its topic) the statement holds, the largest share of one topic word it lacks, the statement's
cosine to the question and how much closer it is than the other candidates', and the rank of the retrieved passage
holding it (its article is the one retrieved first: the answerer takes no other)."""


@dataclass(frozen=True)
class QuoteEvidence:
    """What the gate reads of one candidate statement."""

    named: float
    topic: float
    topic_missing: float
    similarity: float
    inside: int | None  # the rank of the retrieved passage holding it


def quote_row(ranked: Sequence[QuoteEvidence]) -> list[float]:
    """`QUOTE_FEATURES` of the best of the ranked candidates."""
    best = ranked[0]
    return [
        best.named, best.topic, best.topic_missing, best.similarity, *standing([c.similarity for c in ranked]),
        1.0 / (best.inside + 1) if best.inside is not None else 0.0,
    ]  # fmt: skip


@dataclass(frozen=True)
class QuoteGate:
    """P(the best statement answers the question), with the threshold chosen on held-out training questions."""

    model: LogisticModel
    threshold: float

    def probability(self, ranked: Sequence[QuoteEvidence]) -> float:
        """The probability that the best of the ranked candidates answers."""
        return float(self.model.probabilities(np.array([quote_row(ranked)]))[0])

    def answers(self, ranked: Sequence[QuoteEvidence]) -> bool:
        """Whether the best of the ranked candidates is an answer."""
        return self.probability(ranked) >= self.threshold

    def to_json(self) -> dict:
        """The gate as JSON-ready data."""
        return {"model": self.model.to_json(), "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> QuoteGate:
        """A gate from `to_json` data."""
        return cls(LogisticModel.from_json(data["model"], QUOTE_FEATURES), float(data["threshold"]))


@lru_cache(maxsize=4)
def load_quote_gate(path: Path = QUOTES_GATE_PATH) -> QuoteGate:
    """The shipped (or named) quotes gate, read once; a missing or broken file says which and how to rebuild."""
    return load_artifact(path, "gate", QuoteGate.from_json, "quotes gate", "python -m training.meetings.quotes_gate")
