"""The chunk: a run of whole sentences of one article, the unit that is embedded and retrieved."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    """A passage of an article: its verbatim text, its span in the article, its search form, and the normalized form
    of each of its sentences (as `passage_sentences(text)`: what the reader reads, what its vectors are keyed by)."""

    id: str
    article_id: str
    position: int
    start: int
    end: int
    text: str
    search_text: str
    token_count: int
    sentences: tuple[str, ...]

    @property
    def text_hash(self) -> str:
        """A digest of the searched text: equal texts (syndicated copies) share one embedding."""
        return hashlib.blake2b(self.search_text.encode("utf-8"), digest_size=12).hexdigest()


def chunk_id(article_id: str, position: int, text: str) -> str:
    """A stable chunk id from its article, position and text: re-ingesting changes nothing."""
    digest = hashlib.blake2b(f"{article_id}\x1f{position}\x1f{text}".encode(), digest_size=12)
    return digest.hexdigest()
