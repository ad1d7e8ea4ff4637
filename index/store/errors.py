"""Errors of opening or writing an index."""

from __future__ import annotations


class IndexMismatchError(RuntimeError):
    """The index was built with another embedder or chunking than the one asked for."""


class StoreUnavailableError(RuntimeError):
    """The Chroma server or the index directory cannot be reached."""
