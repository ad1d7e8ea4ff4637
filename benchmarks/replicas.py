"""Replica benchmark: what bringing a replica's cache up to date from a `chroma run` server's change log costs.

    python -m benchmarks.replicas /work/idx/fars [--repeat 50] [--lexical tantivy|fts5]

A writer publishes the articles of an existing index (real chunks, synthetic vectors) through a `chroma run` on
127.0.0.1; a second replica with an empty cache then syncs: the whole corpus once (a new replica), then a sync
that finds nothing (what a question pays at most every `sync_seconds`): while the whole corpus is within the
re-read overlap (30 s) and after it, then after 1 and 100 new articles. A sync that finds nothing reads the log's
head alone; beside it, in the same run, the path before (the filtered read of the change log on every sync, which a
replica still makes every 30 s) and that filtered read by itself.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.scale import _copy, _server, _source_articles, _vectors
from benchmarks.table import machine, median, percentile
from index.news_index import NewsIndex
from index.replica import CURSOR_KEY, OVERLAP_NS
from index.settings import LEXICAL_BACKENDS, IndexSettings


def _publish(writer: NewsIndex, articles, rng: np.random.Generator) -> None:
    """Write vectors, then commit through the writer (the change log first), as ingest does."""
    for offset in range(0, len(articles), 200):
        batch = articles[offset : offset + 200]
        pairs = [(article, chunk) for article, chunks in batch for chunk in chunks]
        writer.vectors.upsert(pairs, _vectors(rng, len(pairs)))
        writer.commit(batch)


def _timed(action) -> float:
    """Milliseconds one call takes."""
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    """Publish, sync and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an index directory whose articles and chunks are published")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--lexical", choices=LEXICAL_BACKENDS, default="tantivy", help="the replicas' BM25 backend")
    args = parser.parse_args()
    source = _source_articles(args.source)
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(prefix="khabar-replicas-") as work:
        server, url = _server(Path(work) / "chroma")
        try:
            settings = IndexSettings(
                Path(work) / "writer", url, collection="replicas", sync_seconds=0.0, lexical=args.lexical
            )
            writer = NewsIndex(settings)
            _publish(writer, source, rng)
            reader = NewsIndex(replace(settings, home=Path(work) / "reader"))
            rows = [(f"new replica: sync of the whole corpus ({len(source):,} articles)", _timed(reader.sync))]
            recent = [_timed(reader.sync) for _ in range(args.repeat)]
            rows.append(("sync with nothing new, the corpus stamped within the overlap, p50", median(recent)))
            time.sleep(OVERLAP_NS / 1e9 + 1)
            empty = [_timed(reader.sync) for _ in range(args.repeat)]
            rows.append(("sync with nothing new (head unmoved), p50", median(empty)))
            rows.append(("sync with nothing new (head unmoved), p95", percentile(empty, 0.95)))
            reader.replica.full_read_seconds = 0.0  # the path before: the whole change log read on every sync
            full = [_timed(reader.sync) for _ in range(args.repeat)]
            rows.append(("sync with nothing new, reading the log every time (before), p50", median(full)))
            rows.append(("sync with nothing new, reading the log every time (before), p95", percentile(full, 0.95)))
            since = int(reader.manifest.meta(CURSOR_KEY)) - OVERLAP_NS
            alone = [_timed(lambda: reader.changes.changes_since(since)) for _ in range(args.repeat)]
            rows.append(("the filtered read of the log alone, p50", median(alone)))
            head = [_timed(reader.changes.head) for _ in range(args.repeat)]
            rows.append(("the head read alone, p50", median(head)))
            for count in (1, 100):
                new = [_copy(a, c, 1_000_000 + count + i) for i, (a, c) in enumerate(source[:count])]
                _publish(writer, new, rng)
                rows.append((f"sync after {count} new article{'s' if count > 1 else ''}", _timed(reader.sync)))
            writer.close()
            reader.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"Published {len(source):,} articles of {args.source} to a chroma run on 127.0.0.1, replicas' BM25 on "
          f"{args.lexical}. Machine: {machine()}\n")  # fmt: skip
    print("| figure | ms |\n| --- | ---: |")
    for name, ms in rows:
        print(f"| {name} | {ms:,.1f} |")


if __name__ == "__main__":
    main()
