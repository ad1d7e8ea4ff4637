"""The learned reader: a sentence scorer and a span scorer (logistic regressions) with the refusal threshold, read
from JSON."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answering.reader_features import FEATURES, Background, full_matrix
from assistant.answering.span_features import SPAN_FEATURES
from assistant.learned import LogisticModel, load_artifact

MODEL_PATH = Path(__file__).parent / "models" / "reader.json"
FOLLOW_UP_FEATURES = ("asked_logit", "together_logit", "asked_share", "asked_logit_x_share", "together_logit_x_share")
_EPSILON = 1e-6


def follow_up_matrix(asked: np.ndarray, together: np.ndarray, share: float) -> np.ndarray:
    """The follow-up model's rows: the log-odds of the reader's two probabilities for each sentence, and how much
    of what the question means together with the earlier ones it says itself (IDF-weighted), crossed with both."""
    pair = np.clip(np.stack([asked, together], axis=1), _EPSILON, 1 - _EPSILON)
    logits = np.log(pair / (1 - pair))
    shares = np.full((len(logits), 1), share)
    return np.hstack([logits, shares, logits * shares])


@dataclass(frozen=True)
class FollowUpReading:
    """How a follow-up is answered: a sentence scored from the reader's probability that it answers the follow-up as
    asked and that it answers it read together with the earlier questions, weighed by how much the follow-up says
    itself, with a threshold and `sure` of its own
    (trained on PQuAD questions made follow-ups, `training/reader/followups.py`)."""

    model: LogisticModel
    threshold: float
    sure: float

    def probabilities(self, asked: np.ndarray, together: np.ndarray, share: float) -> np.ndarray:
        """P(answers the follow-up) of sentences from the reader's two probabilities and the follow-up's own share
        of what it asks."""
        return self.model.probabilities(follow_up_matrix(asked, together, share))

    def to_json(self) -> dict:
        """The follow-up reading as JSON-ready data."""
        return {"model": self.model.to_json(), "threshold": self.threshold, "sure": self.sure}

    @classmethod
    def from_json(cls, data: dict) -> FollowUpReading:
        """A follow-up reading from `to_json` data."""
        return cls(
            LogisticModel.from_json(data["model"], FOLLOW_UP_FEATURES), float(data["threshold"]), float(data["sure"])
        )


@dataclass(frozen=True)
class ReaderModel:
    """The sentence model scores every sentence read by its words and its e5 similarity (their stored vectors cost
    little to read); below `threshold` the best sentence is not an answer. The span model ranks the runs of words of
    the answer sentence; the answer leads with the best one from `span_threshold` on."""

    sentence: LogisticModel
    threshold: float
    span: LogisticModel
    span_threshold: float
    sure: float = 1.0  # from here on the best sentence alone answers; below it the answer adds the runner-up
    cross_lingual: ReaderModel | None = None  # the same, trained without word overlap, for other-language questions
    follow_up: FollowUpReading | None = None  # how a follow-up is read, with the earlier questions

    def probabilities(self, lexical: np.ndarray, similarity: np.ndarray, background: Background) -> np.ndarray:
        """P(answers) of sentences from their lexical rows and question–sentence cosines."""
        return self.sentence.probabilities(full_matrix(lexical, similarity, background))

    def to_json(self) -> dict:
        """The reader as JSON-ready data."""
        return {
            "sentence": self.sentence.to_json(), "threshold": self.threshold, "span": self.span.to_json(),
            "span_threshold": self.span_threshold, "sure": self.sure,
            "cross_lingual": self.cross_lingual.to_json() if self.cross_lingual else None,
            "follow_up": self.follow_up.to_json() if self.follow_up else None,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> ReaderModel:
        """A reader from `to_json` data."""
        return cls(
            LogisticModel.from_json(data["sentence"], FEATURES),
            float(data["threshold"]),
            LogisticModel.from_json(data["span"], SPAN_FEATURES),
            float(data["span_threshold"]),
            float(data["sure"]),
            ReaderModel.from_json(data["cross_lingual"]) if data.get("cross_lingual") else None,
            FollowUpReading.from_json(data["follow_up"]) if data.get("follow_up") else None,
        )


@lru_cache(maxsize=4)
def load_reader_model(path: Path = MODEL_PATH) -> ReaderModel:
    """The shipped (or named) reader model, read once; a missing or broken file says which and how to rebuild."""
    return load_artifact(path, "reader", ReaderModel.from_json, "reader model", "python -m training.reader")
