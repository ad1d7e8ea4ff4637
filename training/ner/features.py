"""Frozen e5 token states of annotated sentences, with piece-level tags, cached on disk as npz."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.embeddings.e5_torch_backend import E5TorchEmbedder
from index.entities.tags import TAG_INDEX
from training.ner.corpora import Sentence

SENTENCES_PER_CALL = 64
SHARD = 500  # sentences per cache file, so a long extraction can stop and resume


@dataclass(frozen=True)
class Features:
    """A split's piece states (float16) and piece tags, sentence bounds, and each word's first piece and tag."""

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


def extract(embedder: E5TorchEmbedder, sentences: list[Sentence]) -> Features:
    """The features of the sentences, printing progress to stderr."""
    states, tags, starts, word_pieces, word_tags, word_starts = [], [], [0], [], [], [0]
    for first in range(0, len(sentences), SENTENCES_PER_CALL):
        batch = sentences[first : first + SENTENCES_PER_CALL]
        for sentence, (matrix, spans) in zip(batch, embedder.token_states([s.text for s in batch]), strict=True):
            sentence_tags, firsts = piece_tags(sentence, spans)
            word_pieces.extend(starts[-1] + f if f >= 0 else -1 for f in firsts)
            word_tags.extend(TAG_INDEX[tag] for tag in sentence.tags)
            word_starts.append(len(word_tags))
            states.append(matrix.astype(np.float16))
            tags.extend(sentence_tags)
            starts.append(starts[-1] + len(spans))
        print(f"  {min(first + SENTENCES_PER_CALL, len(sentences))}/{len(sentences)} sentences", file=sys.stderr)
    return Features(
        np.concatenate(states),
        np.array(tags, dtype=np.int8),
        np.array(starts, dtype=np.int64),
        np.array(word_pieces, dtype=np.int64),
        np.array(word_tags, dtype=np.int8),
        np.array(word_starts, dtype=np.int64),
    )


def cached(path: Path, embedder: E5TorchEmbedder, sentences: list[Sentence]) -> Features:
    """The features from `path` (an npz), extracting and writing them first when absent."""
    if not path.exists():
        features = extract(embedder, sentences)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npz")
        np.savez(partial, **features.__dict__)
        partial.rename(path)
    with np.load(path) as stored:
        return Features(**{name: stored[name] for name in stored.files})


def cached_shards(prefix: Path, embedder: E5TorchEmbedder, sentences: list[Sentence]) -> list[Features]:
    """The features of the sentences as cache files of SHARD sentences each (`prefix`-00000.npz, …)."""
    return [
        cached(prefix.with_name(f"{prefix.name}-{first:05d}.npz"), embedder, sentences[first : first + SHARD])
        for first in range(0, len(sentences), SHARD)
    ]
