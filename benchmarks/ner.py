"""Time of the Persian NER per sentence: the e5 pass (token states) beside the head (BiLSTM + Viterbi), same run.

    OMP_NUM_THREADS=1 python -m benchmarks.ner [--data ../shared/data] [--sentences 300]

Reads the first N PEYMA test sentences one text at a time, as ingest would read an article's sentences, and prints
a Markdown table of ms per sentence (mean, p50, p95) for each part, on one thread, beside the baseline of the
whole 12-layer pass (the final layer, what the head read before).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import torch

from benchmarks.api_latency import percentile
from index.embeddings.e5_torch_backend import E5TorchEmbedder
from index.embeddings.settings import EmbedderSettings
from index.entities.persian import PersianNer
from training.ner.corpora import read_split


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sentences", type=int, default=300)
    args = parser.parse_args()
    torch.set_num_threads(1)
    embedder = E5TorchEmbedder(EmbedderSettings(threads=1))
    ner = PersianNer(embedder)
    layers = tuple(ner.config["layers"])
    texts = [sentence.text for sentence in read_split(args.data, "peyma", "test")[: args.sentences]]
    ner.entities(texts[:2])  # loads the head
    full_ms, e5_ms, head_ms = [], [], []
    for text in texts:
        began = time.perf_counter()
        embedder.token_states([text])
        full_ms.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        [(states, _)] = embedder.token_states([text], layers)
        middle = time.perf_counter()
        ner._head.decode(torch.from_numpy(states))
        e5_ms.append((middle - began) * 1000)
        head_ms.append((time.perf_counter() - middle) * 1000)
    print(f"{len(texts)} PEYMA test sentences, one at a time, 1 thread; e5 layers {layers}\n")
    print("| part | mean ms | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
    head = f"head ({ner.config['hidden']}-unit BiLSTM + Viterbi)"
    rows = (("baseline: e5 pass, all 12 layers", full_ms), (f"e5 pass to layer {max(layers)}", e5_ms), (head, head_ms))
    for name, values in rows:
        mean, p50, p95 = statistics.mean(values), percentile(values, 0.5), percentile(values, 0.95)
        print(f"| {name} | {mean:.1f} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
