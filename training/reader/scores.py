"""Held-out figures of the reader: sentence hit, refusal precision / recall, and the calibrated threshold."""

from __future__ import annotations

import numpy as np

from assistant.answering.reader_model import ReaderModel
from assistant.answering.span_features import SPAN_KINDS
from assistant.query.kinds import question_kinds
from assistant.query.terms import TermWeights
from index.text.normalize import normalize
from training.reader.features import Pool
from training.reader.pquad import Paragraph
from training.reader.spans import holds_answer, span_rows

CURVE_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SPAN_PRECISION = 0.9  # the stated operating point: a leading span holds the answer 9 times in 10
SURE_PRECISION = 0.9  # the stated operating point: one sentence alone answers when it is right 9 times in 10
MIN_SURE_ANSWERS = 50  # a precision is read on at least this many calibration answers, not on a few


def best_sentence(reader: ReaderModel, pool: Pool) -> tuple[int, float]:
    """The row the reader would answer with and its probability, as the product picks it."""
    probabilities = reader.probabilities(pool.lexical, pool.similarity, pool.background)
    best = int(np.argmax(probabilities))
    return best, float(probabilities[best])


def outcomes(reader: ReaderModel, pools: list[Pool]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per question: the best sentence's probability, whether that sentence holds a gold answer, answerable."""
    picks = [best_sentence(reader, p) for p in pools]
    best = np.array([probability for _, probability in picks])
    correct = np.array([bool(p.labels[row]) for p, (row, _) in zip(pools, picks, strict=True)])
    answerable = np.array([bool(p.question.answers) for p in pools])
    return best, correct, answerable


def rates(best: np.ndarray, correct: np.ndarray, answerable: np.ndarray, threshold: float) -> dict[str, float]:
    """At one threshold: precision (answers citing a gold sentence), recall (answerable questions so answered),
    unanswerable refused, and the share of all questions handled right."""
    answered = best >= threshold
    right = answered & answerable & correct
    return {
        "threshold": threshold,
        "precision": 100 * right.sum() / max(1, answered.sum()),
        "recall": 100 * right.sum() / max(1, answerable.sum()),
        "refused": 100 * (~answered & ~answerable).sum() / max(1, (~answerable).sum()),
        "handled": 100 * (right | (~answered & ~answerable)).mean(),
    }


def choose_threshold(reader: ReaderModel, calibration: list[Pool]) -> float:
    """The operating point: the threshold that handles the most calibration questions right (answered with a
    gold sentence, or unanswerable and refused), searched on a 0.01 grid."""
    return best_threshold(*outcomes(reader, calibration))


def best_threshold(best: np.ndarray, correct: np.ndarray, answerable: np.ndarray) -> float:
    """The threshold on 0.01 steps that handles the most of these outcomes right (the lowest of equals)."""
    grid = np.round(np.arange(0.01, 1.0, 0.01), 2)
    return float(max(grid, key=lambda t: (rates(best, correct, answerable, t)["handled"], -t)))


def choose_sure(reader: ReaderModel, calibration: list[Pool]) -> float:
    """The lowest probability from which the best sentence alone holds the answer `SURE_PRECISION` of the time on
    calibration questions (0.01 grid; 1.0 when no point reaches it, so the runner-up is always shown)."""
    best, correct, _ = outcomes(reader, calibration)
    return sure_from(best, correct, reader.threshold)


def sure_from(best: np.ndarray, correct: np.ndarray, threshold: float) -> float:
    """The lowest probability from `threshold` up (0.01 steps) whose answers are right `SURE_PRECISION` of the
    time, read on at least `MIN_SURE_ANSWERS` of them; 1.0 when none is."""
    for t in np.round(np.arange(threshold, 1.0, 0.01), 2):
        answered = best >= t
        if answered.sum() >= MIN_SURE_ANSWERS and (answered & correct).sum() >= SURE_PRECISION * answered.sum():
            return float(t)
    return 1.0


def curve(reader: ReaderModel, pools: list[Pool]) -> list[dict[str, float]]:
    """The precision / recall / refused rates at the curve's thresholds and at the reader's own."""
    best, correct, answerable = outcomes(reader, pools)
    points = sorted({*CURVE_THRESHOLDS, reader.threshold})
    return [rates(best, correct, answerable, t) for t in points]


def print_figures(name: str, reader: ReaderModel, pools: list[Pool]) -> None:
    """Sentence hit@1 on answerable questions, then the refusal curve as a Markdown table."""
    _, correct, answerable = outcomes(reader, pools)
    print(f"\n{name}: {answerable.sum()} answerable, {(~answerable).sum()} unanswerable")
    print(f"best sentence holds the answer (answerable, no refusal): {100 * correct[answerable].mean():.1f}")
    print("| threshold | precision | recall | unanswerable refused | handled right |")
    print("| --- | --- | --- | --- | --- |")
    for row in curve(reader, pools):
        mark = " (chosen)" if row["threshold"] == reader.threshold else ""
        print(
            f"| {row['threshold']:.2f}{mark} | {row['precision']:.1f} | {row['recall']:.1f} | {row['refused']:.1f} "
            f"| {row['handled']:.1f} |"
        )


def span_outcomes(
    reader: ReaderModel, paragraphs: list[Paragraph], pools: list[Pool], weights: TermWeights
) -> list[tuple[float, bool, bool, int]]:
    """Per question the reader answers (at its threshold) whose kind may lead with a span: the best span's
    probability, whether it holds a gold answer, whether the sentence does, and the span's length."""
    found = []
    for pool in pools:
        row, probability = best_sentence(reader, pool)
        kinds = question_kinds(normalize(pool.question.text))
        if probability < reader.threshold or not kinds & SPAN_KINDS or not pool.question.answers:
            continue
        index, position = pool.sentences[row]
        matrix, _, spans, text = span_rows(paragraphs[index], pool.question, position, weights)
        span_probabilities = reader.span.probabilities(matrix)
        best = int(np.argmax(span_probabilities))
        lead = spans[best].span.of(text)
        found.append(
            (float(span_probabilities[best]), holds_answer(lead, pool.question), holds_answer(text, pool.question),
             len(lead))
        )  # fmt: skip
    return found


def choose_span_threshold(
    reader: ReaderModel, paragraphs: list[Paragraph], calibration: list[Pool], weights: TermWeights
) -> float:
    """The lowest span probability from which a leading span holds the answer in at least `SPAN_PRECISION` of the
    calibration answers whose sentence holds it (0.01 grid)."""
    outcomes = [
        (p, span) for p, span, sentence, _ in span_outcomes(reader, paragraphs, calibration, weights) if sentence
    ]
    for threshold in np.round(np.arange(0.01, 1.0, 0.01), 2):
        led = [span for p, span in outcomes if p >= threshold]
        if led and np.mean(led) >= SPAN_PRECISION:
            return float(threshold)
    return 1.0


def print_span_figures(
    name: str, reader: ReaderModel, paragraphs: list[Paragraph], pools: list[Pool], weights: TermWeights
) -> None:
    """How often the best span holds the answer, how often the answer leads with it, and the answer lengths."""
    found = span_outcomes(reader, paragraphs, pools, weights)
    if not found:
        return
    right = [f for f in found if f[2]]
    led = [f for f in right if f[0] >= reader.span_threshold]
    print(
        f"{name} spans: best span holds the answer {100 * np.mean([f[1] for f in right]):.1f} of {len(right)} right "
        f"sentences; led with a span {100 * len(led) / len(right):.1f}, of which right "
        f"{100 * np.mean([f[1] for f in led]) if led else 0:.1f}; median span "
        f"{np.median([f[3] for f in found]):.0f} chars"
    )
