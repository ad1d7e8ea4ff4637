"""Candidate answer spans inside a sentence and what the span model knows of each: length, place beside the
question's words, neighbouring words, and what the span holds."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

from assistant.query.kinds import QUESTION_KINDS
from assistant.query.terms import QuestionTerms, TermLookup
from index.text.normalize import normalize
from index.text.spans import Span
from index.text.tokens import terms

SPAN_KINDS = frozenset({"number", "time", "person", "place", "which"})
"""Question kinds whose answer is a number, date, name or place: these answers may lead with a span."""
MAX_SPAN_WORDS = 10  # the longest span considered; PQuAD's gold answers are shorter in nearly all cases
_TOKEN = re.compile(r"[^\W_]+(?:[\u200c.٫/:][^\W_]+)*")
_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
_YEAR = re.compile(r"^[12۱۲][0-9۰-۹]{3}$")
_MONTHS = frozenset(
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه فوریه مارس آوریل مه ژوئن ژوئیه "
    "اوت سپتامبر اکتبر نوامبر دسامبر میلادی شمسی هجری قمری".split()
)
_BREAK = re.compile(r"[،,:؛;«»()\"]")
_LENGTHS = (1, 2, 3, 4, 6, MAX_SPAN_WORDS)  # buckets: 1, 2, 3, 4, 5–6, 7–10 words
HASH_BUCKETS = 64
SPAN_CUES = ("digit", "year", "month", "quoted")
SPAN_FEATURES: tuple[str, ...] = (
    *(f"words_le_{n}" for n in _LENGTHS),
    *("asked_share", "holds_asked", "left_distance", "right_distance", "after_asked", "before_asked"),
    *("sentence_start", "sentence_end", "break_before", "break_after"),
    *(f"holds_{cue}" for cue in SPAN_CUES),
    *(f"asks_{kind}_holds_{cue}" for kind in QUESTION_KINDS for cue in SPAN_CUES),
    *(f"asks_{kind}_words_le_{n}" for kind in QUESTION_KINDS for n in _LENGTHS),
    *(f"{where}_word_{bucket}" for where in ("previous", "next", "first", "last") for bucket in range(HASH_BUCKETS)),
)


@dataclass(frozen=True)
class SpanCandidate:
    """A run of words of a sentence: its character span in the sentence and its token range."""

    span: Span
    first: int
    last: int


def tokens(sentence: str) -> list[Span]:
    """The word tokens of a sentence as character spans (numbers with decimals or slashes kept whole)."""
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def candidates(sentence: str, words: list[Span]) -> list[SpanCandidate]:
    """Every run of up to `MAX_SPAN_WORDS` words; a span opening a «quote» closes it when the quote ends inside."""
    found = []
    for first in range(len(words)):
        for last in range(first, min(len(words), first + MAX_SPAN_WORDS)):
            start, end = words[first].start, words[last].end
            if start > 0 and sentence[start - 1] == "«" and "»" in sentence[end : end + 2]:
                start, end = start - 1, sentence.index("»", end) + 1
            found.append(SpanCandidate(Span(start, end), first, last))
    return found


def _bucket(word: str) -> int:
    """A stable hash bucket of a normalized word."""
    return zlib.crc32(word.encode("utf-8")) % HASH_BUCKETS


def span_matrix(
    sentence: str, question: QuestionTerms, kinds: frozenset[str], words: list[Span], spans: list[SpanCandidate]
) -> np.ndarray:
    """One row of `SPAN_FEATURES` per candidate span."""
    folded = [normalize(w.of(sentence)) for w in words]
    asked_terms = TermLookup(question.weights)
    asked = [bool(terms(word)) and all(asked_terms.has(t) for t in terms(word)) for word in folded]
    asked_at = [i for i, hit in enumerate(asked) if hit]
    buckets = [_bucket(word) for word in folded]
    asks = [kind in kinds for kind in QUESTION_KINDS]
    rows = np.zeros((len(spans), len(SPAN_FEATURES)), dtype=np.float32)
    offsets = {name: i for i, name in enumerate(SPAN_FEATURES)}
    for row, candidate in zip(rows, spans, strict=True):
        first, last = candidate.first, candidate.last
        length = last - first + 1
        lengths = [length <= n and (i == 0 or length > _LENGTHS[i - 1]) for i, n in enumerate(_LENGTHS)]
        inside = folded[first : last + 1]
        left = [first - i for i in asked_at if i < first]
        right = [i - last for i in asked_at if i > last]
        text = candidate.span.of(sentence)
        cues = [
            any(_DIGIT.search(w) for w in inside), any(_YEAR.match(w) for w in inside),
            bool(_MONTHS.intersection(inside)), text.startswith("«"),
        ]  # fmt: skip
        values = (
            lengths
            + [sum(asked[first : last + 1]) / length, any(asked[first : last + 1])]
            + [np.log1p(min(left, default=20)), np.log1p(min(right, default=20)), 1 in left, 1 in right]
            + [first == 0, last == len(words) - 1]
            + [bool(_BREAK.search(sentence[words[first - 1].end if first else 0 : candidate.span.start]))]
            + [
                bool(
                    _BREAK.search(
                        sentence[candidate.span.end : words[last + 1].start if last + 1 < len(words) else None]
                    )
                )
            ]
            + cues
            + [a and c for a in asks for c in cues]
            + [a and n for a in asks for n in lengths]
        )
        row[: len(values)] = values
        for where, index in (("previous", first - 1), ("next", last + 1), ("first", first), ("last", last)):
            if 0 <= index < len(words):
                row[offsets[f"{where}_word_0"] + buckets[index]] = 1.0
    return rows
