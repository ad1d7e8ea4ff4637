"""Whether the best meeting found answers a who-met-whom question: a learned decision with a calibrated threshold
(`python -m training.meetings.gate`), in place of hand-set bars on name weight, coverage and similarity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.learned import LogisticModel, load_artifact
from assistant.meetings.question import MeetingQuestion
from assistant.meetings.rank import Scored, latin_names, name_sound
from index.text.tokens import ARABIC_SCRIPT

GATE_PATH = Path(__file__).parent / "models" / "meetings-gate.json"
MEANING_FEATURES = ("retrieved", "top_article", "similarity_z", "similarity_gap", "is_meeting")
"""What the gate knows of the best meeting in any language: its article's retrieval rank, how much closer its sentence
is to the question than the other candidates' (relative, as across languages all cosines run lower), and whether it
is a meeting (not a call or a transfer)."""
WORD_FEATURES = ("coverage", "missing", "named", *MEANING_FEATURES)
"""In the meeting's script: the share of the question's weight found with the meeting, the largest share of one word
found nowhere with it, and how rare the rarest of its words on the participants is against its rarest word (1: a
name the question holds, the rarest of its words, is a participant's)."""
ACROSS_FEATURES = ("names_asked", "name_sound", *MEANING_FEATURES)
"""Across scripts, where no word can be found: whether the question names anyone in Latin letters, and how alike the
closest of those names sounds to a participant's."""
_SPREAD_FLOOR = 1e-3  # candidates whose similarities are all equal: no spread to read a z-score on


def standing(similarities: Sequence[float]) -> tuple[float, float]:
    """How far the first of the candidates' cosines to the question stands out: its z-score among them, and its
    lead over the next best (0 alone)."""
    values = np.asarray(similarities, dtype=float)
    z = (values[0] - values.mean()) / max(float(values.std()), _SPREAD_FLOOR)
    lead = float(values[0] - values[1:].max()) if len(values) > 1 else 0.0
    return float(z), lead


def meaning_row(ranked: Sequence[Scored]) -> list[float]:
    """`MEANING_FEATURES` of the best of the ranked candidates."""
    best = ranked[0]
    return [
        1.0 / (best.rank + 1) if best.rank is not None else 0.0,
        float(best.rank == 0),
        *standing([s.similarity for s in ranked]),
        float(best.meeting.kind == "meeting"),
    ]


def word_row(ranked: Sequence[Scored]) -> list[float]:
    """`WORD_FEATURES` of the best of the ranked candidates."""
    best = ranked[0]
    return [best.coverage, best.missing, best.named, *meaning_row(ranked)]


def across_row(names: list[str], ranked: Sequence[Scored]) -> list[float]:
    """`ACROSS_FEATURES` of the best of the ranked candidates for a question naming `names` in Latin letters."""
    return [float(bool(names)), name_sound(names, ranked[0].meeting), *meaning_row(ranked)]


def across_scripts(asked: MeetingQuestion, best: Scored) -> bool:
    """Whether the question is in another script than the meeting's sentence (an English question over Persian
    news): its words cannot be found there."""
    return asked.persian != bool(ARABIC_SCRIPT.search(best.meeting.evidence))


@dataclass(frozen=True)
class MeetingGate:
    """P(the best meeting answers the question) from the question's words and the meeting's meaning, or across
    scripts from how its names sound and the meeting's meaning; each with the threshold chosen on calibration
    questions. `reference` holds the words of the training corpus's meetings, which fill up the word rarities of an
    index with fewer meetings (the features were learned on a corpus's)."""

    words: LogisticModel
    words_threshold: float
    across: LogisticModel
    across_threshold: float
    reference: tuple[frozenset[str], ...] = ()

    def probability(self, asked: MeetingQuestion, ranked: Sequence[Scored]) -> tuple[float, float]:
        """The probability that the best of the ranked candidates answers, and the threshold it is held to."""
        if across_scripts(asked, ranked[0]):
            row, model, threshold = across_row(latin_names(asked.text), ranked), self.across, self.across_threshold
        else:
            row, model, threshold = word_row(ranked), self.words, self.words_threshold
        return float(model.probabilities(np.array([row]))[0]), threshold

    def answers(self, asked: MeetingQuestion, ranked: Sequence[Scored]) -> bool:
        """Whether the best of the ranked candidates is an answer."""
        probability, threshold = self.probability(asked, ranked)
        return probability >= threshold

    def to_json(self) -> dict:
        """The gate as JSON-ready data."""
        return {
            "words": self.words.to_json(), "words_threshold": self.words_threshold,
            "across": self.across.to_json(), "across_threshold": self.across_threshold,
            "reference": [sorted(words) for words in self.reference],
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> MeetingGate:
        """A gate from `to_json` data."""
        return cls(
            LogisticModel.from_json(data["words"], WORD_FEATURES),
            float(data["words_threshold"]),
            LogisticModel.from_json(data["across"], ACROSS_FEATURES),
            float(data["across_threshold"]),
            tuple(frozenset(words) for words in data["reference"]),
        )


@lru_cache(maxsize=4)
def load_meeting_gate(path: Path = GATE_PATH) -> MeetingGate:
    """The shipped (or named) meetings gate, read once; a missing or broken file says which and how to rebuild."""
    return load_artifact(path, "gate", MeetingGate.from_json, "meetings gate", "python -m training.meetings.gate")
