"""The reader's reading of follow-ups, learned from PQuAD questions made follow-ups of the question before them.

A follow-up («او جانشین چه کسی شد؟») leaves its subject to the question before it. Read as asked, its few words
barely meet the answering sentence, and the reader refuses it; read together with the earlier question, the
sentence answering that earlier question wins. PQuAD has no conversations, but its paragraphs have several
questions: each question after the first is made a follow-up of the one before it by dropping the words it shares
with it (what a follow-up leaves to a pronoun), and is read over the paragraphs nearest to both questions
together, as khabar searches a follow-up. For every sentence the reader gives two probabilities, that it answers
the follow-up as asked and that it answers both questions read together; a logistic model over the two, and over
how much of the two questions' meaning (IDF-weighted) the follow-up holds itself, scores the sentence; its
threshold and `sure` are chosen on the calibration titles.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

import numpy as np

from assistant.answering.reader_model import FOLLOW_UP_FEATURES, FollowUpReading, ReaderModel, follow_up_matrix
from assistant.query.terms import QUESTION_WORDS, question_terms
from index.embeddings.base import Embedder
from index.text.normalize import normalize
from index.text.tokens import terms
from training.logistic import fit_logistic
from training.reader.features import Corpus, CorpusWeights, absent
from training.reader.pquad import SPLITS, Paragraph, Question
from training.reader.scores import best_threshold, rates, sure_from
from training.reader.vectors import cached_vectors


@dataclass(frozen=True)
class FollowUpQuestion:
    """A PQuAD question made a follow-up: the question before it over the same paragraph, and what is left of it
    without the words the two share."""

    earlier: Question
    question: Question

    @property
    def together(self) -> str:
        """What khabar searches for it: the earlier question, then the follow-up."""
        return f"{self.earlier.text} {self.question.text}"


@dataclass(frozen=True)
class Reading:
    """One follow-up's candidate sentences: the reader's probabilities for it as asked and read together, and which
    hold a gold answer."""

    question: Question
    asked: np.ndarray
    together: np.ndarray
    share: float
    labels: np.ndarray


def _leans_on(word: str, shared: set[str]) -> bool:
    """Whether a word of a question is one of the content words of the question before it."""
    content = set(terms(normalize(word))) - QUESTION_WORDS
    return bool(content) and content <= shared


def follow_ups(questions: list[Question]) -> list[FollowUpQuestion]:
    """Every question after the first of its paragraph, without the words it shares with the one before it; a
    question sharing none (it does not lean on the earlier one) is left out."""
    made = []
    for earlier, question in pairwise(questions):
        if earlier.paragraph != question.paragraph:
            continue
        shared = set(terms(normalize(earlier.text))) - QUESTION_WORDS
        words = question.text.split()
        kept = [w for w in words if not _leans_on(w, shared)]
        if len(kept) < len(words):
            made.append(FollowUpQuestion(earlier, replace(question, text=" ".join(kept))))
    return made


def readings(
    made: list[FollowUpQuestion],
    corpus: Corpus,
    weights: CorpusWeights,
    reader: ReaderModel,
    queries: Callable[[list[str]], np.ndarray],
    cache: Path,
    seed: int,
) -> list[Reading]:
    """The reader's two probabilities for the sentences of every follow-up, over the paragraphs nearest
    to it read together (its own among them; for a seeded share also without its article: unanswerable)."""
    asked_vectors = cached_vectors(queries, [normalize(f.question.text) for f in made], "query", cache)
    together_vectors = cached_vectors(queries, [normalize(f.together) for f in made], "query", cache)
    chooser = random.Random(seed)
    found = []
    for follow_up, asked_vector, together_vector in zip(made, asked_vectors, together_vectors, strict=True):
        closeness = corpus.paragraph_vectors @ together_vector
        for number, read in enumerate(corpus.read_for(follow_up.question, closeness, chooser)):
            question = absent(follow_up.question) if number else follow_up.question
            asked = corpus.pool(question, asked_vector, read, closeness, weights)
            together = corpus.pool(
                replace(question, text=follow_up.together), together_vector, read, closeness, weights
            )
            own = question_terms(normalize(question.text), weights)
            share = question_terms(normalize(follow_up.together), weights).coverage(set(own.weights))
            found.append(
                Reading(
                    question,
                    reader.probabilities(asked.lexical, asked.similarity, asked.background),
                    reader.probabilities(together.lexical, together.similarity, together.background),
                    share, asked.labels,
                )
            )  # fmt: skip
    return found


def outcomes(score: Callable[[Reading], np.ndarray], found: list[Reading]) -> tuple[np.ndarray, ...]:
    """Per follow-up: the best sentence's score, whether it holds a gold answer, and whether the follow-up is
    answerable."""
    best, correct = [], []
    for reading in found:
        scores = score(reading)
        row = int(np.argmax(scores))
        best.append(float(scores[row]))
        correct.append(bool(reading.labels[row]))
    answerable = np.array([bool(r.question.answers) for r in found])
    return np.array(best), np.array(correct), answerable


def fit_follow_up(train: list[Reading], calibration: list[Reading], seed: int) -> FollowUpReading:
    """The model over the two probabilities and the follow-up's own share, fitted on train follow-ups; threshold
    and `sure` chosen on calibration ones, as the reader's are."""
    matrix = np.concatenate([follow_up_matrix(r.asked, r.together, r.share) for r in train])
    labels = np.concatenate([r.labels for r in train])
    reading = FollowUpReading(fit_logistic(matrix, labels, FOLLOW_UP_FEATURES, seed), 0.5, 1.0)
    best, correct, answerable = outcomes(lambda r: reading.probabilities(r.asked, r.together, r.share), calibration)
    threshold = best_threshold(best, correct, answerable)
    return replace(reading, threshold=threshold, sure=sure_from(best, correct, threshold))


def print_follow_up_figures(name: str, reader: ReaderModel, reading: FollowUpReading, found: list[Reading]) -> None:
    """Precision, recall, refusal and share handled right of three readings of the same follow-ups."""
    ways = (
        ("the reader, the follow-up as asked", lambda r: r.asked, reader.threshold),
        ("the reader, read together", lambda r: r.together, reader.threshold),
        ("learned follow-up reading", lambda r: reading.probabilities(r.asked, r.together, r.share), reading.threshold),
    )
    answerable = np.array([bool(r.question.answers) for r in found])
    print(f"\n{name}: {answerable.sum()} answerable follow-ups, {(~answerable).sum()} unanswerable")
    print(
        "| reading | threshold | best sentence holds the answer | precision | recall | unanswerable refused "
        "| handled right |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, score, threshold in ways:
        best, correct, answerable = outcomes(score, found)
        at = rates(best, correct, answerable, threshold)
        print(
            f"| {label} | {threshold:.2f} | {100 * correct[answerable].mean():.1f} | {at['precision']:.1f} "
            f"| {at['recall']:.1f} | {at['refused']:.1f} | {at['handled']:.1f} |"
        )


def train_follow_up(
    paragraphs: list[Paragraph],
    questions: list[Question],
    split: dict[str, str],
    embedders: tuple[Embedder, Embedder],
    weights: CorpusWeights,
    cache: Path,
    seed: int,
    reader: ReaderModel,
) -> FollowUpReading:
    """The follow-up reading trained on train titles and calibrated on calibration ones, its figures printed on
    both held-out parts."""
    passages, queries = (embedder.encode_documents for embedder in embedders)
    corpus = Corpus.of(paragraphs, passages, cache, random.Random(seed))
    made = follow_ups(questions)
    found = readings(made, corpus, weights, reader, queries, cache, seed)
    parts = {name: [r for r in found if split[r.question.title] == name] for name in SPLITS}
    reading = fit_follow_up(parts["train"], parts["calibration"], seed)
    print(
        f"\nfollow-ups made of PQuAD questions: {len(made)}; threshold {reading.threshold:.2f}, alone from "
        f"{reading.sure:.2f} (chosen on calibration)"
    )
    for name in ("calibration", "test"):
        print_follow_up_figures(f"PQuAD {name}, follow-ups", reader, reading, parts[name])
    return reading
