"""What naming the speaker of a «وی» sentence costs an answer: the assistant with it against the same without it.

    python -m benchmarks.speakers_named INDEX [--sets facts-dev,multi-dev,quotes-dev,paraphrase-dev] [--repeat 3]

Both assistants share one opened index and embedder, answer every question of the sets in turn (which goes first
alternates by round) with their answer caches off, so both see the same machine load. Prints a Markdown table of
the p50 and p95 latency of each, the baseline being the assistant without the naming.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from assistant.answering.cache import AnswerCache
from assistant.app import Assistant
from assistant.config import index_settings
from benchmarks.table import machine, markdown, percentile
from index.embeddings import make_embedder
from index.news_index import NewsIndex

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    """Time both assistants over the questions and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--sets", default="facts-dev,multi-dev,quotes-dev,paraphrase-dev")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the folder of the question sets")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    questions = [
        json.loads(line)["question"]
        for name in args.sets.split(",")
        for line in (args.eval / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    settings = index_settings(args.index, None, None)
    news_index = NewsIndex(settings)
    embedder = make_embedder(settings.embedder)
    named, plain = Assistant(news_index, embedder), Assistant(news_index, embedder)
    for assistant in (named, plain):
        assistant.cache = AnswerCache(0)
    for answerer in plain.answerers:
        if answerer.name == "extractive":
            answerer.naming = None
    seconds: dict[str, list[float]] = {"named": [], "plain": []}
    for round_ in range(args.repeat):
        order = [("named", named), ("plain", plain)]
        for question in questions:
            for label, assistant in order if round_ % 2 == 0 else order[::-1]:
                started = time.perf_counter()
                assistant.ask(question)
                seconds[label].append((time.perf_counter() - started) * 1000)
    news_index.close()
    print(machine())
    print(f"{len(questions)} questions × {args.repeat} rounds; khabar = speakers named, baseline = without")
    print(
        markdown(
            [
                ("answer p50, ms", percentile(seconds["named"], 0.5), percentile(seconds["plain"], 0.5), False),
                ("answer p95, ms", percentile(seconds["named"], 0.95), percentile(seconds["plain"], 0.95), False),
            ]
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
