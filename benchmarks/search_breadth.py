"""Dense search time and recall at Chroma's HNSW breadth (ef_search 100) beside khabar's (`SEARCH_BREADTH`).

`python -m benchmarks.search_breadth [--vectors 100000] [--work DIR]`: stores clustered unit vectors (seeded) in an
embedded Chroma collection as khabar does, then times 200 searches of as many neighbours as the hybrid retriever asks
(40) at each breadth, each in a fresh process (a loaded index keeps the breadth it was loaded with), and prints recall
against exact search.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.retrieval.hybrid import RetrievalSettings
from index.store.chroma import SEARCH_BREADTH, chroma_client

COLLECTION = "search-breadth"
NEIGHBOURS = RetrievalSettings().candidates  # what the hybrid retriever asks dense search for
SEARCHES = 200
CENTRES = 1000  # clusters, so that near neighbours mean something
SEED = 0


def vectors(count: int) -> tuple[np.ndarray, np.ndarray]:
    """The stored vectors and the queries (noisy copies of stored ones), seeded."""
    rng = np.random.default_rng(SEED)
    centres = rng.normal(size=(CENTRES, 384)).astype(np.float32)
    stored = centres[rng.integers(0, CENTRES, count)] + 0.6 * rng.normal(size=(count, 384)).astype(np.float32)
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    queries = stored[rng.integers(0, count, SEARCHES)] + 0.3 * rng.normal(size=(SEARCHES, 384)).astype(np.float32)
    return stored, queries


def build(work: Path, count: int) -> None:
    """The collection of `count` vectors, added in batches."""
    stored, _ = vectors(count)
    collection = chroma_client(work, None).get_or_create_collection(
        COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
    )
    for first in range(0, count, 5000):
        batch = range(first, min(first + 5000, count))
        collection.add(ids=[str(i) for i in batch], embeddings=stored[first : first + len(batch)])
        print(f"  stored {first + len(batch)}/{count}", file=sys.stderr)


def measure(work: Path, count: int, breadth: int) -> dict[str, float]:
    """p50 / p95 search time and recall at `NEIGHBOURS` against exact search, at one breadth (in its own process)."""
    stored, queries = vectors(count)
    collection = chroma_client(work, None).get_collection(COLLECTION)
    collection.modify(configuration={"hnsw": {"ef_search": breadth}})
    collection.query(query_embeddings=[queries[0]], n_results=NEIGHBOURS)
    times, recall = [], []
    for query in queries:
        started = time.perf_counter()
        found = collection.query(query_embeddings=[query], n_results=NEIGHBOURS, include=[])["ids"][0]
        times.append(time.perf_counter() - started)
        exact = {str(i) for i in np.argsort(-(stored @ query))[:NEIGHBOURS]}
        recall.append(len(exact & set(found)) / NEIGHBOURS)
    return {
        "p50_ms": 1000 * float(np.median(times)),
        "p95_ms": 1000 * float(np.percentile(times, 95)),
        "recall": float(np.mean(recall)),
    }


def main() -> None:
    """Build once, measure each breadth in a fresh process, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=None, help="where the collection is built (a temporary folder)")
    parser.add_argument("--measure", type=int, default=None, help=argparse.SUPPRESS)  # one breadth, in a child
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.work, args.vectors, args.measure)))
        return
    with tempfile.TemporaryDirectory() as temporary:
        work = args.work or Path(temporary)
        build(work, args.vectors)
        print(f"| ef_search | search p50 | p95 | recall@{NEIGHBOURS} against exact |")
        print("| --- | --- | --- | --- |")
        for label, breadth in (("Chroma's default", 100), ("khabar", SEARCH_BREADTH)):
            child = [sys.executable, "-m", "benchmarks.search_breadth", "--vectors", str(args.vectors)]
            output = subprocess.run(
                [*child, "--work", str(work), "--measure", str(breadth)], check=True, capture_output=True, text=True
            ).stdout
            row = json.loads(output.strip().splitlines()[-1])
            print(f"| {breadth} ({label}) | {row['p50_ms']:.2f} ms | {row['p95_ms']:.2f} ms | {row['recall']:.3f} |")


if __name__ == "__main__":
    main()
