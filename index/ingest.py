"""Ingestion: articles in, chunks embedded and committed in batches; idempotent and resumable."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from index.article import Article
from index.chunk import Chunk
from index.loaders.errors import LoaderError
from index.news_index import NewsIndex
from index.progress import NoProgress, Progress
from index.store.base import SentenceKey
from index.text.chunker import Chunker

if TYPE_CHECKING:
    from index.embeddings.base import Embedder

SENTENCE_TEXTS_KEY, SENTENCE_TEXTS_VERSION = "sentence_texts", "1"
"""Recorded once every committed chunk has its normalized sentences stored (an index from before them gets them on its
next ingest, which embeds nothing for them)."""
SENTENCE_VECTORS_KEY = "sentence_vectors"
SENTENCE_VECTORS_VERSION = "1"
"""Recorded once every committed chunk has its sentences' vectors stored (an index from before them gets them on its
next ingest); bump the version when what is embedded per sentence changes."""
_BACKFILL_ARTICLES = 16
"""Articles whose chunks' sentences an older index's backfill checks, embeds and writes per step (each step kept
when interrupted), as many as an ingest commits per batch."""


@dataclass
class IngestReport:
    """What an ingest did: counts, the failures with their reasons, and whether it was interrupted."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_reused: int = 0
    tokens_embedded: int = 0
    sentences_embedded: int = 0
    sentence_tokens_embedded: int = 0
    chunks_backfilled: int = 0
    sentences_stored: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def summary(self) -> str:
        """One line: new, updated, unchanged, failed, and the embedding work done."""
        rate = self.tokens_embedded / self.seconds if self.seconds else 0.0
        line = (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {len(self.failed)} failed, "
            f"{self.duplicates} repeated in the input; "
            f"{self.chunks_embedded} chunks embedded ({self.tokens_embedded:,} tokens, {rate:,.0f} tokens/s), "
            f"{self.chunks_reused} reused; {self.sentences_embedded} sentences embedded for the reader "
            f"({self.sentence_tokens_embedded:,} tokens"
            + (f", {self.chunks_backfilled} older chunks completed" if self.chunks_backfilled else "")
            + ")"
            + (f"; {self.sentences_stored} older chunks' sentences stored" if self.sentences_stored else "")
            + f", in {self.seconds:.1f} s"
        )
        return line + (" — interrupted: run the same command again to resume" if self.interrupted else "")


class Ingestor:
    """Turns articles into committed chunks, embedding only what is not indexed yet.

    `embedder` is an embedder, or a function that loads one: then it is loaded only when an article is new or
    changed, so that re-ingesting unchanged articles never imports torch or reads the model.
    """

    def __init__(
        self, news_index: NewsIndex, embedder: Embedder | Callable[[], Embedder], batch_articles: int = 16
    ) -> None:
        if batch_articles <= 0:
            raise ValueError(f"batch_articles must be greater than 0. Currently, batch_articles is {batch_articles}")
        self.index = news_index
        self._embedder = embedder
        self.batch_articles = batch_articles

    @cached_property
    def embedder(self) -> Embedder:
        """The embedder, loaded on first use when a loader was given."""
        return self._embedder() if callable(self._embedder) else self._embedder

    @cached_property
    def chunker(self) -> Chunker:
        """Chunks sized in the embedder's tokens; refuses chunking settings that exceed its window."""
        chunking = self.index.settings.chunking
        if chunking.max_tokens > self.embedder.max_tokens:
            raise ValueError(
                f"Chunks of up to {chunking.max_tokens} tokens do not fit {self.embedder.name}'s window of "
                f"{self.embedder.max_tokens} tokens: lower max_tokens."
            )
        return Chunker(self.embedder.count_tokens, chunking)

    def ingest(self, items: Iterable[Article | LoaderError], progress: Progress | None = None) -> IngestReport:
        """Ingest loaded items in committed batches; Ctrl-C keeps every batch committed so far."""
        progress = progress or NoProgress()
        report = IngestReport()
        started = time.monotonic()
        seen: dict[str, str] = {}
        pending: list[Article] = []
        try:
            self.index.sync()
            self.index.clean_orphans()
            self._complete_sentence_texts(report, progress)
            self._complete_sentence_vectors(report, progress)
            for item in items:
                if isinstance(item, LoaderError):
                    report.failed.append((item.origin, str(item)))
                    progress.advance(1, 0, 0)
                    continue
                if item.id in seen:
                    if seen[item.id] == item.content_hash:
                        report.duplicates += 1
                    else:
                        reason = "same id as an earlier article of this run, with different text; the first was kept"
                        report.failed.append((item.origin or item.id, f"{item.origin}: {item.id}: {reason}"))
                    progress.advance(1, 0, 0)
                    continue
                seen[item.id] = item.content_hash
                pending.append(item)
                if len(pending) >= self.batch_articles:
                    self._commit_batch(pending, report, progress)
                    pending = []
            self._commit_batch(pending, report, progress)
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            report.seconds = time.monotonic() - started
            progress.close()
        return report

    def _commit_batch(self, articles: list[Article], report: IngestReport, progress: Progress) -> None:
        """Chunk, embed and commit one batch of articles; unchanged articles cost one lookup."""
        if not articles:
            return
        known = self.index.manifest.content_hashes([a.id for a in articles])
        changed = [a for a in articles if known.get(a.id) != a.content_hash]
        report.unchanged += len(articles) - len(changed)
        progress.advance(len(articles) - len(changed), 0, 0)
        if not changed:
            return
        chunked = [(article, self.chunker.chunk(article)) for article in changed]
        tokens = self._write_vectors(chunked, report)
        self.index.commit(chunked)
        self.index.clean_orphans()
        report.updated += sum(1 for article in changed if article.id in known)
        report.new += sum(1 for article in changed if article.id not in known)
        progress.advance(len(changed), sum(len(chunks) for _, chunks in chunked), tokens)

    def _write_vectors(self, chunked: list[tuple[Article, list[Chunk]]], report: IngestReport) -> int:
        """Write vectors for chunks that have none, reusing any vector of identical text; returns tokens embedded."""
        pairs = [(article, chunk) for article, chunks in chunked for chunk in chunks]
        present = self.index.vectors.existing([chunk.id for _, chunk in pairs])
        missing = [(article, chunk) for article, chunk in pairs if chunk.id not in present]
        report.chunks_reused += len(pairs) - len(missing)
        self._refresh_metadata([(article, chunk) for article, chunk in pairs if chunk.id in present])
        if not missing:
            return 0
        self.index.manifest.journal_orphans(chunk.id for _, chunk in missing)
        vectors, tokens = self._vectors_for([chunk for _, chunk in missing], report)
        report.tokens_embedded += tokens
        self._write_sentence_vectors([chunk for _, chunk in missing], report)
        self.index.vectors.upsert(missing, np.vstack([vectors[chunk.text_hash] for _, chunk in missing]))
        return tokens

    def _write_sentence_vectors(self, chunks: list[Chunk], report: IngestReport) -> None:
        """Embed the sentences of these chunks as the reader reads them (each distinct text once) and store their
        vectors beside the chunks', so that answering a question embeds only the question."""
        keys: list[SentenceKey] = []
        texts: list[str] = []
        for chunk in chunks:
            for position, normalized in enumerate(chunk.sentences):
                keys.append((chunk.id, position))
                texts.append(normalized)
        if not keys:
            return
        distinct = list(dict.fromkeys(texts))
        embedded = dict(zip(distinct, self.embedder.encode_documents(distinct), strict=True))
        report.sentences_embedded += len(distinct)
        report.sentence_tokens_embedded += sum(self.embedder.count_tokens(text) for text in distinct)
        self.index.vectors.upsert_sentences(keys, np.vstack([embedded[text] for text in texts]))

    def _complete_sentence_vectors(self, report: IngestReport, progress: Progress) -> None:
        """Store the sentence vectors of the committed chunks that lack them (an index from before they were
        stored)."""
        manifest = self.index.manifest

        def step(article_ids: list[str]) -> None:
            chunks = [c for a in map(manifest.find_article, article_ids) if a for c in manifest.chunks_of(a)]
            stored = self.index.vectors.sentence_counts([chunk.id for chunk in chunks])
            lacking = [c for c in chunks if stored.get(c.id, 0) != len(c.sentences)]
            before = report.sentence_tokens_embedded
            self._write_sentence_vectors(lacking, report)
            report.chunks_backfilled += len(lacking)
            progress.advance(0, len(lacking), report.sentence_tokens_embedded - before)

        self._backfill(SENTENCE_VECTORS_KEY, SENTENCE_VECTORS_VERSION, step)

    def _complete_sentence_texts(self, report: IngestReport, progress: Progress) -> None:
        """Store the normalized sentences of the committed chunks that lack them (an index from before they were
        stored)."""
        manifest = self.index.manifest

        def step(article_ids: list[str]) -> None:
            lacking = set(
                manifest.lacks_sentences([i for ids in manifest.chunk_ids_of(article_ids).values() for i in ids])
            )
            if lacking:
                chunks = [c for a in map(manifest.find_article, article_ids) if a for c in manifest.chunks_of(a)]
                manifest.store_sentences([c for c in chunks if c.id in lacking])
                report.sentences_stored += len(lacking)
                progress.advance(0, len(lacking), 0)

        self._backfill(SENTENCE_TEXTS_KEY, SENTENCE_TEXTS_VERSION, step)

    def _backfill(self, key: str, version: str, step: Callable[[list[str]], None]) -> None:
        """Run `step` over the committed articles, `_BACKFILL_ARTICLES` at a time, unless the manifest records
        `version` under `key`, and record it once every step is done: Ctrl-C keeps the steps done, and the next
        ingest resumes from there."""
        manifest = self.index.manifest
        if manifest.meta(key) == version:
            return
        articles = manifest.article_ids()
        for offset in range(0, len(articles), _BACKFILL_ARTICLES):
            step(articles[offset : offset + _BACKFILL_ARTICLES])
        manifest.set_meta(key, version)

    def _refresh_metadata(self, kept: list[tuple[Article, Chunk]]) -> None:
        """Rewrite the metadata of unchanged chunks of edited articles (a new date or agency), keeping their vectors."""
        stored = self.index.vectors.vectors([chunk.id for _, chunk in kept])
        kept = [(article, chunk) for article, chunk in kept if chunk.id in stored]
        if kept:
            self.index.vectors.upsert(kept, np.vstack([stored[chunk.id] for _, chunk in kept]))

    def _vectors_for(self, chunks: list[Chunk], report: IngestReport) -> tuple[dict[str, np.ndarray], int]:
        """A vector per distinct searched text: copied from an indexed twin, else embedded (shortest first)."""
        by_hash = {chunk.text_hash: chunk for chunk in chunks}
        twins = self.index.manifest.chunks_with_text(list(by_hash))
        vectors = {}
        twin_vectors = self.index.vectors.vectors(list(twins.values()))
        for text_hash, twin_id in twins.items():
            if twin_id in twin_vectors:
                vectors[text_hash] = twin_vectors[twin_id]
        to_embed = sorted((c for h, c in by_hash.items() if h not in vectors), key=lambda c: len(c.search_text))
        if to_embed:
            embedded = self.embedder.encode_documents([chunk.search_text for chunk in to_embed])
            vectors.update({chunk.text_hash: vector for chunk, vector in zip(to_embed, embedded, strict=True)})
        report.chunks_embedded += len(to_embed)
        report.chunks_reused += len(chunks) - len(to_embed)
        return vectors, sum(chunk.token_count for chunk in to_embed)
