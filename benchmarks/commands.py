"""Whole-command benchmark: `khabar ingest` of N articles into an empty index, then again unchanged.

    python -m benchmarks.commands ../shared/corpus/farsnews/fars-news-1.json [--articles 100] [--repeat 2]

Each command is a fresh process timed from start to exit, as a person runs it: the re-ingest of unchanged
articles (and `stats`, `meetings`) should cost the start of Python and reading the input, not loading torch,
the model or Chroma. The baseline is the first ingest of the same articles in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.table import machine, median


def _timed(arguments: list[str]) -> float:
    """Seconds `khabar ARGUMENTS` takes as a fresh process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant.cli", *arguments], check=True, capture_output=True)
    return time.perf_counter() - started


def _first_articles(path: str, limit: int, directory: Path) -> Path:
    """The first `limit` records of a JSON corpus file, written as one file to ingest."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))[:limit]
    subset = directory / f"first-{limit}.json"
    subset.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return subset


def main() -> None:
    """Time the first ingest and the unchanged commands in fresh processes; print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a JSON list of articles (a FarsNews corpus file)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    times: dict[str, list[float]] = {"first ingest": [], "unchanged re-ingest": [], "stats": [], "meetings": []}
    with tempfile.TemporaryDirectory(prefix="bench-commands-") as work:
        subset = _first_articles(args.path, args.articles, Path(work))
        for repetition in range(args.repeat):
            home = str(Path(work) / f"index-{repetition}")
            times["first ingest"].append(_timed(["ingest", str(subset), "--index", home]))
            times["unchanged re-ingest"].append(_timed(["ingest", str(subset), "--index", home]))
            times["stats"].append(_timed(["stats", "--index", home]))
            times["meetings"].append(_timed(["meetings", "--index", home]))
            print(f"run {repetition + 1}: { ({k: round(v[-1], 2) for k, v in times.items()}) }", file=sys.stderr)
    first = median(times["first ingest"])
    print(f"`khabar` commands on the first {args.articles} articles of {args.path}; median of {args.repeat} runs.")
    print(f"Machine: {machine()}\n")
    print("| command | seconds | first ingest / this |\n| --- | ---: | ---: |")
    for command, seconds in times.items():
        print(f"| {command} | {median(seconds):.2f} | {first / max(median(seconds), 1e-9):.1f}× |")


if __name__ == "__main__":
    main()
