"""Soak: 50 clients asking uncached questions for 60 s on a real `khabar serve`, with and without attackers
sending 20 MB bodies without a key at the same time; errors, latency and the server's memory, side by side.

    python benchmarks/soak.py --index DIR [--clients 50] [--seconds 60] [--settle 60] [--attackers 4] [--warm-up 120]

The index is copied to a temporary folder first (the server may write to it). Each phase starts a fresh server
(keys set), warms it with the same clients for `--warm-up` seconds (threads, caches and allocator arenas reach
their working size), then runs the clients for `--seconds`; the second phase adds the attackers. The server's
resident memory (VmRSS) is read after the warm-up (start), every second during the load (peak), and `--settle`
seconds after the load stopped. Every question is made unique (a request number appended) so the answer cache
never serves it. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from threading import Thread

import httpx

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
KEY = "soak-reader-key-0123456789"
BODY_BYTES = 20 * 1024 * 1024
ATTACKS = ("/gradio_api/queue/join", "/api/ask", "/gradio_api/upload", "/gradio_api/call/ask", "/auth/login")


def questions(folder: Path) -> list[str]:
    """The questions of every eval set in the folder."""
    found = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                question = record.get("question")
                if isinstance(question, str) and question.strip():
                    found.append(question.strip())
    if not found:
        raise SystemExit(f"no questions found in {folder}")
    return found


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


@dataclass
class Phase:
    """What one phase measured."""

    name: str
    answered: int = 0
    errors: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    attacks: Counter = field(default_factory=Counter)
    rss: dict[str, float] = field(default_factory=dict)


def serve(index: Path, folder: Path) -> tuple[subprocess.Popen, str]:
    """A fresh `khabar serve` on the index with a reader key; its process and base URL once ready."""
    out = folder / "serve.out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")} | {"KHABAR_API_KEYS": KEY}
    command = [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index), "--port", "0"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        match = re.search(r"chat at (http://127\.0\.0\.1:\d+)/", out.read_text(encoding="utf-8"))
        if match and httpx.get(f"{match.group(1)}/readyz").status_code == 200:
            return process, match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.5)
    process.kill()
    raise SystemExit(f"khabar serve did not start:\n{out.read_text(encoding='utf-8')}")


def client(url: str, pool: list[str], counter: itertools.count, stop: float, phase: Phase, lock: threading.Lock):
    """One legitimate client: unique questions, one after the other, until `stop`."""
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {KEY}"}, timeout=300) as http:
        while time.monotonic() < stop:
            number = next(counter)
            question = f"{pool[number % len(pool)]} ({number})"
            started = time.perf_counter()
            try:
                response = http.post("/api/ask", json={"question": question})
                outcome = "ok" if response.status_code == 200 else f"HTTP {response.status_code}"
            except httpx.HTTPError as error:
                outcome = type(error).__name__
            with lock:
                if outcome == "ok":
                    phase.answered += 1
                    phase.latencies.append((time.perf_counter() - started) * 1000)
                else:
                    phase.errors[outcome] += 1


def attacker(url: str, stop: float, phase: Phase, lock: threading.Lock, number: int) -> None:
    """Sends 20 MB bodies without a key, in turn declared and chunked, to the routes in ATTACKS, until `stop`."""
    body = b"x" * BODY_BYTES
    with httpx.Client(base_url=url, timeout=120) as http:
        for round_ in itertools.count(number):
            if time.monotonic() >= stop:
                return
            path = ATTACKS[round_ % len(ATTACKS)]
            content = body if round_ % 2 else iter([body[i : i + (1 << 20)] for i in range(0, BODY_BYTES, 1 << 20)])
            try:
                status = str(http.post(path, content=content, headers={"content-type": "application/json"}).status_code)
            except httpx.HTTPError as error:
                status = type(error).__name__
            with lock:
                phase.attacks[status] += 1


def run_phase(name: str, index: Path, args: argparse.Namespace, pool: list[str], attackers: int) -> Phase:
    """One phase on a fresh server."""
    phase = Phase(name)
    with tempfile.TemporaryDirectory(prefix="khabar-soak-") as folder:
        process, url = serve(index, Path(folder))
        try:
            lock, counter = threading.Lock(), itertools.count(1)
            warm_up, stop = Phase("warm-up"), time.monotonic() + args.warm_up
            clients = [
                Thread(target=client, args=(url, pool, counter, stop, warm_up, lock)) for _ in range(args.clients)
            ]
            for thread in clients:
                thread.start()
            for thread in clients:
                thread.join()
            phase.rss["start"] = peak = rss_mb(process.pid)
            stop = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=client, args=(url, pool, counter, stop, phase, lock))
                for _ in range(args.clients)
            ]
            threads += [threading.Thread(target=attacker, args=(url, stop, phase, lock, n)) for n in range(attackers)]
            for thread in threads:
                thread.start()
            while any(thread.is_alive() for thread in threads):
                peak = max(peak, rss_mb(process.pid))
                time.sleep(1)
            phase.rss["peak"] = peak
            time.sleep(args.settle)
            phase.rss["settled"] = rss_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return phase


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def table(phases: list[Phase], args: argparse.Namespace) -> str:
    """The Markdown table of the phases."""
    lines = [
        f"{args.clients} clients × {args.seconds} s, uncached questions; RSS settled {args.settle} s after the load",
        "",
        "| phase | answered | errors | p50 ms | p95 ms | attacks (status: count) "
        "| RSS start MB | peak MB | settled MB | settled vs start |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for phase in phases:
        attacks = ", ".join(f"{status}: {count}" for status, count in sorted(phase.attacks.items())) or "none"
        errors = sum(phase.errors.values())
        change = (phase.rss["settled"] - phase.rss["start"]) / phase.rss["start"] * 100
        lines.append(
            f"| {phase.name} | {phase.answered} | {errors}{' ' + str(dict(phase.errors)) if errors else ''} "
            f"| {percentile(phase.latencies, 0.5):,.0f} | {percentile(phase.latencies, 0.95):,.0f} | {attacks} "
            f"| {phase.rss['start']:,.0f} | {phase.rss['peak']:,.0f} | {phase.rss['settled']:,.0f} | {change:+.1f} % |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=EVAL, help="a folder of eval .jsonl sets")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--settle", type=int, default=60)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--warm-up", type=int, default=120, help="seconds of the same load before RSS start is read")
    args = parser.parse_args()
    pool = questions(args.questions)
    with tempfile.TemporaryDirectory(prefix="khabar-soak-index-") as folder:
        index = Path(shutil.copytree(args.index, Path(folder) / "index"))
        phases = [
            run_phase("baseline: clients only", index, args, pool, 0),
            run_phase(f"clients + {args.attackers} attackers (20 MB, no key)", index, args, pool, args.attackers),
        ]
    print(table(phases, args))


if __name__ == "__main__":
    main()
