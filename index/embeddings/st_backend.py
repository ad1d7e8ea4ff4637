"""Any sentence-transformers model a user has on disk (a path) or in the local hub cache (an id)."""

from __future__ import annotations

import numpy as np

from index.embeddings.base import Embedder
from index.embeddings.settings import EmbedderSettings


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model with the query/passage prefixes its family expects."""

    def __init__(self, settings: EmbedderSettings) -> None:
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise RuntimeError(
                f"Embedder {settings.model!r} needs sentence-transformers: pip install 'khabar[st]'"
            ) from error
        torch.set_num_threads(settings.threads)
        try:
            self._model = SentenceTransformer(settings.model, device="cpu")
        except (OSError, ValueError) as error:
            raise RuntimeError(
                f"Cannot load sentence-transformers model {settings.model!r}: give a local model directory "
                f"(this machine cannot download from a model hub). {error}"
            ) from error
        self._query_prefix, self._passage_prefix = settings.prefixes()
        self.batch_size = settings.batch_size
        self.dimension = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length)
        self.name = f"sentence-transformers/{settings.model} dim={self.dimension} prefixes={settings.prefixes()!r}"

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        """Normalized vectors of texts with a prompt prefix."""
        vectors = self._model.encode(
            texts, prompt=prefix or None, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """Passage vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode(texts, self._passage_prefix)

    def encode_query(self, text: str) -> np.ndarray:
        """A question vector."""
        return self._encode([text], self._query_prefix)[0]

    def count_tokens(self, text: str) -> int:
        """Tokens of the text as a passage, prefix and special tokens included."""
        return len(self._model.tokenizer(self._passage_prefix + text)["input_ids"])
