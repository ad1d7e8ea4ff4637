"""The learned reader: a shortlist scorer and a sentence scorer (logistic regressions) with the refusal threshold,
read from JSON."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answering.reader_features import FEATURES, LEXICAL_FEATURES, Background, full_matrix
from assistant.answering.span_features import SPAN_FEATURES
from assistant.learned import LogisticModel, load_artifact

MODEL_PATH = Path(__file__).parent / "models" / "reader.json"


@dataclass(frozen=True)
class ReaderModel:
    """The shortlist model ranks every sentence read by its words; the sentence model scores the best
    `shortlist_size` with their e5 similarity too; below `threshold` the best sentence is not an answer. The span
    model ranks the runs of words of the answer sentence; the answer leads with the best one from
    `span_threshold` on."""

    shortlist: LogisticModel
    sentence: LogisticModel
    shortlist_size: int
    threshold: float
    span: LogisticModel
    span_threshold: float
    sure: float = 1.0  # from here on the best sentence alone answers; below it the answer adds the runner-up
    cross_lingual: ReaderModel | None = None  # the same, trained without word overlap, for other-language questions

    def shortlisted(self, lexical: np.ndarray) -> np.ndarray:
        """Indices of the rows of a `lexical_matrix` worth embedding, best first."""
        return np.argsort(-self.shortlist.probabilities(lexical), kind="stable")[: self.shortlist_size]

    def probabilities(self, lexical: np.ndarray, similarity: np.ndarray, background: Background) -> np.ndarray:
        """P(answers) of shortlisted sentences from their lexical rows and question–sentence cosines."""
        return self.sentence.probabilities(full_matrix(lexical, similarity, background))

    def to_json(self) -> dict:
        """The reader as JSON-ready data."""
        return {
            "shortlist": self.shortlist.to_json(), "sentence": self.sentence.to_json(),
            "shortlist_size": self.shortlist_size, "threshold": self.threshold, "span": self.span.to_json(),
            "span_threshold": self.span_threshold, "sure": self.sure,
            "cross_lingual": self.cross_lingual.to_json() if self.cross_lingual else None,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> ReaderModel:
        """A reader from `to_json` data."""
        return cls(
            LogisticModel.from_json(data["shortlist"], LEXICAL_FEATURES),
            LogisticModel.from_json(data["sentence"], FEATURES),
            int(data["shortlist_size"]),
            float(data["threshold"]),
            LogisticModel.from_json(data["span"], SPAN_FEATURES),
            float(data["span_threshold"]),
            float(data["sure"]),
            ReaderModel.from_json(data["cross_lingual"]) if data.get("cross_lingual") else None,
        )


@lru_cache(maxsize=4)
def load_reader_model(path: Path = MODEL_PATH) -> ReaderModel:
    """The shipped (or named) reader model, read once; a missing or broken file says which and how to rebuild."""
    return load_artifact(path, "reader", ReaderModel.from_json, "reader model", "python -m training.reader")
