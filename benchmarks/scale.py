"""Scale benchmark: query latency, memory and disk of the Chroma store at growing sizes, embedded and server.

    python -m benchmarks.scale [--sizes 10000,50000,200000] [--plot docs/scale.png]

Synthetic 384-dimension unit vectors with chunk-sized metadata stand in for embedded news; the store is khabar's
own VectorStore (index/store/vectors.py). The server is a `chroma run` on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

from benchmarks.memory import current_rss_mb
from benchmarks.table import machine, median, percentile
from index.store.vectors import VectorStore

DIMENSION = 384
QUERIES = 200


def _vectors(rng: np.random.Generator, count: int) -> np.ndarray:
    """Unit vectors clustered like topics (so the graph is not searching pure noise)."""
    centers = rng.normal(size=(64, DIMENSION)).astype(np.float32)
    points = centers[rng.integers(0, 64, count)] + 0.6 * rng.normal(size=(count, DIMENSION)).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def _disk_mb(directory: Path) -> float:
    """Bytes under a directory, in MB."""
    return sum(f.stat().st_size for f in directory.rglob("*") if f.is_file()) / 1e6


def _server(directory: Path) -> tuple[subprocess.Popen, str]:
    """A `chroma run` server on a free loopback port, once it answers its heartbeat."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    executable = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    server = subprocess.Popen(
        [executable, "run", "--path", str(directory), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
            return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("chroma run did not start")


def _process_rss_mb(pid: int) -> float:
    """Resident memory of another process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(store: VectorStore, sizes: list[int], rng: np.random.Generator, rss, disk) -> list[dict]:
    """Grow the store to each size and time queries there."""
    rows, filled = [], 0
    queries = _vectors(rng, QUERIES)
    for size in sizes:
        started = time.perf_counter()
        for offset in range(filled, size, 5000):
            count = min(5000, size - offset)
            ids = [f"c{offset + i}" for i in range(count)]
            metadata = [{"article_id": f"a{(offset + i) // 4}", "position": i % 4} for i in range(count)]
            store.upsert(ids, _vectors(rng, count), ["متن نمونه خبر"] * count, metadata)
        insert_s = time.perf_counter() - started
        filled = size
        latencies = []
        for vector in queries:
            began = time.perf_counter()
            store.search(vector, 40)
            latencies.append((time.perf_counter() - began) * 1000)
        added = size - (rows[-1]["chunks"] if rows else 0)
        rows.append({"chunks": size, "insert_per_s": added / insert_s, "p50_ms": median(latencies),
                     "p95_ms": percentile(latencies, 0.95), "rss_mb": rss(), "disk_mb": disk()})  # fmt: skip
    return rows


def main() -> None:
    """Measure both deployments at each size, print the table, draw the plot and the projection."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--plot", type=Path, default=Path("docs/scale.png"))
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory(prefix="khabar-scale-") as work:
        embedded_home = Path(work) / "embedded"
        store = VectorStore(embedded_home, None, "scale", "bench")
        results["embedded"] = measure(
            store, sizes, np.random.default_rng(0), current_rss_mb, lambda: _disk_mb(embedded_home)
        )
        server, url = _server(Path(work) / "server")
        try:
            store = VectorStore(Path(work) / "client", url, "scale", "bench")
            results["server"] = measure(
                store,
                sizes,
                np.random.default_rng(0),
                lambda: _process_rss_mb(server.pid),
                lambda: _disk_mb(Path(work) / "server"),
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"Machine: {machine()}\n")
    print("| deployment | chunks | inserts/s | query p50 ms | query p95 ms | RSS MB | disk MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for deployment, rows in results.items():
        for r in rows:
            cells = [f"{r['chunks']:,}", f"{r['insert_per_s']:,.0f}", f"{r['p50_ms']:.2f}", f"{r['p95_ms']:.2f}"]
            cells += [f"{r['rss_mb']:,.0f}", f"{r['disk_mb']:,.0f}"]
            print(f"| {deployment} | " + " | ".join(cells) + " |")
    _plot(results, args.plot)
    _project(results["embedded"])


def _plot(results: dict[str, list[dict]], path: Path) -> None:
    """Query latency and memory against the number of chunks, both deployments."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, memory) = plt.subplots(1, 2, figsize=(10, 4))
    for deployment, rows in results.items():
        chunks = [r["chunks"] for r in rows]
        latency.plot(chunks, [r["p50_ms"] for r in rows], marker="o", label=f"{deployment} p50")
        latency.plot(chunks, [r["p95_ms"] for r in rows], marker="x", linestyle="--", label=f"{deployment} p95")
        memory.plot(chunks, [r["rss_mb"] for r in rows], marker="o", label=deployment)
    latency.set(xlabel="chunks", ylabel="query latency, ms", title="Chroma query (n=40)")
    memory.set(xlabel="chunks", ylabel="RSS, MB", title="Memory of the process holding the index")
    for axes in (latency, memory):
        axes.grid(alpha=0.3)
        axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    print(f"\nPlot: {path}")


def _project(rows: list[dict]) -> None:
    """Projection to one million articles (about 4.4 chunks each in the corpus) from the growth between the two
    largest sizes measured."""
    chunks = 4.4e6
    small, large = rows[-2], rows[-1]
    step = large["chunks"] - small["chunks"]

    def grow(key: str) -> float:
        return large[key] + (large[key] - small[key]) / step * (chunks - large["chunks"])

    print(f"\nProjection to 1,000,000 articles (~{chunks / 1e6:.1f} M chunks), from the growth between "
          f"{small['chunks']:,} and {large['chunks']:,} chunks:")  # fmt: skip
    print(f"disk ≈ {grow('disk_mb') / 1000:,.1f} GB, memory ≈ {grow('rss_mb') / 1000:,.1f} GB, "
          f"query p95 ≈ {max(grow('p95_ms'), large['p95_ms']):,.0f} ms if latency kept growing linearly.")  # fmt: skip


if __name__ == "__main__":
    main()
