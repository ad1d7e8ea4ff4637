"""The span model: a logistic regression ranking the runs of words of an answer sentence, trained on PQuAD's
gold answer spans."""

from __future__ import annotations

import random

import numpy as np

from assistant.answering.span_features import SpanCandidate, candidates, span_matrix, tokens
from assistant.query.kinds import question_kinds
from assistant.query.terms import TermWeights, question_terms
from index.text.normalize import normalize
from training.reader.pquad import Paragraph, Question

NEGATIVES_PER_QUESTION = 40  # wrong spans sampled per training question (the positives are all kept)


def gold_sentence(paragraph: Paragraph, question: Question) -> int | None:
    """The index of the sentence where the question's first gold answer starts."""
    start = question.answers[0][0]
    return next((i for i, s in enumerate(paragraph.sentences) if s.start <= start < s.end), None)


def is_gold(candidate: SpanCandidate, words: list, answers: list[tuple[int, int]]) -> bool:
    """The span holds a gold answer's words, with at most one word more."""
    for start, end in answers:
        inside = [i for i, w in enumerate(words) if w.start < end and w.end > start]
        covers = bool(inside) and candidate.first <= inside[0] and candidate.last >= inside[-1]
        if covers and (inside[0] - candidate.first) + (candidate.last - inside[-1]) <= 1:
            return True
    return False


def span_rows(
    paragraph: Paragraph, question: Question, sentence: int, weights: TermWeights
) -> tuple[np.ndarray, np.ndarray, list[SpanCandidate], str]:
    """Features and gold labels of every candidate span of one sentence, its spans and text."""
    span = paragraph.sentences[sentence]
    text = span.of(paragraph.text)
    words = tokens(text)
    spans = candidates(text, words)
    asked = question_terms(normalize(question.text), weights)
    matrix = span_matrix(text, asked, question_kinds(normalize(question.text)), words, spans)
    answers = [(a - span.start, b - span.start) for a, b, _ in question.answers if span.start <= a < span.end]
    labels = np.array([is_gold(c, words, answers) for c in spans], dtype=bool)
    return matrix, labels, spans, text


def training_rows(
    paragraphs: list[Paragraph], questions: list[Question], weights: TermWeights, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of answerable questions' gold sentences: every gold span, a seeded sample of the others."""
    rng = random.Random(seed)
    matrices, labels = [], []
    for question in questions:
        paragraph = paragraphs[question.paragraph]
        sentence = gold_sentence(paragraph, question) if question.answers else None
        if sentence is None:
            continue
        matrix, gold, _, _ = span_rows(paragraph, question, sentence, weights)
        wrong = [i for i in range(len(gold)) if not gold[i]]
        keep = [i for i in range(len(gold)) if gold[i]] + rng.sample(wrong, min(len(wrong), NEGATIVES_PER_QUESTION))
        matrices.append(matrix[keep])
        labels.append(gold[keep])
    return np.concatenate(matrices), np.concatenate(labels)


_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "\u200c": " ", "«": " ", "»": " ", "،": " ", ",": " ", ".": " "})
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def folded(text: str) -> str:
    """Text folded as score.py compares answers: letter variants, digits, half-spaces and punctuation."""
    return " " + " ".join(text.translate(_FOLD).translate(_DIGITS).split()) + " "


def holds_answer(text: str, question: Question) -> bool:
    """A gold answer of the question appears, folded, in the text."""
    haystack = folded(text)
    return any(folded(answer) in haystack for _, _, answer in question.answers)
