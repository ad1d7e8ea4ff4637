"""Typed settings of an index: where it lives, which Chroma, which embedder and chunking."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from index.embeddings.settings import EmbedderSettings
from index.text.chunker import ChunkingSettings

_COLLECTION_NAME = re.compile(r"^[a-zA-Z0-9._-]{3,512}$")
LEXICAL_BACKENDS = ("tantivy", "fts5")


@dataclass(frozen=True)
class IndexSettings:
    """Everything needed to open an index; built by the CLI or the server, never read from the environment here."""

    home: Path
    chroma_url: str | None = None
    collection: str = "khabar"
    embedder: EmbedderSettings = field(default_factory=EmbedderSettings)
    chunking: ChunkingSettings = field(default_factory=ChunkingSettings)
    lexical: str = "tantivy"
    """The BM25 backend: "tantivy" (top-k with block-max WAND; p95 ~10 ms at 1M chunks, docs/benchmarks.md
    "Scale") or "fts5" (rows in the manifest database itself, every matching chunk scored: fine to ~10k chunks).
    Derived from the manifest, so switching re-derives it on opening and changes nothing else."""
    sync_seconds: float = 1.0
    """With a server: how stale a replica's cache may be before a question brings it up to date (0: every time).
    One sync that finds nothing costs one request (measured in docs/benchmarks.md); 1 s keeps a second replica
    within the 5 s target with room to spare."""

    def __post_init__(self) -> None:
        if self.sync_seconds < 0:
            raise ValueError(f"sync_seconds must be 0 or more. Currently, sync_seconds is {self.sync_seconds}")
        if self.lexical not in LEXICAL_BACKENDS:
            choices = ", ".join(LEXICAL_BACKENDS)
            raise ValueError(f"lexical must be one of {choices}. Currently, lexical is {self.lexical!r}")
        if not _COLLECTION_NAME.match(self.collection):
            raise ValueError(
                f"collection must be 3-512 characters of [a-zA-Z0-9._-]. Currently, collection is {self.collection!r}"
            )
        if self.chroma_url:
            parsed = urlparse(self.chroma_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ValueError(f"chroma_url must look like http://HOST:PORT. Currently, it is {self.chroma_url!r}")

    @property
    def fingerprint(self) -> str:
        """The embedder and chunking an index records, to refuse opening it with others."""
        return f"{self.embedder.fingerprint}; {self.chunking.fingerprint}; normalizer=shekar/v2"
