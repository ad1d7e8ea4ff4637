"""A meeting pattern found in one sentence, before its sides become participants."""

from __future__ import annotations

from dataclasses import dataclass

from index.meetings.model import Kind, Status
from index.meetings.phrases import Span


@dataclass(frozen=True)
class Found:
    """One meeting pattern in a sentence: both sides as spans of it (who None: no subject found), status, cue, place,
    and what kind of encounter it is."""

    who: Span | None
    whom: Span
    status: Status
    cue: int
    place: Span | None = None
    reciprocal: bool = False
    kind: Kind = "meeting"
