"""What the meetings and quotes gates' training share: the dev articles left out, a split by person, and a logistic
regression fitted with its threshold chosen on out-of-fold predictions and its held-out figures printed."""

from __future__ import annotations

import argparse
import json
import os
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from assistant.learned import LogisticModel
from index.store.manifest import Manifest
from training.logistic import fit_logistic

SHARED = Path(os.environ.get("KHABAR_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
PASSAGES = 5  # what the assistant retrieves for a question (`Assistant.ask`'s k)
FOLDS = 5  # by person, for the out-of-fold probabilities the threshold is chosen on
TEST_SHARE = 0.2  # of the people, held out for the printed figures


class Outcome(Protocol):
    """One question's outcome: whether the best candidate was right, and whether the question had an answer."""

    right: bool
    answerable: bool


Asked = TypeVar("Asked", bound=Outcome)


class Identified(Protocol):
    """Something with an id: a person the questions are asked about."""

    id: str


def gate_arguments(description: str, out: Path) -> argparse.Namespace:
    """The command line of a gate's training: the FarsNews index, ../shared, the seed and where the gate goes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--index", type=Path, required=True, help="a FarsNews index built by `khabar ingest`")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=out)
    return parser.parse_args()


def dev_articles(shared: Path, manifest: Manifest) -> set[str]:
    """The ids in the index of the articles any dev set asks about (named by id or URL, or for the seed its file)."""
    found: set[str] = set()
    for path in sorted((shared / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            keys = [row.get("article"), row.get("article_url"), *row.get("articles", []), *row.get("article_urls", [])]
            for key in filter(None, keys):
                if key.startswith("seed:"):  # as `assistant.evaluation.metrics.is_gold` reads the seed's name
                    rows = manifest.connection.execute(
                        "SELECT id FROM articles WHERE id LIKE ?", ("%" + key.removeprefix("seed:"),)
                    )
                    found.update(article for (article,) in rows)
                elif (article := manifest.find_article(key)) is not None:
                    found.add(article.id)
    return found


def split_people(found: Sequence[Identified], seed: int) -> dict[str, int]:
    """Each person's part, seeded: -1 for the test, else the fold (0 to FOLDS - 1) they are predicted in."""
    ids = sorted(p.id for p in found)
    random.Random(seed).shuffle(ids)
    tested = round(TEST_SHARE * len(ids))
    return {p: -1 if n < tested else n % FOLDS for n, p in enumerate(ids)}


@dataclass(frozen=True)
class Samples:
    """One model's rows: features, whether the best candidate was right, whether an answer was in view, and the fold
    each row's person is predicted in (-1: the test)."""

    matrix: np.ndarray
    right: np.ndarray
    answerable: np.ndarray
    folds: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[tuple[int, Asked]], views: Callable[[Asked], list[list[float]]]) -> Samples:
        """The samples of the rows, one per view of each (the meetings' across model sees each question named and
        unnamed)."""
        seen = [(fold, row, view) for fold, row in rows for view in views(row)]
        return cls(
            np.array([view for _, _, view in seen]),
            np.array([row.right for _, row, _ in seen]),
            np.array([row.answerable for _, row, _ in seen]),
            np.array([fold for fold, _, _ in seen]),
        )

    def part(self, mask: np.ndarray) -> Samples:
        """The samples where the mask holds."""
        return Samples(self.matrix[mask], self.right[mask], self.answerable[mask], self.folds[mask])


def outcomes(probabilities: np.ndarray, samples: Samples, threshold: float) -> dict[str, float]:
    """How the samples fare at a threshold: answers shown that are right, answerable questions answered right, and
    questions handled right (a right answer, or a refusal where nothing right was in view)."""
    shown = probabilities >= threshold
    hits = shown & samples.right
    return {
        "precision": float(hits.sum() / max(1, shown.sum())),
        "recall": float(hits.sum() / max(1, samples.answerable.sum())),
        "handled": float((hits | (~shown & ~samples.right)).mean()),
        "answered": float(shown.mean()),
    }


def best_threshold(probabilities: np.ndarray, samples: Samples) -> float:
    """The threshold on 0.01 steps that handles the most samples right (the lowest of equals)."""
    grid = np.round(np.arange(0.01, 1.0, 0.01), 2)
    return float(max(grid, key=lambda t: (outcomes(probabilities, samples, t)["handled"], -t)))


def out_of_fold(samples: Samples, features: tuple[str, ...], seed: int) -> np.ndarray:
    """Each sample's probability from a model fitted on the other folds."""
    probabilities = np.zeros(len(samples.right))
    for fold in range(FOLDS):
        held = samples.folds == fold
        model = fit_logistic(samples.matrix[~held], samples.right[~held], features, seed)
        probabilities[held] = model.probabilities(samples.matrix[held])
    return probabilities


def fit_gate(name: str, samples: Samples, features: tuple[str, ...], seed: int) -> tuple[LogisticModel, float]:
    """A gate's model fitted on every sample outside the test, its threshold chosen on their out-of-fold
    probabilities; the test's figures at the threshold, its curve and the weights printed under `name`."""
    pool, test = samples.part(samples.folds >= 0), samples.part(samples.folds < 0)
    threshold = best_threshold(out_of_fold(pool, features, seed), pool)
    model = fit_logistic(pool.matrix, pool.right, features, seed)
    tested = model.probabilities(test.matrix)
    at = outcomes(tested, test, threshold)
    print(
        f"{name}: threshold {threshold:.2f}; test precision {at['precision']:.3f} recall {at['recall']:.3f} "
        f"handled {at['handled']:.3f} answered {at['answered']:.3f}"
    )
    for t in np.round(np.arange(0.1, 1.0, 0.1), 1):
        at = outcomes(tested, test, t)
        print(f"  at {t:.1f}: precision {at['precision']:.3f} recall {at['recall']:.3f} handled {at['handled']:.3f}")
    for feature, weight in zip(features, model.weights, strict=True):
        print(f"  {feature:>16} {weight:+.3f}")
    return model, threshold
