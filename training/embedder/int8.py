"""Calibrate the bundled e5's int8 path: `python -m training.embedder.int8 [--shared DIR] [--seed N] [--out FILE]`.

News chunks as ingest cuts them, split by article: FarsNews articles (Apache-2.0) drawn with the seed calibrate
each quantized projection's input maxima and choose SmoothQuant's alpha (the highest worst-case cosine to fp32 on a
validation draw); the chunks `benchmarks.embedder` times (FarsNews's first articles) are the test, never seen
before, and so are BBC's first articles in English (evaluation only: the BBC's terms allow no other use). Prints
the cosine of int8 to fp32 vectors per split and writes the scales.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from index.article import Article
from index.embeddings import EmbedderSettings, make_embedder
from index.embeddings.e5_int8 import SMOOTHING_PATH
from index.loaders import load_source
from index.text.chunker import Chunker

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ALPHAS = (0.5, 0.6, 0.7, 0.8, 0.9)  # SmoothQuant's usual range; chosen among on validation chunks
TEST_CHUNKS = 300  # per language: benchmarks.embedder's 300 FarsNews passages, and as many of BBC's
DRAW_ARTICLES = 100  # per draw (calibration, validation)


def corpus_chunks(path: Path, chunker: Chunker) -> list[list[str]]:
    """Each article's chunk search texts, in the corpus's order."""
    return [
        [chunk.search_text for chunk in chunker.chunk(item)]
        for item in load_source(str(path))
        if isinstance(item, Article)
    ]


def split(articles: list[list[str]], seed: int) -> tuple[list[str], list[str], list[str]]:
    """(calibration, validation, test) chunks: test is the first TEST_CHUNKS chunks; the others are drawn from
    the remaining articles with the seed, DRAW_ARTICLES articles each."""
    test: list[str] = []
    first = 0
    while len(test) < TEST_CHUNKS and first < len(articles):
        test.extend(articles[first])
        first += 1
    rest = list(range(first, len(articles)))
    random.Random(seed).shuffle(rest)
    calibration = [chunk for index in rest[:DRAW_ARTICLES] for chunk in articles[index]]
    validation = [chunk for index in rest[DRAW_ARTICLES : 2 * DRAW_ARTICLES] for chunk in articles[index]]
    return calibration, validation, test[:TEST_CHUNKS]


def cosines(embedder, reference: np.ndarray, texts: list[str]) -> np.ndarray:
    """Each text's cosine between the embedder's vector and the fp32 reference."""
    return (embedder.encode_documents(texts) * reference).sum(axis=1)


def summary(values: np.ndarray) -> dict[str, float]:
    """Minimum, 1st percentile and median, rounded."""
    return {
        "min": round(float(values.min()), 5),
        "p1": round(float(np.percentile(values, 1)), 5),
        "median": round(float(np.median(values)), 5),
    }


def main() -> None:
    """Calibrate, choose alpha on validation, report the test cosines and write the scales."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=SMOOTHING_PATH)
    args = parser.parse_args()
    embedder = make_embedder(EmbedderSettings(precision="fp32"))
    chunker = Chunker(embedder.count_tokens)
    calibration, validation, persian_test = split(
        corpus_chunks(args.shared / "corpus" / "farsnews", chunker), args.seed
    )
    english_test = [chunk for article in corpus_chunks(args.shared / "corpus" / "bbc", chunker) for chunk in article]
    tests = {"validation fa": validation, "test fa": persian_test, "test en": english_test[:TEST_CHUNKS]}
    print(f"calibrating on {len(calibration)} chunks", file=sys.stderr, flush=True)
    smoothings = embedder.int8_smoothings(calibration, ALPHAS)
    references = {name: embedder.encode_documents(texts) for name, texts in tests.items()}
    worst = {}
    for alpha, smoothing in smoothings.items():
        candidate = make_embedder(EmbedderSettings(precision="fp32"))
        candidate.quantize(smoothing)
        worst[alpha] = float(cosines(candidate, references["validation fa"], validation).min())
        print(f"alpha {alpha}: validation min cosine {worst[alpha]:.5f}", file=sys.stderr, flush=True)
    alpha = max(worst, key=worst.get)
    chosen = make_embedder(EmbedderSettings(precision="fp32"))
    chosen.quantize(smoothings[alpha])
    figures = {name: summary(cosines(chosen, references[name], texts)) for name, texts in tests.items()}
    print(f"chosen alpha {alpha}; cosine of int8 to fp32 vectors:")
    for name, figure in figures.items():
        print(f"  {name}: min {figure['min']} p1 {figure['p1']} median {figure['median']}")
    meta = {
        "embedder": embedder.name.split()[0],
        "alpha": alpha,
        "seed": args.seed,
        "calibrated_on": f"{len(calibration)} chunks of FarsNews articles (Apache-2.0) drawn with the seed",
        "cosine_to_fp32": figures,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    scales = {key: value.numpy().astype(np.float32) for key, value in smoothings[alpha].items()}
    with args.out.open("wb") as handle:
        np.savez_compressed(handle, meta=np.array(json.dumps(meta)), **scales)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
