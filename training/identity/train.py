"""Fit the cross-script same-name model on hand-labelled spelling pairs and write `index/meetings/same-name.json`.

The pairs (`spellings.tsv`) were drawn from the two corpora: every FarsNews word and every BBC family name whose
sound skeletons are alike (similarity 0.8 or more, at least three consonants), read and labelled by hand as one
word or name in two scripts (1) or two different ones (0). Scores are out-of-fold (5-fold, stratified, seed 13);
the threshold is the lowest probability whose out-of-fold precision reaches TARGET_PRECISION, so a merge across
scripts is wrong at most about once in twenty.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from index.meetings.same_name import MODEL
from index.meetings.spelling import spelling_features

PAIRS = Path(__file__).with_name("spellings.tsv")
SEED = 13
TARGET_PRECISION = 0.95


def read_pairs(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the labelled pairs; a clear error naming the file and line on a bad row."""
    features, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if row.get("same") not in ("0", "1") or not row.get("persian") or not row.get("latin"):
                raise ValueError(f"{path}:{line}: expected persian, latin and same (0 or 1), got {row}")
            features.append(spelling_features(row["persian"], row["latin"]))
            labels.append(int(row["same"]))
    return np.array(features), np.array(labels)


def threshold_for(probabilities: np.ndarray, labels: np.ndarray, target: float) -> float:
    """The lowest probability whose pairs at or above it reach the target precision."""
    for cut in sorted(set(probabilities.round(4))):
        chosen = probabilities >= cut
        if chosen.any() and labels[chosen].mean() >= target:
            return float(cut)
    return 0.99


def figures(probabilities: np.ndarray, labels: np.ndarray, cut: float) -> dict[str, float]:
    """Precision and recall of the decision at the cut."""
    chosen = probabilities >= cut
    hits = int((chosen & (labels == 1)).sum())
    return {"precision": round(hits / max(1, chosen.sum()), 3), "recall": round(hits / max(1, labels.sum()), 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    features, labels = read_pairs(args.pairs)
    model = LogisticRegression(C=1.0, random_state=SEED)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    held_out = cross_val_predict(model, features, labels, cv=folds, method="predict_proba")[:, 1]
    cut = threshold_for(held_out, labels, TARGET_PRECISION)
    similarity_only = figures(features[:, 0], labels, threshold_for(features[:, 0], labels, TARGET_PRECISION))
    model.fit(features, labels)
    report = {
        "pairs": len(labels),
        "same": int(labels.sum()),
        "out_of_fold": figures(held_out, labels, cut),
        "similarity_alone": similarity_only,
    }
    about = {"features": ["sound_similarity", "min_consonants"], "seed": SEED, "target_precision": TARGET_PRECISION}
    data = {
        "weights": model.coef_[0].round(4).tolist(),
        "bias": round(float(model.intercept_[0]), 4),
        "floor": features.min(axis=0).round(4).tolist(),
        "ceiling": features.max(axis=0).round(4).tolist(),
        "prior": round(float(labels.mean()), 4),
    }
    args.out.write_text(
        json.dumps({**data, "threshold": cut, **about, "figures": report}, indent=1) + "\n", encoding="utf-8"
    )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
