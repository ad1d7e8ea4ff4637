"""Whether a Persian and a Latin spelling write one name: a logistic model over their sound features, fitted by
`python -m training.identity.train` on hand-labelled pairs from the two corpora (`training/identity/spellings.tsv`).

The model only speaks for pairs like those it was fitted on (sound similarity and consonant count at least the
training floor, features clipped to the largest seen); any other pair is two names. Two parts of one name (a given
and a family name) are combined as independent evidence: their odds multiply, over the prior odds of the data.
"""

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
    floor: tuple[float, ...]
    ceiling: tuple[float, ...]
    prior: float

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1. Currently, threshold is {self.threshold}")

    def probability(self, first: str, second: str) -> float | None:
        """How likely the two spellings write one name: 0 when they sound less alike than any labelled pair, None
        (no evidence) when they are shorter than any (a two-consonant name matches too much by chance)."""
        similarity, consonants = spelling_features(first, second)
        if similarity < self.floor[0]:
            return 0.0
        if consonants < self.floor[1]:
            return None
        clipped = [min(similarity, self.ceiling[0]), min(consonants, self.ceiling[1])]
        score = self.bias + sum(w * x for w, x in zip(self.weights, clipped, strict=True))
        return 1.0 / (1.0 + math.exp(-score))

    def combined(self, parts: list[tuple[str, str]]) -> float:
        """How likely several parts (family name, given name) all match: independent evidence, odds multiplied; a
        part without evidence counts for nothing, a part that cannot match makes the whole 0."""
        prior_odds = self.prior / (1.0 - self.prior)
        odds, evidence = prior_odds, 0
        for first, second in parts:
            p = self.probability(first, second)
            if p == 0.0:
                return 0.0
            if p is not None:
                evidence += 1
                odds *= (p / (1.0 - p)) / prior_odds if p < 1.0 else math.inf
        if evidence == 0:
            return 0.0
        return 1.0 if math.isinf(odds) else odds / (1.0 + odds)

    def same(self, parts: list[tuple[str, str]]) -> bool:
        """Whether the spellings (each pair a part of the name) write one name."""
        return self.combined(parts) >= self.threshold


def load_spelling_model(path: Path = MODEL) -> SpellingModel:
    """The model a training run wrote; a clear error naming the file when it is missing or malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SpellingModel(
            tuple(float(w) for w in data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            tuple(float(x) for x in data["floor"]),
            tuple(float(x) for x in data["ceiling"]),
            float(data["prior"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a spelling model ({error}); run python -m training.identity.train") from None


@lru_cache(maxsize=1)
def spelling_model() -> SpellingModel:
    """The shipped model, read once on first use."""
    return load_spelling_model()
