"""The whole sentence verifier on FarsTail test pairs: sentences people accept kept, the others passed.

    python -m training.verifier.train --baseline-out /tmp/entailment-lexical.npz
    python -m benchmarks.verifier --index /tmp/llm-fars --baseline /tmp/entailment-lexical.npz

Each FarsTail test hypothesis is checked as a reply sentence citing its premise ("… [1].") by the full check a
generated sentence gets (facts, names unknown to the index, entailment at the model's threshold). FarsTail's
annotators labelled each pair: an entailed hypothesis is a sentence a person accepts from that passage, so "kept
of entailed" is the issue's "supported sentences kept"; "passed of contradicted" counts the sentences the passage
refutes that reach the user. The committed model is compared with a baseline artifact of the same features in the
same run (the lexical-only head that `training.verifier.train --baseline-out` writes).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from assistant.answer import Passage
from assistant.answering.verification.entailment import MODEL_PATH, EntailmentModel
from assistant.answering.verification.verifier import Supported, Verifier
from assistant.config import index_settings
from index.embeddings import EmbedderSettings, make_embedder
from index.news_index import NewsIndex
from training.verifier.train import DEFAULT_DATA, SPLITS


def kept_by_label(verifier: Verifier, premises: list[str], hypotheses: list[str], labels: list[str]) -> dict:
    """The share of pairs whose hypothesis the verifier keeps, by FarsTail label (e, n, c)."""
    kept: dict[str, list[bool]] = {"e": [], "n": [], "c": []}
    for premise, hypothesis, label in zip(premises, hypotheses, labels, strict=True):
        passage = Passage("p:0", "p", "", "", "", None, "", premise, 0, len(premise), 1.0)
        verdict = verifier.session("", [passage]).check(f"{hypothesis.rstrip(' .')} [1].")  # a pair has no question
        kept[label].append(isinstance(verdict, Supported))
    return {label: (sum(values) / max(len(values), 1), len(values)) for label, values in kept.items()}


def main() -> None:
    """Check every FarsTail test pair with each model; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", help="an index whose lexical statistics spot unknown names (optional)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    parser.add_argument("--baseline", type=Path, required=True, help="the entailment model to compare with")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    news_index = NewsIndex(index_settings(args.index, None, None)) if args.index else None
    embedder = make_embedder(news_index.settings.embedder if news_index else EmbedderSettings())
    with open(args.data / SPLITS["test"], encoding="utf-8", newline="") as handle:
        pairs = [(row["premise"], row["hypothesis"], row["label"]) for row in csv.DictReader(handle, delimiter="\t")]
    premises, hypotheses, labels = (list(column) for column in zip(*pairs, strict=True))
    if args.limit:
        premises, hypotheses, labels = premises[: args.limit], hypotheses[: args.limit], labels[: args.limit]
    model = EntailmentModel.load(args.model)
    baseline = EntailmentModel.load(args.baseline)
    if len(baseline.weights) != len(model.weights):
        raise SystemExit(f"{args.baseline}: {len(baseline.weights)} features, the model has {len(model.weights)}")
    lexical = news_index.lexical if news_index else None
    rows = {}
    for name, head in (("baseline", baseline), ("khabar", model)):
        rows[name] = kept_by_label(Verifier(head, embedder, lexical), premises, hypotheses, labels)
    print("| FarsTail test pairs, whole verifier | baseline (lexical head) | khabar (lexical + e5 token head) |")
    print("| --- | --- | --- |")
    for label, what in (("e", "kept of entailed"), ("n", "passed of neutral"), ("c", "passed of contradicted")):
        cells = [f"{rows[name][label][0]:.1%} of {rows[name][label][1]}" for name in ("baseline", "khabar")]
        print(f"| {what} | {cells[0]} | {cells[1]} |")
    print(f"| threshold | {baseline.threshold:.3f} | {model.threshold:.3f} |")
    if news_index:
        news_index.close()


if __name__ == "__main__":
    main()
