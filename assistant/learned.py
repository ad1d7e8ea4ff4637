"""A logistic regression over standardized features, read from and written to JSON (the reader and the fusion)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

Model = TypeVar("Model")


@dataclass(frozen=True)
class LogisticModel:
    """P(a row is a positive) from standardized features."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """The probability of each row of a feature matrix."""
        logits = ((matrix - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def to_json(self) -> dict:
        """The model as JSON-ready data."""
        return {
            "features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "weights": self.weights.tolist(), "bias": self.bias,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict, expected: tuple[str, ...]) -> LogisticModel:
        """A model from `to_json` data, refused when trained on other features than `expected`."""
        features = tuple(data["features"])
        if features != expected:
            raise ValueError(f"trained on other features ({len(features)}, expected {len(expected)})")
        return cls(
            features, np.asarray(data["mean"]), np.asarray(data["scale"]), np.asarray(data["weights"]),
            float(data["bias"]),
        )  # fmt: skip


def load_artifact(path: Path, part: str, parse: Callable[[dict], Model], what: str, command: str) -> Model:
    """The model stored under `part` of a JSON artifact; a missing or broken file says which, and the command that
    rebuilds it."""
    try:
        return parse(json.loads(path.read_text(encoding="utf-8"))[part])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RuntimeError(f"{path}: cannot load the {what} ({error}); run `{command}`") from error
