"""The seam every answerer plugs into: a protocol and the draft it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.answer import Citation, Passage, Unsupported
from assistant.query.prepared import Query


@dataclass(frozen=True)
class Draft:
    """An answer an answerer vouches for: its text with [n] markers, their citations, the passages shown (cited
    first), which answerer wrote it, what a generated reply had removed, and a one-line notice for the reader."""

    text: str
    citations: list[Citation]
    passages: list[Passage] = field(default_factory=list)
    answerer: str = ""
    unsupported: list[Unsupported] = field(default_factory=list)
    notice: str = ""


class Answerer(Protocol):
    """Answers a prepared question from retrieved passages, or declines (None) so the next answerer in the chain
    tries; when every answerer declines, the assistant says the news does not answer."""

    name: str

    def answer(self, query: Query, passages: list[Passage]) -> Draft | None:
        """A draft this answerer vouches for, or None."""
        ...
