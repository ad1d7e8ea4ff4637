"""An opened index: manifest (with its BM25 rows) and Chroma vectors together, checked against the settings.

With a Chroma server the server is the truth: vectors and a change log of every article live there, and the
manifest is this replica's cache of the log, brought up to date by `refresh` (see `index/replica.py`)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace

from index.article import Article
from index.chunk import Chunk
from index.embeddings.settings import RESOLVED_PRECISIONS
from index.extensions import default_extensions
from index.replica import Replica
from index.settings import IndexSettings
from index.store.base import ChangeLog, VectorStore
from index.store.chroma import ChromaVectorStore
from index.store.chroma_changes import ChromaChangeLog
from index.store.errors import IndexMismatchError, StoreUnavailableError
from index.store.extension import ArticleExtension
from index.store.lexical import LexicalIndex
from index.store.lexical_fts5 import Fts5LexicalIndex, Fts5Terms
from index.store.lexical_tantivy import TantivyLexicalIndex
from index.store.manifest import Manifest

_FINGERPRINT_KEY = "fingerprint"
_CHROMA_KEY = "chroma_url"
_EMBEDDED = "embedded"
LEXICAL_DIRECTORY = "lexical"


def _with_recorded_precision(settings: IndexSettings, recorded: str | None) -> IndexSettings:
    """Settings whose automatic embedder precision is the one the index was built with, so that opening an fp32
    index on a bf16 or int8 machine (or the reverse) keeps its vectors comparable instead of mixing or refusing."""
    if recorded is None or settings.embedder.precision != "auto":
        return settings
    for precision in RESOLVED_PRECISIONS:
        pinned = replace(settings, embedder=replace(settings.embedder, precision=precision))
        if pinned.fingerprint == recorded:
            return pinned
    return settings


class NewsIndex:
    """The parts of one index, opened together; the manifest is the commit record the others follow."""

    def __init__(self, settings: IndexSettings, extensions: list[ArticleExtension] | None = None) -> None:
        settings.home.mkdir(parents=True, exist_ok=True)
        extensions = default_extensions() if extensions is None else extensions
        tantivy = TantivyLexicalIndex(settings.home / LEXICAL_DIRECTORY) if settings.lexical == "tantivy" else None
        terms_rows = tantivy or Fts5Terms()
        self.manifest = Manifest(settings.home / "manifest.sqlite3", [*extensions, terms_rows])
        recorded = self.manifest.meta(_FINGERPRINT_KEY)
        settings = _with_recorded_precision(settings, recorded)
        self.settings = settings
        if recorded is None:
            self.manifest.set_meta(_FINGERPRINT_KEY, settings.fingerprint)
        elif recorded != settings.fingerprint:
            self.manifest.close()
            raise IndexMismatchError(
                f"The index at {settings.home} was built with [{recorded}], not [{settings.fingerprint}]. "
                "Use the embedder and chunking it was built with, or ingest the articles again into a new --index "
                "directory (an index from an older khabar, with another text normalizer, must be rebuilt)."
            )
        self._check_chroma_location(settings)
        self.vectors: VectorStore = ChromaVectorStore(
            settings.home, settings.chroma_url, settings.collection, settings.fingerprint
        )
        self.lexical: LexicalIndex = tantivy or Fts5LexicalIndex(self.manifest.connection)
        self._discard_other_lexical()
        self.changes: ChangeLog | None = None
        self.replica: Replica | None = None
        if settings.chroma_url:
            self.changes = ChromaChangeLog(settings.home, settings.chroma_url, settings.collection)
            self.replica = Replica(self.manifest, self.changes, settings.sync_seconds)
        shutil.rmtree(settings.home / "bm25", ignore_errors=True)  # the bm25s files of an older khabar, now migrated

    def _discard_other_lexical(self) -> None:
        """Delete what another lexical backend derived in this index before (FTS5 rows or a tantivy directory),
        unless it is kept as an extension too (the scale benchmark measures both side by side)."""
        kept = {extension.name for extension in self.manifest.extensions}
        db = self.manifest.connection
        if Fts5Terms.name not in kept and self.manifest.meta(f"extension:{Fts5Terms.name}"):
            Fts5Terms.discard(db)
        if TantivyLexicalIndex.name not in kept and (self.settings.home / LEXICAL_DIRECTORY).exists():
            TantivyLexicalIndex.discard(self.settings.home / LEXICAL_DIRECTORY, db)

    def _check_chroma_location(self, settings: IndexSettings) -> None:
        """Record where the vectors of a new index live; refuse to open a server's index without a server (it would
        silently start an empty local Chroma) or a local one with a server."""
        recorded = self.manifest.meta(_CHROMA_KEY)
        if recorded is None:
            self.manifest.set_meta(_CHROMA_KEY, settings.chroma_url or _EMBEDDED)
            return
        if recorded != _EMBEDDED and not settings.chroma_url:
            self.manifest.close()
            raise StoreUnavailableError(
                f"The index at {settings.home} keeps its vectors on the Chroma server {recorded}: "
                f"open it with --chroma-url {recorded} (or KHABAR_CHROMA_URL)."
            )
        if recorded == _EMBEDDED and settings.chroma_url:
            self.manifest.close()
            raise StoreUnavailableError(
                f"The index at {settings.home} keeps its vectors in {settings.home / 'chroma'}, not on a Chroma "
                f"server: open it without --chroma-url {settings.chroma_url}, or ingest into a new --index."
            )

    def clean_orphans(self) -> int:
        """Delete vectors left by an interrupted or replaced write; returns how many."""
        orphans = self.manifest.orphans()
        for offset in range(0, len(orphans), 1000):
            batch = orphans[offset : offset + 1000]
            self.vectors.delete(batch)
            self.manifest.forget_orphans(batch)
        return len(orphans)

    def refresh(self) -> int:
        """Bring a replica's cache up to date with the server (at most every `sync_seconds`); how many changed."""
        return self.replica.refresh() if self.replica else 0

    def sync(self) -> int:
        """Bring a replica's cache up to date with the server now; how many articles changed."""
        return self.replica.sync() if self.replica else 0

    def commit(self, articles: list[tuple[Article, list[Chunk]]]) -> None:
        """Commit articles whose vectors are written: on the server's change log first, then in the manifest."""
        if self.changes:
            self.changes.publish(articles)
        self.manifest.commit(articles)

    def remove(self, key: str) -> str | None:
        """Remove the article with this id or URL everywhere; returns its id, or None when unknown."""
        return self.remove_all([key])[key]

    def remove_all(self, keys: Sequence[str]) -> dict[str, str | None]:
        """Remove the articles with these ids or URLs everywhere, together: one change-log write, one manifest
        transaction, one lexical commit and batched vector deletes. Returns each key's article id (None: unknown)."""
        self.refresh()
        found = {key: self.manifest.find_article(key) for key in keys}
        article_ids = list(dict.fromkeys(article.id for article in found.values() if article is not None))
        if article_ids:
            if self.changes:
                self.changes.retract(article_ids)
            self.manifest.remove_all(article_ids)
            self.clean_orphans()
        return {key: article.id if article else None for key, article in found.items()}

    def stats(self) -> dict[str, object]:
        """What the index holds and where."""
        return {
            **self.manifest.stats(),
            "vectors": self.vectors.count(),
            "home": str(self.settings.home),
            "chroma": self.vectors.location,
            "embedder": self.settings.embedder.model,
            "precision": self.settings.embedder.resolved_precision,
        }

    def close(self) -> None:
        """Release the manifest."""
        self.manifest.close()
