"""An answer as a stream of events (what was searched, the sources, the text piece by piece) and their SSE form."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from assistant.answer import Answer

_PIECE = re.compile(r"\S+\s*|\s+")


def text_pieces(text: str, words: int = 3) -> list[str]:
    """The text cut into pieces of a few words (markers kept whole) that join back to exactly the text."""
    tokens = _PIECE.findall(text)
    return ["".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def answer_events(answer: Answer) -> Iterator[tuple[str, dict]]:
    """`searched`, `sources` (citations and passages), `delta` pieces of the text, then the whole `answer`."""
    data = answer.to_dict()
    yield "searched", {"question": answer.question, "searched": answer.searched}
    yield "sources", {"found": answer.found, "citations": data["citations"], "passages": data["passages"]}
    for piece in text_pieces(answer.text):
        yield "delta", {"text": piece}
    yield "answer", data


def sse(event: str | None, data: object) -> str:
    """One server-sent event: an optional `event:` line and one `data:` line of JSON."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {json.dumps(data, ensure_ascii=False)}\n\n"
