"""A question prepared once for every search and every answerer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Query:
    """A question prepared once: its text as asked, normalized form, vector, whether filters narrow the search
    (answerers then keep to the retrieved articles), and for a follow-up the earlier questions it refers back to
    and the whole prepared as retrieval searched it."""

    text: str
    normalized: str
    vector: np.ndarray
    filtered: bool = False
    context: tuple[str, ...] = ()
    together: Query | None = None  # a follow-up read together with `context`, as searched
