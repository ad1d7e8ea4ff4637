"""Sentence boundaries as character spans of the original text (which stays verbatim)."""

from __future__ import annotations

import re
from functools import lru_cache

from index.text.normalize import normalize
from index.text.spans import Span

_DECIMAL_CUT = re.compile(r"[0-9۰-۹٠-٩][.٫]$")
_STARTS_WITH_DIGIT = re.compile(r"^[0-9۰-۹٠-٩]")
_ABBREVIATION_CUT = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|No|vs|etc|[A-Z])\.$")
_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _shekar_sentence_tokenizer():
    """The shekar sentence tokenizer, built once on first use."""
    from shekar import SentenceTokenizer

    return SentenceTokenizer()


def _joins_next(piece: str, following: str) -> bool:
    """True when a cut between two pieces fell inside a decimal number or after an abbreviation."""
    if _DECIMAL_CUT.search(piece) and _STARTS_WITH_DIGIT.match(following):
        return True
    return bool(_ABBREVIATION_CUT.search(piece))


def _paragraph_sentences(text: str, offset: int) -> list[Span]:
    """The sentences of one paragraph, located in the original text."""
    spans: list[Span] = []
    cursor = 0
    for piece in _shekar_sentence_tokenizer()(text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # the tokenizer altered the piece; fall back to the rest of the paragraph
            spans.append(Span(offset + cursor, offset + len(text.rstrip())))
            return spans
        end = start + len(piece)
        cursor = end
        if spans and _joins_next(text[spans[-1].start - offset : spans[-1].end - offset], piece):
            spans[-1] = Span(spans[-1].start, offset + end)
        else:
            spans.append(Span(offset + start, offset + end))
    return spans


def split_sentences(text: str) -> list[Span]:
    """Spans of the sentences of a text: paragraphs split on newlines, then by the Persian tokenizer."""
    spans: list[Span] = []
    for paragraph in _PARAGRAPH.finditer(text):
        if paragraph.group().strip():
            spans.extend(_paragraph_sentences(paragraph.group(), paragraph.start()))
    return spans


def passage_sentences(text: str) -> list[tuple[Span, str]]:
    """The sentences of a passage as the reader reads them, each with its normalized form: what ingest embeds and
    stores per chunk (position = index in this list), and what the reader looks those vectors up by."""
    return [(span, normalize(span.of(text))) for span in split_sentences(text)]


def normalized_sentences(text: str) -> tuple[str, ...]:
    """The normalized form of each sentence of a passage (`passage_sentences` without the spans): what a chunk
    stores so that reading it normalizes nothing."""
    return tuple(normalized for _, normalized in passage_sentences(text))
