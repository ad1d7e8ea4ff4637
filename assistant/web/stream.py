"""A streamed answer as events (what was searched, the passages, the model's tokens, each verified sentence, what
was removed, the whole answer) and their server-sent-event form."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict

from assistant.answer import Answer
from assistant.answering.generative import Removed, Token, Verified
from assistant.app import Retrieved, Step

_SENTENCE_BREAK = re.compile(r"(?<=\]) (?=\S)")


def sentences_of(text: str) -> list[str]:
    """An answer's text cut after each sentence's markers, the space kept with the next: they join back exactly."""
    pieces = _SENTENCE_BREAK.split(text)
    return pieces[:1] + [f" {piece}" for piece in pieces[1:]]


def answer_events(steps: Iterable[Step]) -> Iterator[tuple[str, dict]]:
    """`searched`, `sources` (the passages), `token` (the model's text as written, unverified), `delta` (each
    sentence once verified; they join into the answer's text), `removed`, then the whole `answer`."""
    shown = 0
    for step in steps:
        if isinstance(step, Retrieved):
            yield "searched", {"searched": step.searched}
            yield "sources", {"passages": [p.to_dict() for p in step.passages]}
        elif isinstance(step, Token):
            yield "token", {"text": step.text}
        elif isinstance(step, Verified):
            yield "delta", {"text": step.text if shown == 0 else f" {step.text}"}
            shown += 1
        elif isinstance(step, Removed):
            yield "removed", asdict(step.item)
        elif isinstance(step, Answer):
            if shown == 0:  # not streamed sentence by sentence (extractive, the fallback, a refusal): sent whole
                for piece in sentences_of(step.text):
                    yield "delta", {"text": piece}
            yield "answer", step.to_dict()


def sse(event: str | None, data: object) -> str:
    """One server-sent event: an optional `event:` line and one `data:` line of JSON."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"
