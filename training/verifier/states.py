"""The e5 token states of FarsTail's texts, computed once and cached on disk (fp16) for the verifier's features."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from index.embeddings.e5_torch_backend import E5TorchEmbedder

CACHE = Path("/tmp/khabar-verifier")
CHUNK = 256  # texts per cache file: a killed run resumes at the last finished chunk


def token_states(texts: list[str], embedder: E5TorchEmbedder, cache: Path = CACHE) -> dict[str, np.ndarray]:
    """Each distinct text's token states (tokens × 384, fp32), read from the cache or computed and cached."""
    distinct = sorted(set(texts))
    key = hashlib.sha1("\n".join([embedder.name, *distinct]).encode()).hexdigest()[:16]
    folder = cache / key
    folder.mkdir(parents=True, exist_ok=True)
    states: dict[str, np.ndarray] = {}
    for number, start in enumerate(range(0, len(distinct), CHUNK)):
        batch = distinct[start : start + CHUNK]
        path = folder / f"{number:04d}.npz"
        if not path.exists():
            matrices = [matrix for matrix, _ in embedder.token_states(batch)]
            offsets = np.cumsum([0] + [len(matrix) for matrix in matrices])
            partial = path.with_suffix(".part.npz")
            np.savez(partial, states=np.concatenate(matrices).astype(np.float16), offsets=offsets)
            partial.rename(path)
            print(f"  token states: {start + len(batch)} of {len(distinct)} texts", flush=True)
        with np.load(path) as data:
            flat, offsets = data["states"].astype(np.float32), data["offsets"]
        for i, text in enumerate(batch):
            states[text] = flat[offsets[i] : offsets[i + 1]]
    return states
