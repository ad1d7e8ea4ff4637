"""Train the verifier's entailment head on FarsTail: `python -m training.verifier.train [--data DIR]`.

Features are lexical (see `verification.entailment`); the head is a logistic regression, entailment against
neutral and contradiction. The threshold is chosen
on the validation split for the operating point "keep 90 % of entailed hypotheses"; test figures are printed.
"""

from __future__ import annotations

import argparse
import csv
import itertools
from pathlib import Path

import numpy as np

from assistant.answering.verification.entailment import MODEL_PATH, EntailmentModel, pair_features

SEED = 13
TARGET_RECALL = 0.9  # the operating point: keep nine in ten supported sentences (the issue's ≥ 90 % target)
DEFAULT_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "farstail"
SPLITS = {"train": "Train-word.csv", "val": "Val-word.csv", "test": "Test-word.csv"}


def read_split(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """Premises, hypotheses and labels (1 = entailment) of one FarsTail file."""
    premises, hypotheses, labels = [], [], []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        header = next(rows)
        if header[:3] != ["premise", "hypothesis", "label"]:
            raise SystemExit(f"{path}: expected columns premise, hypothesis, label; found {header[:3]}")
        for number, row in enumerate(rows, start=2):
            if len(row) < 3 or row[2] not in ("e", "n", "c"):
                raise SystemExit(f"{path}, line {number}: expected a label e, n or c")
            premises.append(row[0])
            hypotheses.append(row[1])
            labels.append(row[2] == "e")
    return premises, hypotheses, np.array(labels, dtype=np.int8)


def features(premises: list[str], hypotheses: list[str]) -> np.ndarray:
    """The feature rows of every pair."""
    return np.stack([pair_features(p, h) for p, h in zip(premises, hypotheses, strict=True)])


def calibration_error(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in itertools.pairwise(edges):
        inside = (probabilities >= low) & (probabilities < high if high < 1 else probabilities <= high)
        if inside.any():
            total += inside.mean() * abs(probabilities[inside].mean() - labels[inside].mean())
    return float(total)


def threshold_for_recall(probabilities: np.ndarray, labels: np.ndarray, recall: float) -> float:
    """The highest threshold that still keeps `recall` of the entailed pairs."""
    entailed = np.sort(probabilities[labels == 1])
    return float(entailed[int(np.floor((1 - recall) * len(entailed)))])


def report(name: str, probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> dict:
    """Accuracy at 0.5, Brier, ECE, and precision/recall at the threshold, printed and returned."""
    accepted = probabilities >= threshold
    figures = {
        "accuracy@0.5": float(((probabilities >= 0.5) == labels).mean()),
        "brier": float(((probabilities - labels) ** 2).mean()),
        "ece": calibration_error(probabilities, labels),
        "precision@threshold": float(labels[accepted].mean()) if accepted.any() else 0.0,
        "recall@threshold": float(accepted[labels == 1].mean()),
        "non_entailed_accepted@threshold": float(accepted[labels == 0].mean()),
    }
    print(f"{name:5} " + "  ".join(f"{key} {value:.3f}" for key, value in figures.items()))
    return figures


def main() -> None:
    """Train, choose the threshold on val, print val and test figures, write the artifact."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the FarsTail folder")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N rows of each split (smoke run)")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    data = {}
    for split, name in SPLITS.items():
        print(f"{split}: features", flush=True)
        premises, hypotheses, labels = read_split(args.data / name)
        if args.limit:
            premises, hypotheses, labels = premises[: args.limit], hypotheses[: args.limit], labels[: args.limit]
        data[split] = (features(premises, hypotheses), labels)
    train_x, train_y = data["train"]
    mean, scale = train_x.mean(axis=0), train_x.std(axis=0) + 1e-6
    head = LogisticRegression(C=0.05, max_iter=2000, random_state=SEED)  # C: fixed, not searched
    head.fit((train_x - mean) / scale, train_y)
    model = EntailmentModel(mean, scale, head.coef_[0].astype(np.float32), float(head.intercept_[0]), 0.5, {})
    val_p = model.probability(data["val"][0])
    threshold = threshold_for_recall(val_p, data["val"][1], TARGET_RECALL)
    print(f"threshold {threshold:.3f} (validation: keeps {TARGET_RECALL:.0%} of entailed pairs)")
    figures = {split: report(split, model.probability(data[split][0]), data[split][1], threshold) for split in SPLITS}
    about = {"data": "FarsTail (Apache-2.0)", "seed": SEED, "target_recall": TARGET_RECALL, "figures": figures}
    model = EntailmentModel(mean, scale, model.weights, model.bias, threshold, about)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
