"""Train the verifier's entailment head on FarsTail: `python -m training.verifier.train [--data DIR]`.

Features are lexical and e5 token-state ones (the bundled embedder; see `verification.entailment`); the head is a
logistic regression, entailment against neutral and contradiction. The threshold is chosen on the validation split
for the operating point "keep 90 % of entailed hypotheses"; test figures are printed. The head without the e5
features is trained in the same run as the baseline (`--baseline-out` writes it, for `benchmarks.verifier`). The
token states of FarsTail's ~13,900 distinct texts are cached in /tmp/khabar-verifier (about 25 minutes once on one
core; a killed run resumes).
"""

from __future__ import annotations

import argparse
import csv
import itertools
from pathlib import Path

import numpy as np

from assistant.answering.verification.entailment import (
    EMBEDDER,
    LEXICAL_FEATURES,
    MODEL_PATH,
    EntailmentModel,
    pair_features,
    state_features,
)
from index.embeddings import EmbedderSettings, make_embedder
from training.verifier.states import token_states

SEED = 13
REGULARIZATION = (0.0003, 0.001, 0.002, 0.003, 0.005, 0.01)  # C of the logistic regression, chosen on validation
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


def features(premises: list[str], hypotheses: list[str], states: dict[str, np.ndarray]) -> np.ndarray:
    """The feature rows of every pair: lexical, then e5 from the texts' token states."""
    pairs = list(zip(premises, hypotheses, strict=True))
    lexical = np.stack([pair_features(p, h) for p, h in pairs])
    return np.hstack([lexical, np.stack([state_features(states[p], states[h]) for p, h in pairs])])


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


def _without_e5(rows: np.ndarray) -> np.ndarray:
    """The rows with their e5 columns zeroed (the lexical baseline)."""
    lexical = rows.copy()
    lexical[:, LEXICAL_FEATURES:] = 0.0
    return lexical


def fit(data: dict[str, tuple[np.ndarray, np.ndarray]], about: dict) -> EntailmentModel:
    """The head whose regularization passes the fewest non-entailed validation pairs at the operating point (keep
    TARGET_RECALL of the entailed), thresholded there on validation."""
    from sklearn.linear_model import LogisticRegression

    train_x, train_y = data["train"]
    mean, scale = train_x.mean(axis=0), train_x.std(axis=0) + 1e-6
    best = None
    for c in REGULARIZATION:
        head = LogisticRegression(C=c, max_iter=3000, random_state=SEED).fit((train_x - mean) / scale, train_y)
        model = EntailmentModel(mean, scale, head.coef_[0].astype(np.float32), float(head.intercept_[0]), 0.5, {})
        probabilities, labels = model.probability(data["val"][0]), data["val"][1]
        threshold = threshold_for_recall(probabilities, labels, TARGET_RECALL)
        passed = float((probabilities[labels == 0] >= threshold).mean())
        brier = float(((probabilities - labels) ** 2).mean())
        print(f"  C {c:g}: validation non-entailed passed {passed:.3f}, brier {brier:.4f}", flush=True)
        if best is None or (passed, brier) < best[0]:
            best = ((passed, brier), c, model)
    _, c, model = best
    threshold = threshold_for_recall(model.probability(data["val"][0]), data["val"][1], TARGET_RECALL)
    print(f"  C {c:g}, threshold {threshold:.3f} (validation: keeps {TARGET_RECALL:.0%} of entailed pairs)")
    figures = {split: report(split, model.probability(x), y, threshold) for split, (x, y) in data.items()}
    about = about | {"C": c, "figures": figures}
    return EntailmentModel(mean, scale, model.weights, model.bias, threshold, about)


def main() -> None:
    """Embed FarsTail once; train the lexical baseline and the lexical + e5 head; print both; write the second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the FarsTail folder")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--baseline-out", type=Path, help="also write the lexical-only head here")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N rows of each split (smoke run)")
    args = parser.parse_args()
    embedder = make_embedder(EmbedderSettings())
    if embedder.name.split()[0] != EMBEDDER:
        raise SystemExit(f"the verifier's features need the bundled embedder {EMBEDDER}; found {embedder.name}")
    splits = {}
    for split, name in SPLITS.items():
        premises, hypotheses, labels = read_split(args.data / name)
        limit = args.limit or len(labels)
        splits[split] = (premises[:limit], hypotheses[:limit], labels[:limit])
    states = token_states([text for p, h, _ in splits.values() for text in p + h], embedder)
    data = {}
    for split, (premises, hypotheses, labels) in splits.items():
        print(f"{split}: features", flush=True)
        data[split] = (features(premises, hypotheses, states), labels)
    about = {"data": "FarsTail (Apache-2.0)", "seed": SEED, "target_recall": TARGET_RECALL, "embedder": EMBEDDER}
    print("lexical features only (the baseline):")
    lexical = {split: (_without_e5(x), y) for split, (x, y) in data.items()}
    baseline = fit(lexical, about | {"features": "lexical"})
    if args.baseline_out:
        baseline.save(args.baseline_out)
    print("lexical + e5 features:")
    model = fit(data, about)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
