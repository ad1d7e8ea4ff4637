"""The meeting event and its participants, as extraction produces them and the table stores them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Status = Literal["happened", "planned", "denied"]
STATUSES: tuple[Status, ...] = ("happened", "planned", "denied")
Kind = Literal["meeting", "call", "transfer", "talks"]
KINDS: tuple[Kind, ...] = ("meeting", "call", "transfer", "talks")
"""What an encounter is: a meeting in person, a phone or video call, a sports transfer negotiation, or talks named
as a process or a policy («مذاکره با آمریکا») rather than one encounter."""


@dataclass(frozen=True)
class Participant:
    """A person, title or delegation as written, split into name and title, with a key that groups spellings."""

    text: str
    name: str
    title: str
    key: str

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("Participant text must not be empty.")
        if not self.key:
            raise ValueError(f"Participant {self.text!r} has an empty key.")

    @property
    def label(self) -> str:
        """A short display form: the name with its title, or the title alone."""
        if self.name and self.title:
            return f"{self.name} ({self.title})"
        return self.name or self.title or self.text


@dataclass(frozen=True)
class When:
    """The date a meeting text gives: as written, and resolved to Gregorian and Jalali when possible."""

    text: str = ""
    gregorian: date | None = None
    jalali: str = ""


@dataclass(frozen=True)
class Meeting:
    """One meeting of an article: who met whom, its status, where and when, and the sentence saying so."""

    article_id: str
    who: tuple[Participant, ...]
    whom: tuple[Participant, ...]
    status: Status
    evidence: str
    start: int
    end: int
    place: str = ""
    when: When = When()
    kind: Kind = "meeting"

    def __post_init__(self) -> None:
        if not self.who or not self.whom:
            raise ValueError(f"A meeting needs participants on both sides: {self.evidence[:80]!r}")
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}. Currently, status is {self.status!r}")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}. Currently, kind is {self.kind!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"evidence span must be 0 <= start < end. Currently, it is [{self.start}, {self.end})")
