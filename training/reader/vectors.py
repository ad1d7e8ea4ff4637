"""e5 vectors of the training texts, computed once with khabar's embedder and cached on disk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from index.embeddings.base import Embedder
from index.embeddings.factory import make_embedder
from index.embeddings.settings import EmbedderSettings

BATCH = 64


def embedder_pair() -> tuple[Embedder, Embedder]:
    """khabar's embedder for passages, and its twin whose passage prefix is the query one, so that questions are
    embedded in batches as `encode_query` embeds each."""
    settings = EmbedderSettings()
    query_prefix, _ = settings.prefixes()
    return make_embedder(settings), make_embedder(replace(settings, passage_prefix=query_prefix))


def cached_vectors(encode: Callable[[list[str]], np.ndarray], texts: list[str], kind: str, cache: Path) -> np.ndarray:
    """One vector per text from `encode` (`kind` names its prefix: "query" or "passage"), cached under `cache`."""
    digest = hashlib.blake2b("\n\0".join(texts).encode("utf-8"), digest_size=10).hexdigest()
    path = cache / f"{kind}-{digest}.npy"
    if path.exists():
        return np.load(path)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths batch with less padding
    vectors = np.empty((len(texts), 0), dtype=np.float32)
    for first in range(0, len(order), BATCH):
        batch = order[first : first + BATCH]
        encoded = encode([texts[i] for i in batch])
        if not vectors.size:
            vectors = np.empty((len(texts), encoded.shape[1]), dtype=np.float32)
        vectors[batch] = encoded
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors
