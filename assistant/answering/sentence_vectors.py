"""The e5 vectors of article sentences the answerers read: those ingest stored, read from the store; any it lacks
(an index from before they were stored, until its next ingest completes them) embedded now, the same vectors."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from index.catalog import sentence_key
from index.embeddings.base import Embedder
from index.store.base import SentenceKey, VectorStore
from index.text.normalize import normalize


class SentenceVectors:
    """Sentence vectors by where ingest stored them, embedded from their normalized text where it did not."""

    def __init__(self, store: VectorStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def of(self, keys: Sequence[SentenceKey | None], normalized: Sequence[str]) -> np.ndarray:
        """One vector per sentence: the stored one under its key, else its normalized text embedded (a key of None:
        a sentence no chunk splits out alone)."""
        stored = self.store.sentence_vectors(list(dict.fromkeys(key for key in keys if key is not None)))
        pairs = list(zip(keys, normalized, strict=True))
        missing = list(dict.fromkeys(text for key, text in pairs if key not in stored))
        embedded = dict(zip(missing, self.embedder.encode_documents(missing), strict=True)) if missing else {}
        return np.stack([stored[key] if key in stored else embedded[text] for key, text in pairs])

    def of_article_sentences(
        self, db: sqlite3.Connection, sentences: Sequence[tuple[str, int, int, str]]
    ) -> np.ndarray:
        """One vector per article sentence (article id, start, end, text as written), found where ingest stored it
        among its chunk's sentences."""
        keys = [sentence_key(db, article_id, start, end) for article_id, start, end, _ in sentences]
        return self.of(keys, [normalize(text) for *_, text in sentences])
