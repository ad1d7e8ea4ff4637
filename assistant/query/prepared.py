"""A question prepared once for every search and every answerer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Query:
    """A question prepared once: its text as asked, normalized form, vector, whether filters narrow the search
    (answerers then keep to the retrieved articles), and the earlier questions a follow-up refers back to."""

    text: str
    normalized: str
    vector: np.ndarray
    filtered: bool = False
    context: tuple[str, ...] = ()
