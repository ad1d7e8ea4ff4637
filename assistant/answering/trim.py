"""Cutting a long sentence down to the clauses that answer, keeping the quote verbatim."""

from __future__ import annotations

import re

from assistant.query.terms import QuestionTerms
from index.text.normalize import normalize
from index.text.spans import Span
from index.text.tokens import terms

_CLAUSE_BREAK = re.compile(r"[،,؛;:]\s*")
_TRAILING_BREAK = "،,؛;: "


def clauses(sentence: str) -> list[Span]:
    """Spans of the clauses of a sentence, split after commas, semicolons and colons."""
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        spans.append(Span(start, match.end()))
        start = match.end()
    spans.append(Span(start, len(sentence)))
    return [span for span in spans if span.of(sentence).strip()]


def _pieces(sentence: str, clause: Span, limit: int) -> list[Span]:
    """A clause longer than `limit` cut at spaces into consecutive pieces within it (a word longer than `limit`
    cut where the limit falls)."""
    pieces, start = [], clause.start
    while clause.end - start > limit:
        cut = sentence.rfind(" ", start + 1, start + limit + 1)
        end = cut if cut > start else start + limit
        pieces.append(Span(start, end))
        start = end + 1 if cut > start else end
    pieces.append(Span(start, clause.end))
    return pieces


def best_window(sentence: str, question: QuestionTerms, limit: int) -> Span:
    """The run of whole clauses within `limit` characters that covers the question best, the longest such run
    (the answer tends to follow the words that echo the question), or a piece of one clause longer than `limit`
    cut at spaces where that covers it better; a verbatim span."""
    parts = clauses(sentence)
    windows = [piece for part in parts if part.end - part.start > limit for piece in _pieces(sentence, part, limit)]
    for first in range(len(parts)):
        for last in range(first, len(parts)):
            window = Span(parts[first].start, parts[last].end)
            if window.end - window.start > limit:
                break
            windows.append(window)
    best, best_key = Span(0, min(len(sentence), limit)), (-1.0, 0)
    for window in windows:
        key = (question.coverage(set(terms(normalize(window.of(sentence))))), window.end - window.start)
        if key > best_key:
            best, best_key = window, key
    text = best.of(sentence)
    start = best.start + len(text) - len(text.lstrip())
    end = best.start + len(text.rstrip(_TRAILING_BREAK))
    return Span(start, max(end, start + 1))
