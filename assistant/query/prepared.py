"""A question prepared once for every search and every answerer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.answer import Passage


@dataclass(frozen=True)
class Query:
    """A question prepared once: its text as asked, normalized form, vector, whether filters narrow the search
    (answerers then keep to the retrieved articles), and for a follow-up the earlier questions it refers back to
    and the whole prepared as retrieval searched it; and how one of the questions a question asks is searched on its
    own, with the same filters (None where no search is at hand)."""

    text: str
    normalized: str
    vector: np.ndarray
    filtered: bool = False
    context: tuple[str, ...] = ()
    together: Query | None = None  # a follow-up read together with `context`, as searched
    search_part: Callable[[str], AskedPart] | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class AskedPart:
    """One of the questions a question asks, prepared and searched on its own (its passages ranked for it, as the
    reader was trained to read them)."""

    query: Query
    passages: tuple[Passage, ...]
