"""A chunk's normalized sentences as stored: where each lies in its search text, so that they take little room."""

from __future__ import annotations

import json


def encode_sentences(search_text: str, sentences: tuple[str, ...]) -> str:
    """The sentences as JSON: each one's [start, end] in the search text (which holds them in order almost always),
    or the sentence itself where the search text, normalized as a whole, spells it otherwise."""
    stored: list[list[int] | str] = []
    cursor = 0
    for sentence in sentences:
        start = search_text.find(sentence, cursor) if sentence else -1
        if start < 0:
            stored.append(sentence)
            continue
        cursor = start + len(sentence)
        stored.append([start, cursor])
    return json.dumps(stored, ensure_ascii=False, separators=(",", ":"))


def decode_sentences(search_text: str, column: str) -> tuple[str, ...]:
    """The sentences `encode_sentences` stored."""
    return tuple(item if isinstance(item, str) else search_text[item[0] : item[1]] for item in json.loads(column))
