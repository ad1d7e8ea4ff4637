"""Scale benchmark: the cost of ingesting 100 new articles and of a question as the index grows, memory and disk.

    python -m benchmarks.scale /work/idx/fars [--sizes 10000,100000,1000000] [--server-sizes 10000,100000]
        [--work /tmp/scale-khabar] [--keep] [--plot docs/scale.png]

Each size is its own index under --work, grown (and resumed, when a run was stopped) from the real chunks of an
existing index: its articles repeated with varied ids, so BM25 sees real Persian terms and document frequencies,
with synthetic 384-dimension unit vectors clustered like topics, in embedded Chroma or a `chroma run` on
127.0.0.1. The filler goes in 1,000 articles to a manifest transaction and 5,000 vectors to a Chroma call. Every
index keeps both lexical backends, tantivy (khabar's) and the SQLite FTS5 rows of before (the baseline), so both
are measured on the same chunks in the same process.

Each size runs in its own process (so its RSS is its own). At each: the BM25 side of 117 real questions as
retrieval runs it (term statistics, then the search, n=40) on each backend, and a vector search (n=40); then
--rounds rounds of 100 new articles, taken in turn on the grown index and on an empty one in the same process
(so both see the same load on a shared machine): the store-side cost of ingesting them (vector upsert; the
commit with tantivy's share or FTS5's; embedding costs the same at any size and is left out), the first
question right after against the same question just before, and their removal; RSS; disk.
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
from index.news_index import LEXICAL_DIRECTORY, NewsIndex
from index.settings import IndexSettings
from index.store.lexical_fts5 import Fts5LexicalIndex, Fts5Terms
from index.text.normalize import normalize
from index.text.sentences import normalized_sentences
from index.text.tokens import terms

DIMENSION = 384
BATCH_ARTICLES = 1000
VECTOR_BATCH = 5000  # under Chroma's largest batch (5,461 here)
NEW_ARTICLES = 100
NEW_SUFFIX = "#new"
EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
QUESTION_SETS = ("facts-dev", "meetings-dev", "paraphrase-dev", "quotes-dev")


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
        for row in db.execute("SELECT id, title, text, url, source, published, category FROM articles ORDER BY id")
    }
    chunks: dict[str, list[Chunk]] = {}
    query = 'SELECT id, article_id, position, start, "end", search_text, token_count FROM chunks ORDER BY position'
    for cid, article_id, position, start, end, search_text, tokens in db.execute(query):
        text = articles[article_id].text[start:end]
        chunks.setdefault(article_id, []).append(
            Chunk(cid, article_id, position, start, end, text, search_text, tokens, normalized_sentences(text))
        )
    db.close()
    return [(articles[a], chunks[a]) for a in articles if a in chunks]


def _copy(article: Article, chunks: list[Chunk], copy: int | str) -> tuple[Article, list[Chunk]]:
    """The article under a new id (and URL), its chunks re-identified."""
    new_id = f"{article.id}#{copy}"
    moved = [replace(c, id=chunk_id(new_id, c.position, c.text), article_id=new_id) for c in chunks]
    return replace(article, id=new_id, url=f"{article.url}#{copy}" if article.url else ""), moved


def _disk_mb(path: Path) -> float:
    """Bytes under a directory or in the files a path begins (the manifest and its WAL), in MB."""
    files = path.rglob("*") if path.is_dir() else path.parent.glob(f"{path.name}*")
    return sum(f.stat().st_size for f in files if f.is_file()) / 1e6


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
    for _ in range(300):
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


class TimedExtension:
    """An article extension whose writes and deletes are timed, to tell its share of a manifest commit."""

    def __init__(self, extension) -> None:
        self.extension, self.seconds = extension, 0.0
        self.name, self.version, self.schema = extension.name, extension.version, extension.schema

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """The extension's write, timed."""
        began = time.perf_counter()
        self.extension.write(db, article)
        self.seconds += time.perf_counter() - began

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """The extension's delete, timed."""
        began = time.perf_counter()
        self.extension.delete(db, article_id)
        self.seconds += time.perf_counter() - began


class ApplyTimer:
    """Times what tantivy does after each manifest commit (its `apply`), wrapped around the index's own."""

    def __init__(self, lexical) -> None:
        self.seconds, self._apply = 0.0, lexical.apply
        lexical.apply = self

    def __call__(self, db: sqlite3.Connection) -> None:
        began = time.perf_counter()
        self._apply(db)
        self.seconds += time.perf_counter() - began


class Bench:
    """One index at one size: grown (resumably) from the source articles, then measured."""

    def __init__(self, home: Path, chroma_url: str | None, collection: str, source, questions: list[str]) -> None:
        settings = IndexSettings(home=home, chroma_url=chroma_url, collection=collection, lexical="tantivy")
        self.fts5 = TimedExtension(Fts5Terms())
        self.index = NewsIndex(settings, extensions=[self.fts5])
        self.tantivy_apply = ApplyTimer(self.index.lexical)
        self.baseline = Fts5LexicalIndex(self.index.manifest.connection)
        self.source, self.questions = source, questions
        self.query_vectors = _vectors(np.random.default_rng(1), len(questions))
        # left by a measurement that was interrupted
        self.index.remove_all([i for i in self.index.manifest.article_ids() if NEW_SUFFIX in i])

    @property
    def chunks(self) -> int:
        """How many chunks the index holds."""
        return int(self.index.manifest.stats()["chunks"])

    def _upsert(self, batch: list[tuple[Article, list[Chunk]]], rng: np.random.Generator) -> None:
        """The batch's vectors, in calls Chroma accepts."""
        pairs = [(article, chunk) for article, chunks in batch for chunk in chunks]
        for offset in range(0, len(pairs), VECTOR_BATCH):
            part = pairs[offset : offset + VECTOR_BATCH]
            self.index.vectors.upsert(part, _vectors(rng, len(part)))

    def grow_to(self, size: int) -> float:
        """Add copies of the source articles (1,000 to a transaction) until the index holds `size` chunks; seconds."""
        began, chunks = time.perf_counter(), self.chunks
        copies, start, reported = len(self.index.manifest.article_ids()), chunks, chunks
        while chunks < size:
            batch = []
            while chunks + sum(len(c) for _, c in batch) < size and len(batch) < BATCH_ARTICLES:
                article, article_chunks = self.source[copies % len(self.source)]
                batch.append(_copy(article, article_chunks, copies // len(self.source)))
                copies += 1
            self._upsert(batch, np.random.default_rng(copies))
            self.index.commit(batch)
            chunks += sum(len(c) for _, c in batch)
            if chunks - reported >= 50_000 or chunks >= size:
                rate = (chunks - start) / max(time.perf_counter() - began, 1e-9)
                print(f"  {chunks:,} chunks ({rate:,.0f}/s)", file=sys.stderr, flush=True)
                reported = chunks
        return time.perf_counter() - began

    def _bm25(self, lexical, questions: list[str]) -> list[float]:
        """Milliseconds of each question's BM25 side: term statistics, then the search (n=40)."""
        times = []
        for question in questions:
            began = time.perf_counter()
            lexical.idf(terms(question))  # the term statistics retrieval reads for every question
            lexical.search(question, 40)
            times.append((time.perf_counter() - began) * 1000)
        return times

    def _dense(self) -> list[float]:
        """Milliseconds of each question's vector search (n=40)."""
        times = []
        for vector in self.query_vectors:
            began = time.perf_counter()
            self.index.vectors.search(vector, 40)
            times.append((time.perf_counter() - began) * 1000)
        return times

    def latency(self, baseline_questions: int) -> dict:
        """Each backend's BM25 side and the vector search of every question, in ms (p50, p95)."""
        tantivy = self._bm25(self.index.lexical, self.questions)
        dense = self._dense()
        fts5 = self._bm25(self.baseline, self.questions[:baseline_questions])
        question = [a + b for a, b in zip(tantivy, dense, strict=True)]
        return {
            "tantivy_p50_ms": median(tantivy), "tantivy_p95_ms": percentile(tantivy, 0.95),
            "tantivy_baseline_set_p95_ms": percentile(tantivy[:baseline_questions], 0.95),
            "fts5_p50_ms": median(fts5), "fts5_p95_ms": percentile(fts5, 0.95),
            "dense_p50_ms": median(dense), "dense_p95_ms": percentile(dense, 0.95),
            "question_p50_ms": median(question), "question_p95_ms": percentile(question, 0.95),
            "questions": len(self.questions), "baseline_questions": len(fts5),
        }  # fmt: skip

    def _first_question_ms(self) -> float:
        """Milliseconds of the first question as retrieval runs it: tantivy's BM25 side, then the vector search."""
        began = time.perf_counter()
        self._bm25(self.index.lexical, self.questions[:1])
        self.index.vectors.search(self.query_vectors[0], 40)
        return (time.perf_counter() - began) * 1000

    def ingest_round(self, number: int) -> dict:
        """Ingest 100 new articles, ask the first question, remove them together; then the same again removed one
        at a time (the removal before `NewsIndex.remove_all`, the baseline): each step's seconds."""
        new = [_copy(a, c, f"{NEW_SUFFIX[1:]}{number}-{i}") for i, (a, c) in enumerate(self.source[:NEW_ARTICLES])]
        before_ms = median([self._first_question_ms() for _ in range(3)])
        began = time.perf_counter()
        self._upsert(new, np.random.default_rng(10**9 + number))
        upsert_s = time.perf_counter() - began
        self.fts5.seconds = self.tantivy_apply.seconds = 0.0
        began = time.perf_counter()
        self.index.commit(new)
        commit_s = time.perf_counter() - began
        fts5_s, tantivy_s = self.fts5.seconds, self.tantivy_apply.seconds
        first_after_ms = self._first_question_ms()
        began = time.perf_counter()
        self._bm25(self.baseline, self.questions[:1])
        fts5_first_after_ms = (time.perf_counter() - began) * 1000
        self.fts5.seconds = self.tantivy_apply.seconds = 0.0
        began = time.perf_counter()
        self.index.remove_all([article.id for article, _ in new])
        remove_s = time.perf_counter() - began
        remove_fts5_s, remove_tantivy_share_s = self.fts5.seconds, self.tantivy_apply.seconds
        self._upsert(new, np.random.default_rng(10**9 + number))
        self.index.commit(new)
        self.fts5.seconds = 0.0
        began = time.perf_counter()
        for article, _ in new:
            self.index.remove(article.id)
        one_by_one_s = time.perf_counter() - began - self.fts5.seconds
        manifest_s = commit_s - fts5_s - tantivy_s
        return {
            "upsert_100_s": upsert_s, "commit_100_tantivy_s": manifest_s + tantivy_s,
            "commit_100_fts5_s": manifest_s + fts5_s, "tantivy_share_s": tantivy_s, "fts5_share_s": fts5_s,
            "remove_100_tantivy_s": remove_s - remove_fts5_s, "remove_tantivy_share_s": remove_tantivy_share_s,
            "remove_100_one_by_one_s": one_by_one_s,
            "question_before_ms": before_ms, "first_after_ingest_ms": first_after_ms,
            "first_after_vs_before": first_after_ms / before_ms, "fts5_first_after_ingest_ms": fts5_first_after_ms,
        }  # fmt: skip

    def disk(self) -> dict:
        """MB on disk of the manifest (with the FTS5 rows of the baseline), the tantivy directory and Chroma's."""
        home = self.index.settings.home
        pages = (
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat "
            "WHERE name LIKE 'lexical%' OR name LIKE 'sqlite_autoindex_lexical%'"
        )
        return {
            "manifest_mb": _disk_mb(home / "manifest.sqlite3"),
            "fts5_mb": self.index.manifest.connection.execute(pages).fetchone()[0] / 1e6,
            "tantivy_mb": _disk_mb(home / LEXICAL_DIRECTORY),
            "chroma_mb": _disk_mb(home / "chroma"),
        }

    def close(self) -> None:
        """Release the index."""
        self.index.close()


def _questions() -> list[str]:
    """The Persian questions of the dev sets, normalized."""
    found = []
    for name in QUESTION_SETS:
        lines = (EVAL / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        found.extend(normalize(json.loads(line)["question"]) for line in lines if line.strip())
    return found


def _medians(rounds: list[dict]) -> dict:
    """The median of each figure over the rounds."""
    return {key: float(np.median([r[key] for r in rounds])) for key in rounds[0]}


def measure_one(deployment: str, size: int, source_dir: Path, work: Path, baseline_questions: int, rounds: int) -> dict:
    """Grow the index of this deployment and size (resuming), then measure it: its question latency, and rounds of
    100 new articles taken in turn with an empty index in the same process (so both see the same load); one row."""
    source, questions = _source_articles(source_dir), _questions()
    home = work / f"{deployment}-{size}"
    server, url, rss = None, None, current_rss_mb
    if deployment == "server":
        server, url = _server(home / "chroma-server")
        rss = lambda: current_rss_mb() + _process_rss_mb(server.pid)  # noqa: E731 - the app and its server
    try:
        bench = Bench(home / "index", url, "scale", source, questions)
        grown_s = bench.grow_to(size)
        bench.close()
        began = time.perf_counter()
        bench = Bench(home / "index", url, "scale", source, questions)  # what every command pays to open it
        open_s = time.perf_counter() - began
        row = {"deployment": deployment, "chunks": bench.chunks, "grown_s": grown_s, "open_s": open_s}
        row.update(bench.latency(baseline_questions))
        shutil.rmtree(home / "empty", ignore_errors=True)
        empty = Bench(home / "empty", url, "scale-empty", source, questions)
        grown_rounds, empty_rounds = [], []
        for number in range(rounds):
            empty_rounds.append(empty.ingest_round(number))
            grown_rounds.append(bench.ingest_round(number))
        row.update(_medians(grown_rounds))
        row["empty"] = _medians(empty_rounds)
        row.update(bench.disk(), rss_mb=rss())
        if server is not None:
            row["chroma_mb"] = _disk_mb(home / "chroma-server")
        empty.close()
        shutil.rmtree(home / "empty", ignore_errors=True)
        bench.close()
        return row
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)


def _cell(value: float | None, digits: int = 1) -> str:
    """A table cell: the number, or a dash when not measured."""
    return "—" if value is None else f"{value:,.{digits}f}"


def _times(value: float, baseline: float) -> str:
    """A figure with its ratio to the empty index's."""
    return f"{value:.2f} ({value / baseline:.2f}×)" if baseline else f"{value:.2f}"


def print_tables(rows: list[dict], source: Path, rounds: int) -> None:
    """The ingest table and the question table, as Markdown."""
    print(f"Indexes grown from the chunks of {source}. Machine: {machine()}\n")
    print(f"Store-side cost of 100 new articles, seconds, median of {rounds} rounds (× the same in an empty index, "
          "the rounds taken in turn in the same process):\n")  # fmt: skip
    print("| deployment | chunks | vectors upsert | commit, tantivy | commit, FTS5 (before) | remove 100 together "
          "| remove 100 one at a time (before) | open the index, s | grown in, s | RSS MB "
          "| disk MB: manifest (its FTS5 rows) / tantivy / Chroma |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        e = r["empty"]
        cells = [r["deployment"], f"{r['chunks']:,}", _times(r["upsert_100_s"], e["upsert_100_s"]),
                 _times(r["commit_100_tantivy_s"], e["commit_100_tantivy_s"]),
                 _times(r["commit_100_fts5_s"], e["commit_100_fts5_s"]),
                 _times(r["remove_100_tantivy_s"], e["remove_100_tantivy_s"]),
                 _times(r["remove_100_one_by_one_s"], e["remove_100_one_by_one_s"]), f"{r['open_s']:.2f}",
                 f"{r['grown_s']:,.0f}",
                 f"{r['rss_mb']:,.0f}",
                 f"{r['manifest_mb']:,.0f} ({_cell(r.get('fts5_mb'), 0)}) / {r['tantivy_mb']:,.0f} "
                 f"/ {r['chroma_mb']:,.0f}"]  # fmt: skip
        print("| " + " | ".join(cells) + " |")
    print("\nQuestion latency, ms (BM25 side: term statistics and search, n=40; question: tantivy BM25 + vectors):\n")
    print("| deployment | chunks | BM25 tantivy p50 / p95 | BM25 FTS5 (before) p50 / p95 | tantivy p95, same questions "
          "| vectors p50 / p95 | question p50 / p95 | first question after an ingest vs before it "
          "| FTS5 first after, ms |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        cells = [r["deployment"], f"{r['chunks']:,}", f"{r['tantivy_p50_ms']:.1f} / {r['tantivy_p95_ms']:.1f}",
                 f"{r['fts5_p50_ms']:.1f} / {r['fts5_p95_ms']:.1f}", f"{r['tantivy_baseline_set_p95_ms']:.1f}",
                 f"{r['dense_p50_ms']:.1f} / {r['dense_p95_ms']:.1f}",
                 f"{r['question_p50_ms']:.1f} / {r['question_p95_ms']:.1f}",
                 f"{r['first_after_ingest_ms']:.1f} vs {r['question_before_ms']:.1f} "
                 f"({r['first_after_vs_before']:.2f}×)",
                 f"{r['fts5_first_after_ingest_ms']:,.1f}"]  # fmt: skip
        print("| " + " | ".join(cells) + " |")
    counts = rows[0]
    print(f"\n{counts['questions']} questions ({', '.join(QUESTION_SETS)}); FTS5 on the first "
          f"{counts['baseline_questions']} of them.")  # fmt: skip


def _plot(rows: list[dict], path: Path) -> None:
    """Question latency and ingest cost against the number of chunks."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, ingest) = plt.subplots(1, 2, figsize=(11, 4.2))
    for deployment in dict.fromkeys(r["deployment"] for r in rows):
        mine = [r for r in rows if r["deployment"] == deployment]
        chunks = [r["chunks"] for r in mine]
        for key, label, marker in (
            ("tantivy_p95_ms", "BM25 tantivy", "o"),
            ("fts5_p95_ms", "BM25 FTS5 (before)", "s"),
            ("dense_p95_ms", "vectors", "x"),
            ("question_p95_ms", "question", "^"),
        ):
            latency.plot(chunks, [r[key] for r in mine], marker=marker, label=f"{deployment}: {label} p95")
        for key, label, marker in (
            ("commit_100_tantivy_s", "commit, tantivy", "o"),
            ("commit_100_fts5_s", "commit, FTS5", "s"),
            ("upsert_100_s", "vectors", "x"),
        ):
            ingest.plot(chunks, [r[key] / r["empty"][key] for r in mine], marker=marker, label=f"{deployment}: {label}")
    latency.axhline(150, color="grey", linestyle="--", linewidth=0.8)
    ingest.axhline(1.5, color="grey", linestyle="--", linewidth=0.8)
    latency.set(xlabel="chunks", ylabel="ms", xscale="log", yscale="log", title="Search latency p95 (n=40)")
    ingest.set(xlabel="chunks", ylabel="× empty index", xscale="log", title="Store cost of 100 new articles")
    for axes in (latency, ingest):
        axes.grid(alpha=0.3)
        axes.legend(fontsize=7)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    print(f"\nPlot: {path}")


def main() -> None:
    """Measure each deployment at each size (one process each), print the tables and draw the plot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an index directory whose articles and chunks are repeated")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--server-sizes", default="", help="sizes also measured through a `chroma run` server")
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale-khabar"), help="where the indexes grow")
    parser.add_argument("--keep", action="store_true", help="keep the grown indexes (a rerun then resumes)")
    parser.add_argument("--baseline-questions", type=int, default=40, help="questions the FTS5 baseline runs")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of 100 new articles, grown and empty in turn")
    parser.add_argument("--plot", type=Path, default=Path("docs/scale.png"))
    parser.add_argument("--rows", type=Path, help="where the rows are saved as JSON (default: WORK/rows.json)")
    parser.add_argument("--from-rows", type=Path, nargs="+", help="print and plot saved rows instead of measuring")
    parser.add_argument("--one", nargs=2, metavar=("DEPLOYMENT", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.from_rows:
        rows = [row for path in args.from_rows for row in json.loads(path.read_text())]
        print_tables(rows, args.source, args.rounds)
        _plot(rows, args.plot)
        return
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if args.one:
        row = measure_one(args.one[0], int(args.one[1]), args.source, args.work, args.baseline_questions, args.rounds)
        print(json.dumps(row))
        return
    plan = [("embedded", int(s)) for s in args.sizes.split(",") if s]
    plan += [("server", int(s)) for s in args.server_sizes.split(",") if s]
    rows = []
    for deployment, size in plan:
        print(f"{deployment}, {size:,} chunks:", file=sys.stderr, flush=True)
        command = [sys.executable, "-m", "benchmarks.scale", str(args.source), "--work", str(args.work),
                   "--baseline-questions", str(args.baseline_questions), "--rounds", str(args.rounds),
                   "--one", deployment, str(size)]  # fmt: skip
        done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
        (args.rows or args.work / "rows.json").write_text(json.dumps(rows, indent=1))
    print_tables(rows, args.source, args.rounds)
    _plot(rows, args.plot)
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
