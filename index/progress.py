"""Progress of a long ingest: a bar on a terminal (articles, chunks, tokens/s), silence elsewhere."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    """Receives ingest progress."""

    def advance(self, articles: int, chunks: int, tokens: int) -> None:
        """Count articles processed, chunks written and tokens embedded since the last call."""

    def close(self) -> None:
        """Finish the display."""


class NoProgress:
    """Progress that shows nothing (scripts, tests, servers)."""

    def advance(self, articles: int, chunks: int, tokens: int) -> None:
        """Ignore progress."""

    def close(self) -> None:
        """Nothing to close."""


class TerminalProgress:
    """A tqdm bar over articles with chunks and embedded tokens/s, shown only on a terminal."""

    def __init__(self, total: int | None, stream: TextIO | None = None) -> None:
        from tqdm import tqdm

        stream = stream or sys.stderr
        self._bar = tqdm(total=total, unit="article", file=stream, disable=not stream.isatty(), dynamic_ncols=True)
        self._chunks = 0
        self._tokens = 0
        self._started = time.monotonic()

    def advance(self, articles: int, chunks: int, tokens: int) -> None:
        """Move the bar and refresh the chunk and token-rate figures."""
        self._chunks += chunks
        self._tokens += tokens
        elapsed = max(time.monotonic() - self._started, 1e-6)
        self._bar.set_postfix(chunks=self._chunks, tokens_per_s=f"{self._tokens / elapsed:,.0f}", refresh=False)
        self._bar.update(articles)

    def close(self) -> None:
        """Close the bar."""
        self._bar.close()
