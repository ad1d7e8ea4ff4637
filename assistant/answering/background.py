"""The corpus a question's similarities are read against: a sample of the index's vectors, made up from the reader's
own training background where the index is too small to be a corpus (one article cannot tell near from far)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.embeddings.base import vector_space

REFERENCE_PATH = Path(__file__).parent / "models" / "background.npz"


@lru_cache(maxsize=2)
def reference_sample(path: Path = REFERENCE_PATH) -> tuple[str, np.ndarray]:
    """The embedder that wrote the shipped reference vectors, and the vectors (PQuAD paragraphs, as the reader's
    training measured backgrounds); a missing or broken file says which and how to rebuild it."""
    try:
        with np.load(path) as data:
            return str(json.loads(str(data["meta"]))["embedder"]), data["vectors"].astype(np.float32)
    except (OSError, ValueError, KeyError) as error:
        raise RuntimeError(
            f"{path}: cannot load the reference background ({error}); run `python -m training.reader.background`"
        ) from error


def background_sample(index_sample: np.ndarray, size: int, embedder: str, path: Path = REFERENCE_PATH) -> np.ndarray:
    """`size` vectors to read a question's background on: the index's sample, filled up with the reference vectors
    when the index holds fewer (and they were written by the same embedder)."""
    missing = size - len(index_sample)
    if missing <= 0:
        return index_sample
    writer, reference = reference_sample(path)
    if vector_space(writer) != vector_space(embedder):  # the embedder's name carries its dimension
        return index_sample
    return np.concatenate([index_sample.reshape(-1, reference.shape[1]), reference[:missing]])
