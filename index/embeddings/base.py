"""The embedder contract: LangChain `Embeddings` plus numpy batch calls and token counts."""

from __future__ import annotations

from abc import abstractmethod

import numpy as np
from langchain_core.embeddings import Embeddings


class Embedder(Embeddings):
    """A text embedder usable as a LangChain `Embeddings`, with fast numpy calls for indexing."""

    name: str
    dimension: int
    max_tokens: int

    @abstractmethod
    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """L2-normalized passage vectors, one row per text."""

    @abstractmethod
    def encode_query(self, text: str) -> np.ndarray:
        """The L2-normalized vector of a question."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """How many model tokens the text takes as a passage."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: passage vectors as lists."""
        return self.encode_documents(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain: a question vector as a list."""
        return self.encode_query(text).tolist()
