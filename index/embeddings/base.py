"""The embedder contract: LangChain `Embeddings` plus numpy batch calls and token counts."""

from __future__ import annotations

from abc import abstractmethod

import numpy as np
from langchain_core.embeddings import Embeddings


def vector_space(name: str) -> str:
    """The part of an embedder's name that fixes its vectors: the engine left out, since the bundled e5's engines
    (fp32, bf16, int8) give vectors within cosine 0.999 of each other."""
    return " ".join(part for part in name.split() if not part.startswith("engine="))


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
