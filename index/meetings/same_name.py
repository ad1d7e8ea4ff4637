"""Whether a Persian and a Latin spelling write one name: a logistic model over their sound features, fitted by
`python -m training.identity.train` on hand-labelled pairs from the two corpora (`training/identity/spellings.tsv`)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.meetings.spelling import spelling_features

MODEL = Path(__file__).with_name("same-name.json")


@dataclass(frozen=True)
class SpellingModel:
    """The fitted weights and bias, and the probability above which two spellings are taken as one name."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1. Currently, threshold is {self.threshold}")

    def probability(self, first: str, second: str) -> float:
        """How likely the two spellings write one name."""
        score = self.bias + sum(w * x for w, x in zip(self.weights, spelling_features(first, second), strict=True))
        return 1.0 / (1.0 + math.exp(-score))

    def same(self, first: str, second: str) -> bool:
        """Whether the two spellings write one name."""
        return self.probability(first, second) >= self.threshold


def load_spelling_model(path: Path = MODEL) -> SpellingModel:
    """The model a training run wrote; a clear error naming the file when it is missing or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SpellingModel(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a spelling model ({error}); run python -m training.identity.train") from None


@lru_cache(maxsize=1)
def spelling_model() -> SpellingModel:
    """The shipped model, read once on first use."""
    return load_spelling_model()
