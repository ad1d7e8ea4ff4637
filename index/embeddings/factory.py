"""Builds the embedder named in the settings."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from index.embeddings.settings import BUNDLED_MODEL, EmbedderSettings

if TYPE_CHECKING:
    from index.embeddings.base import Embedder


def make_embedder(settings: EmbedderSettings) -> Embedder:
    """The bundled multilingual-e5-small on torch, or a sentence-transformers model for any other name."""
    # Before torch loads OpenMP: idle threads sleep instead of spinning. Alone on the machine it changes nothing;
    # beside another busy process, spinning made a short question take 380 ms instead of 40.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if settings.model == BUNDLED_MODEL:
        from index.embeddings.e5_torch_backend import E5TorchEmbedder

        return E5TorchEmbedder(settings)
    from index.embeddings.st_backend import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(settings)
