"""Latency of `POST /api/ask` on a real `khabar serve`, side by side with `khabar ask --batch`, on the same questions.

    python benchmarks/api_latency.py --index DIR [--questions ../shared/eval/facts-dev.jsonl] [--k 10]

The batch runs first (one process, the model loaded once; its per-question `latency_ms`), then the server is started
on the same index and each question is posted once, in order, after one warm-up question. Both answer with k passages
(the batch's default is 10). Prints a Markdown table of p50 / p95 / mean in milliseconds, and the machine's load:
other processes competing for the CPUs slow the embedder's OpenMP threads down a lot.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = REPO.parent / "shared" / "eval" / "facts-dev.jsonl"


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (linear interpolation)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def row(name: str, values: list[float]) -> str:
    """One line of the table."""
    p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
    return f"| {name} | {len(values)} | {p50:,.1f} | {p95:,.1f} | {statistics.fmean(values):,.1f} |"


def batch_latencies(index: Path, questions: Path, k: int) -> tuple[list[float], float]:
    """Per-question latency_ms of `khabar ask --batch`, and its wall time in seconds (model loading included)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "answers.jsonl"
        command = [sys.executable, "-m", "assistant.cli", "ask", "--batch", str(questions), "--out", str(out)]
        started = time.perf_counter()
        subprocess.run([*command, "--index", str(index), "--k", str(k)], cwd=REPO, check=True)
        wall = time.perf_counter() - started
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [r["latency_ms"] for r in rows], wall


def api_latencies(index: Path, questions: list[str], k: int) -> tuple[list[float], list[float]]:
    """Round-trip and server-reported milliseconds of `POST /api/ask` per question, on a fresh `khabar serve`."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "serve.out"
        command = [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index), "--port", "0"]
        with log.open("w") as out:
            server = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.DEVNULL)
        try:
            url = _wait(server, log)
            round_trips, server_side = [], []
            with httpx.Client(base_url=url, timeout=120) as http:
                http.post("/api/ask", json={"question": questions[0], "k": k}).raise_for_status()
                for question in questions:
                    started = time.perf_counter()
                    response = http.post("/api/ask", json={"question": question, "k": k})
                    round_trips.append((time.perf_counter() - started) * 1000)
                    response.raise_for_status()
                    server_side.append(response.json()["latency_ms"])
            return round_trips, server_side
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait(server: subprocess.Popen, log: Path) -> str:
    """The server's URL once it is ready (model loaded)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and server.poll() is None:
        match = re.search(r"chat at (http://\S+?)/ ", log.read_text(encoding="utf-8"))
        if match and httpx.get(f"{match.group(1)}/readyz").status_code == 200:
            return match.group(1)
        time.sleep(0.3)
    raise RuntimeError("khabar serve did not become ready")


def main() -> None:
    """Run both and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="an index directory (copy a shared one first)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"] for line in args.questions.read_text(encoding="utf-8").splitlines() if line
    ]
    load_before = os.getloadavg()[0]
    batch, wall = batch_latencies(args.index, args.questions, args.k)
    round_trips, server_side = api_latencies(args.index, questions, args.k)
    print(f"{len(questions)} questions of {args.questions.name}, k={args.k}, index {args.index}")
    print(f"{os.cpu_count()} CPUs, load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after\n")
    print("| path | questions | p50 ms | p95 ms | mean ms |\n| --- | --- | --- | --- | --- |")
    print(row("`khabar ask --batch` (per question, in process)", batch))
    print(row("`POST /api/ask` round trip (HTTP client)", round_trips))
    print(row("`POST /api/ask` answer time (server `latency_ms`)", server_side))
    print(f"\n`khabar ask --batch` wall time, model loading included: {wall:.1f} s")


if __name__ == "__main__":
    main()
