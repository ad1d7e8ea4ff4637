"""Scale benchmark: the cost of ingesting 100 new articles and of a question as the index grows, memory and disk.

    python -m benchmarks.scale /work/idx/fars [--sizes 10000,100000,1000000] [--vector-limit 100000]
        [--server] [--plot docs/scale.png]

The index is khabar's own (manifest with its FTS5 rows, and a VectorStore) grown to each size in chunks from the
real chunks of an existing index (its articles repeated with varied ids, so BM25 sees real Persian terms), with
synthetic 384-dimension unit vectors (clustered like topics) in Chroma, embedded or a `chroma run` on 127.0.0.1.
At each size: the store-side cost of ingesting 100 new articles (commit and vector upsert; embedding costs the
same at any size and is left out), the BM25 and vector search latency of real questions (n=40), the first question
right after that ingest, RSS and disk. Vectors stop at --vector-limit (Chroma inserts ~1,200 chunks/s on two shared
cores: a million would take a quarter of an hour); above it only the lexical side is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from benchmarks.memory import current_rss_mb
from benchmarks.table import machine, median, percentile
from index.article import Article
from index.chunk import Chunk, chunk_id
from index.news_index import NewsIndex
from index.settings import IndexSettings
from index.text.normalize import normalize

DIMENSION = 384
BATCH_ARTICLES = 500
NEW_ARTICLES = 100
QUESTIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "facts-dev.jsonl"


def _vectors(rng: np.random.Generator, count: int) -> np.ndarray:
    """Unit vectors clustered like topics (so the graph is not searching pure noise)."""
    centers = np.random.default_rng(7).normal(size=(64, DIMENSION)).astype(np.float32)
    points = centers[rng.integers(0, 64, count)] + 0.6 * rng.normal(size=(count, DIMENSION)).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def _source_articles(index_dir: Path) -> list[tuple[Article, list[Chunk]]]:
    """The articles and chunks of an existing index, read only."""
    db = sqlite3.connect(f"file:{index_dir / 'manifest.sqlite3'}?mode=ro", uri=True)
    articles = {
        row[0]: Article(row[0], row[1], row[2], row[3], row[4], date.fromisoformat(row[5]) if row[5] else None, row[6])
        for row in db.execute("SELECT id, title, text, url, source, published, category FROM articles")
    }
    chunks: dict[str, list[Chunk]] = {}
    query = 'SELECT id, article_id, position, start, "end", search_text, token_count FROM chunks ORDER BY position'
    for cid, article_id, position, start, end, search_text, tokens in db.execute(query):
        text = articles[article_id].text[start:end]
        chunks.setdefault(article_id, []).append(
            Chunk(cid, article_id, position, start, end, text, search_text, tokens)
        )
    db.close()
    return [(articles[a], chunks[a]) for a in articles if a in chunks]


def _copy(article: Article, chunks: list[Chunk], copy: int) -> tuple[Article, list[Chunk]]:
    """The article under a new id (and URL), its chunks re-identified."""
    new_id = f"{article.id}#{copy}"
    moved = [replace(c, id=chunk_id(new_id, c.position, c.text), article_id=new_id) for c in chunks]
    return replace(article, id=new_id, url=f"{article.url}#{copy}" if article.url else ""), moved


def _disk_mb(*directories: Path) -> float:
    """Bytes under the directories, in MB."""
    return sum(f.stat().st_size for d in directories for f in d.rglob("*") if f.is_file()) / 1e6


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


class Grower:
    """Grows one index with copies of the source articles and measures it at each size."""

    def __init__(self, index: NewsIndex, source, vector_limit: int, rss) -> None:
        self.index, self.source, self.vector_limit, self.rss = index, source, vector_limit, rss
        self.rng = np.random.default_rng(0)
        self.copies, self.chunks = 0, 0
        self.questions = [normalize(json.loads(line)["question"]) for line in QUESTIONS.read_text().splitlines()]
        self.query_vectors = _vectors(np.random.default_rng(1), len(self.questions))

    def _commit(self, batch: list[tuple[Article, list[Chunk]]]) -> None:
        """Commit a batch of articles, with vectors while the index is under the vector limit."""
        pairs = [(article, chunk) for article, chunks in batch for chunk in chunks]
        if self.chunks + len(pairs) <= self.vector_limit:
            self.index.vectors.upsert(pairs, _vectors(self.rng, len(pairs)))
        self.index.manifest.commit(batch)
        self.chunks += len(pairs)

    def grow_to(self, size: int) -> None:
        """Add copies of the source articles until the index holds about `size` chunks."""
        batch: list[tuple[Article, list[Chunk]]] = []
        while self.chunks + sum(len(c) for _, c in batch) < size:
            article, chunks = self.source[self.copies % len(self.source)]
            batch.append(_copy(article, chunks, self.copies // len(self.source)))
            self.copies += 1
            if len(batch) == BATCH_ARTICLES:
                self._commit(batch)
                batch = []
        if batch:
            self._commit(batch)

    def _questions(self, vectors: bool) -> tuple[list[float], list[float]]:
        """Milliseconds of each question's BM25 side (term statistics and search) and vector search (n=40)."""
        lexical, dense = [], []
        for question, vector in zip(self.questions, self.query_vectors, strict=True):
            began = time.perf_counter()
            self.index.lexical.known_share(question)  # the term statistics retrieval reads for every question
            self.index.lexical.search(question, 40)
            lexical.append((time.perf_counter() - began) * 1000)
            if vectors:
                began = time.perf_counter()
                self.index.vectors.search(vector, 40)
                dense.append((time.perf_counter() - began) * 1000)
        return lexical, dense

    def measure(self, directories: list[Path]) -> dict:
        """Questions before and after an ingest of 100 new articles (then removed again), memory and disk."""
        vectors = self.chunks <= self.vector_limit
        lexical, dense = self._questions(vectors)
        new = [_copy(a, c, 10_000_000 + i) for i, (a, c) in enumerate(self.source[:NEW_ARTICLES])]
        pairs = [(article, chunk) for article, chunks in new for chunk in chunks]
        began = time.perf_counter()
        if vectors:
            self.index.vectors.upsert(pairs, _vectors(self.rng, len(pairs)))
        upsert_s = time.perf_counter() - began
        self.index.manifest.commit(new)
        commit_s = time.perf_counter() - began - upsert_s
        began = time.perf_counter()
        self.index.lexical.search(self.questions[0], 40)
        if vectors:
            self.index.vectors.search(self.query_vectors[0], 40)
        first_after_ms = (time.perf_counter() - began) * 1000
        for article, _ in new:
            self.index.remove(article.id)
        total = [a + b for a, b in zip(lexical, dense, strict=True)] if dense else lexical
        return {
            "chunks": self.chunks, "commit_100_s": commit_s, "upsert_100_s": upsert_s if vectors else None,
            "bm25_p50_ms": median(lexical), "bm25_p95_ms": percentile(lexical, 0.95),
            "dense_p50_ms": median(dense) if dense else None,
            "dense_p95_ms": percentile(dense, 0.95) if dense else None,
            "question_p95_ms": percentile(total, 0.95), "first_after_ingest_ms": first_after_ms,
            "rss_mb": self.rss(), "disk_mb": _disk_mb(*directories),
        }  # fmt: skip


def run(deployment: str, source, sizes: list[int], vector_limit: int, work: Path) -> list[dict]:
    """Grow one deployment through the sizes; rows of figures."""
    home = work / deployment
    server = None
    directories = [home]
    rss = current_rss_mb
    url = None
    if deployment == "server":
        server, url = _server(work / "chroma-server")
        directories.append(work / "chroma-server")
        rss = lambda: current_rss_mb() + _process_rss_mb(server.pid)  # noqa: E731 - the app and its server
    index = NewsIndex(IndexSettings(home=home, chroma_url=url, collection="scale"), extensions=[])
    try:
        grower = Grower(index, source, vector_limit, rss)
        rows = [grower.measure(directories)]  # the empty index: the baseline of the ingest cost
        print(f"{deployment}: empty: {rows[0]}", file=sys.stderr)
        for size in sizes:
            began = time.perf_counter()
            grower.grow_to(size)
            grown = time.perf_counter() - began
            rows.append(grower.measure(directories))
            print(f"{deployment}: {grower.chunks:,} chunks, grown in {grown:.0f} s: {rows[-1]}", file=sys.stderr)
        return rows
    finally:
        index.close()
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


def _cell(value: float | None, digits: int = 1) -> str:
    """A table cell: the number, or a dash when not measured."""
    return "—" if value is None else f"{value:,.{digits}f}"


def main() -> None:
    """Measure each deployment at each size, print the table and draw the plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an index directory whose articles and chunks are repeated")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--vector-limit", type=int, default=100_000)
    parser.add_argument("--server", action="store_true", help="also a `chroma run` server on 127.0.0.1")
    parser.add_argument("--plot", type=Path, default=Path("docs/scale.png"))
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sizes = [int(s) for s in args.sizes.split(",")]
    source = _source_articles(args.source)
    results = {}
    with tempfile.TemporaryDirectory(prefix="khabar-scale-") as work:
        for deployment in ("embedded", "server") if args.server else ("embedded",):
            results[deployment] = run(deployment, source, sizes, args.vector_limit, Path(work))
    print(f"Index grown from {len(source):,} articles of {args.source}. Machine: {machine()}\n")
    print("| deployment | chunks | commit 100 articles, s (vs empty) | vectors of 100, s (vs empty) "
          "| BM25 p50 / p95 ms | vectors p50 / p95 ms | question p95 ms | first question after ingest, ms "
          "| RSS MB | disk MB |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for deployment, rows in results.items():
        commit, upsert = rows[0]["commit_100_s"], rows[0]["upsert_100_s"]
        for r in rows:
            vectors = (
                "—" if r["upsert_100_s"] is None else f"{r['upsert_100_s']:.2f} ({r['upsert_100_s'] / upsert:.2f}×)"
            )
            cells = [f"{r['chunks']:,}", f"{r['commit_100_s']:.2f} ({r['commit_100_s'] / commit:.2f}×)", vectors,
                     f"{r['bm25_p50_ms']:.1f} / {r['bm25_p95_ms']:.1f}",
                     f"{_cell(r['dense_p50_ms'])} / {_cell(r['dense_p95_ms'])}", f"{r['question_p95_ms']:.1f}",
                     f"{r['first_after_ingest_ms']:.1f}", f"{r['rss_mb']:,.0f}", f"{r['disk_mb']:,.0f}"]  # fmt: skip
            print(f"| {deployment} | " + " | ".join(cells) + " |")
    _plot(results, args.plot)


def _plot(results: dict[str, list[dict]], path: Path) -> None:
    """Question latency and ingest cost against the number of chunks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, ingest) = plt.subplots(1, 2, figsize=(10, 4))
    for deployment, rows in results.items():
        rows = [r for r in rows if r["chunks"]]
        chunks = [r["chunks"] for r in rows]
        latency.plot(chunks, [r["bm25_p95_ms"] for r in rows], marker="o", label=f"{deployment} BM25 p95")
        dense = [r for r in rows if r["dense_p95_ms"] is not None]
        latency.plot(
            [r["chunks"] for r in dense],
            [r["dense_p95_ms"] for r in dense],
            marker="x",
            label=f"{deployment} vectors p95",
        )
        ingest.plot(chunks, [r["commit_100_s"] for r in rows], marker="o", label=f"{deployment} commit")
        ingest.plot(
            [r["chunks"] for r in dense], [r["upsert_100_s"] for r in dense], marker="x", label=f"{deployment} vectors"
        )
    latency.set(xlabel="chunks", ylabel="ms", xscale="log", title="Search latency (n=40)")
    ingest.set(xlabel="chunks", ylabel="s", xscale="log", title="Store cost of ingesting 100 articles")
    for axes in (latency, ingest):
        axes.grid(alpha=0.3)
        axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    print(f"\nPlot: {path}")


if __name__ == "__main__":
    main()
