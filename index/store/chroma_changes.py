"""The change log in Chroma beside the vectors: per article its latest stamp (`<collection>-changes`, small, read when
the head moved), its JSON record (`<collection>-articles`, read only for what changed), and a head token that every
write replaces (`<collection>-head`, one entry, read on every sync)."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from index.article import Article
from index.chunk import Chunk
from index.store.chroma import chroma_client
from index.store.records import Change, record_from_json, record_json

_PAGE = 1000
"""Entries read per request: bounded replies however many articles changed."""


def _position(stamp: int) -> list[float]:
    """A 2-d placeholder vector (Chroma stores one per entry; the log is never searched by it), spread on the circle
    so that its HNSW graph never holds a million identical points."""
    angle = (stamp % 1_000_003) / 1_000_003 * 2 * math.pi
    return [math.cos(angle), math.sin(angle)]


class ChromaChangeLog:
    """Articles and their latest change, stamped in nanoseconds. The stamps are kept apart from the records: a
    filtered read of a collection holding the article texts took 130 ms at 1,200 articles, of one without 2 ms.

    A stamp is the writer's clock (`time.time_ns()`), so readers re-read a window before their cursor
    (`Replica.OVERLAP_NS`) to catch a write stamped earlier that landed later; applying a change twice is a no-op.
    """

    def __init__(self, home: Path, chroma_url: str | None, collection: str) -> None:
        self._home, self._chroma_url, self._collection_name = home, chroma_url, collection

    def _open(self, suffix: str, role: str):
        """One of the two collections (the server reached the first time)."""
        return chroma_client(self._home, self._chroma_url).get_or_create_collection(
            f"{self._collection_name}-{suffix}", embedding_function=None, metadata={"khabar_role": role}
        )

    @cached_property
    def _changes(self):
        """The latest stamp of every article, and whether it was removed."""
        return self._open("changes", "change log")

    @cached_property
    def _head(self):
        """One entry whose token every publish and retract replaces, after their entries."""
        return self._open("head", "change head")

    def head(self) -> str:
        """The token of the latest write ("" before any): unchanged, nothing was published or retracted since."""
        found = self._head.get(ids=["head"], include=["metadatas"])
        return str(found["metadatas"][0]["token"]) if found["ids"] else ""

    def _move_head(self) -> None:
        """A new head token, written after the entries it announces (so a reader that sees it sees them)."""
        self._head.upsert(ids=["head"], embeddings=[[1.0, 0.0]], metadatas=[{"token": uuid.uuid4().hex}])

    @cached_property
    def _records(self):
        """The JSON record of every article present."""
        return self._open("articles", "article records")

    def publish(self, articles: Sequence[tuple[Article, list[Chunk]]]) -> None:
        """Record these articles with their chunks, each under a new stamp."""
        if not articles:
            return
        stamp = time.time_ns()
        stamps = [stamp + offset for offset in range(len(articles))]
        ids = [article.id for article, _ in articles]
        self._records.upsert(
            ids=ids,
            embeddings=[_position(s) for s in stamps],
            documents=[record_json(article, chunks) for article, chunks in articles],
        )
        self._changes.upsert(
            ids=ids,
            embeddings=[_position(s) for s in stamps],
            metadatas=[
                {"stamp": s, "content_hash": article.content_hash, "removed": False}
                for s, (article, _) in zip(stamps, articles, strict=True)
            ],
        )
        self._move_head()

    def retract(self, article_ids: Sequence[str]) -> None:
        """Replace these articles' records with tombstones under a new stamp."""
        if not article_ids:
            return
        stamp = time.time_ns()
        stamps = [stamp + offset for offset in range(len(article_ids))]
        self._changes.upsert(
            ids=list(article_ids),
            embeddings=[_position(s) for s in stamps],
            metadatas=[{"stamp": s, "content_hash": "", "removed": True} for s in stamps],
        )
        self._records.delete(ids=list(article_ids))
        self._move_head()

    def changes_since(self, stamp: int) -> list[Change]:
        """The latest change of every article stamped after `stamp`, read a page at a time."""
        changes: list[Change] = []
        while True:
            page = self._changes.get(
                where={"stamp": {"$gt": stamp}}, include=["metadatas"], limit=_PAGE, offset=len(changes)
            )
            changes.extend(
                Change(article_id, int(meta["stamp"]), str(meta["content_hash"]), bool(meta["removed"]))
                for article_id, meta in zip(page["ids"], page["metadatas"], strict=True)
            )
            if len(page["ids"]) < _PAGE:
                return changes

    def records(self, article_ids: Sequence[str]) -> dict[str, tuple[Article, list[Chunk]]]:
        """The recorded articles with their chunks; removed or unknown ids are left out."""
        found: dict[str, tuple[Article, list[Chunk]]] = {}
        for offset in range(0, len(article_ids), _PAGE // 10):
            page = self._records.get(ids=list(article_ids[offset : offset + _PAGE // 10]), include=["documents"])
            for article_id, text in zip(page["ids"], page["documents"], strict=True):
                found[article_id] = record_from_json(article_id, text)
        return found
