"""Frozen e5 token states of annotated sentences (several layers), with piece-level tags, cached on disk as npz.

python -m training.ner.features [--worker 0/2]    # extract every shard ahead of training, resumably
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embeddings.e5_torch_backend import E5TorchEmbedder
from index.embeddings.settings import EmbedderSettings
from index.entities.tags import TAG_INDEX
from training.ner.corpora import CORPORA, Sentence, read_split

SENTENCES_PER_CALL = 64
SHARD = 500  # sentences per cache file, so a long extraction can stop and resume
# The layers each cache file holds (one e5 pass gives them all); the head reads a choice of them, picked on dev.
CACHED_LAYERS = (6, 7, 8, 9, 10, 11, 12)
DEFAULT_CACHE = Path("/tmp/khabar-ner-layers")


@dataclass(frozen=True)
class Features:
    """A split's piece states (float16, the chosen layers side by side) and piece tags, sentence bounds, and each
    word's first piece and tag."""

    states: np.ndarray
    piece_tags: np.ndarray
    sentence_starts: np.ndarray
    word_pieces: np.ndarray
    word_tags: np.ndarray
    word_sentence_starts: np.ndarray

    def sentence(self, index: int) -> slice:
        """The pieces of sentence `index`."""
        return slice(int(self.sentence_starts[index]), int(self.sentence_starts[index + 1]))

    def words(self, index: int) -> slice:
        """The words of sentence `index`."""
        return slice(int(self.word_sentence_starts[index]), int(self.word_sentence_starts[index + 1]))

    @property
    def sentences(self) -> int:
        """How many sentences."""
        return len(self.sentence_starts) - 1


def piece_tags(sentence: Sentence, spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The BIO tag of each piece (a word's later pieces continue it) and each word's first piece (-1: none)."""
    tags = [TAG_INDEX["O"]] * len(spans)
    firsts = []
    piece = 0
    for (start, end), tag in zip(sentence.word_spans(), sentence.tags, strict=True):
        while piece < len(spans) and spans[piece][1] <= start:  # a lone «▁» between words continues an entity
            tags[piece] = TAG_INDEX[tag] if tag.startswith("I-") else TAG_INDEX["O"]
            piece += 1
        first = piece if piece < len(spans) and spans[piece][0] < end else -1
        firsts.append(first)
        while piece < len(spans) and spans[piece][0] < end:
            inside = tag if piece == first else tag.replace("B-", "I-")
            tags[piece] = TAG_INDEX[inside]
            piece += 1
    return tags, firsts


def extract(embedder: E5TorchEmbedder, sentences: list[Sentence], layers: tuple[int, ...]) -> dict[str, np.ndarray]:
    """The arrays of a cache file for the sentences: `layer<N>` states per layer, tags and bounds."""
    states, tags, starts, word_pieces, word_tags, word_starts = [], [], [0], [], [], [0]
    began = time.monotonic()
    for first in range(0, len(sentences), SENTENCES_PER_CALL):
        batch = sentences[first : first + SENTENCES_PER_CALL]
        for sentence, (matrix, spans) in zip(
            batch, embedder.token_states([s.text for s in batch], layers), strict=True
        ):
            sentence_tags, firsts = piece_tags(sentence, spans)
            word_pieces.extend(starts[-1] + f if f >= 0 else -1 for f in firsts)
            word_tags.extend(TAG_INDEX[tag] for tag in sentence.tags)
            word_starts.append(len(word_tags))
            states.append(matrix.astype(np.float16))
            tags.extend(sentence_tags)
            starts.append(starts[-1] + len(spans))
        done = min(first + SENTENCES_PER_CALL, len(sentences))
        rate = done / max(time.monotonic() - began, 1e-9)
        print(f"  {done}/{len(sentences)} sentences ({rate:.1f}/s)", file=sys.stderr, flush=True)
    stacked = np.concatenate(states)
    arrays = {f"layer{layer}": part for layer, part in zip(layers, np.split(stacked, len(layers), axis=1), strict=True)}
    return {
        **arrays,
        "piece_tags": np.array(tags, dtype=np.int8),
        "sentence_starts": np.array(starts, dtype=np.int64),
        "word_pieces": np.array(word_pieces, dtype=np.int64),
        "word_tags": np.array(word_tags, dtype=np.int8),
        "word_sentence_starts": np.array(word_starts, dtype=np.int64),
    }


def ensure(path: Path, embedder: E5TorchEmbedder, sentences: list[Sentence]) -> None:
    """Write the cache file of the sentences (all CACHED_LAYERS) unless it is there."""
    if path.exists():
        return
    arrays = extract(embedder, sentences, CACHED_LAYERS)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npz")
    np.savez(partial, **arrays)
    partial.rename(path)


def select(arrays: Mapping[str, np.ndarray], layers: tuple[int, ...]) -> Features:
    """The features of a cache file's arrays with the states of `layers` side by side."""
    if any(layer not in CACHED_LAYERS for layer in layers):
        raise ValueError(f"layers must be among the cached {CACHED_LAYERS}. Currently, layers is {layers}")
    states = np.concatenate([arrays[f"layer{layer}"] for layer in layers], axis=1)
    return Features(states=states, **{name: arrays[name] for name in arrays if not name.startswith("layer")})


def load(path: Path, layers: tuple[int, ...]) -> Features:
    """A cache file's features with the states of `layers` side by side (the other layers are not read)."""
    with np.load(path) as stored:
        missing = [layer for layer in layers if f"layer{layer}" not in stored.files]
        if missing:
            raise ValueError(f"{path} holds no states of layers {missing}: a cache of another layout; remove it")
        wanted = [name for name in stored.files if not name.startswith("layer") or int(name[5:]) in layers]
        return select({name: stored[name] for name in wanted}, layers)


def shard_paths(cache: Path, corpus: str, split: str, sentences: int) -> list[tuple[Path, slice]]:
    """The cache files of a split (`corpus-split-00000.npz`, …) and the sentences each holds."""
    return [
        (cache / f"{corpus}-{split}-{first:05d}.npz", slice(first, first + SHARD))
        for first in range(0, sentences, SHARD)
    ]


def split_features(
    cache: Path, embedder: E5TorchEmbedder, sentences: list[Sentence], corpus: str, split: str, layers: tuple[int, ...]
) -> list[Features]:
    """The split's features, one per shard, extracting the shards not cached yet."""
    shards = []
    for path, part in shard_paths(cache, corpus, split, len(sentences)):
        ensure(path, embedder, sentences[part])
        shards.append(load(path, layers))
    return shards


def main() -> None:
    """Extract every shard of every corpus and split (dev first, then train, then test); `--worker k/n` takes
    every n-th shard, so two processes can share the work."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--worker", default="0/1", help="k/n: this process takes shards k, k+n, …")
    args = parser.parse_args()
    worker, _, workers = args.worker.partition("/")
    if not (worker.isdigit() and workers.isdigit() and int(worker) < int(workers)):
        parser.error(f"--worker must be k/n with 0 <= k < n. Currently, --worker is {args.worker!r}")
    worker, workers = int(worker), int(workers)
    embedder = E5TorchEmbedder(EmbedderSettings(threads=1))
    jobs = []
    for split in ("dev", "train", "test"):
        for corpus in CORPORA:
            sentences = read_split(args.data, corpus, split)
            jobs.extend(
                (path, sentences[part]) for path, part in shard_paths(args.cache, corpus, split, len(sentences))
            )
    for number, (path, sentences) in enumerate(jobs):
        if number % workers == worker and not path.exists():
            print(f"{path.name} ({number + 1} of {len(jobs)})", file=sys.stderr, flush=True)
            ensure(path, embedder, sentences)


if __name__ == "__main__":
    main()
