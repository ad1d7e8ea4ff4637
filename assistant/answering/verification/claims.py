"""A reply cut into sentences, each with the passage numbers its [n] markers cite; also cut as tokens arrive."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text.normalize import fold_letters

MARKER = re.compile(r"\[\s*([0-9۰-۹٠-٩]+(?:\s*[,،]\s*[0-9۰-۹٠-٩]+)*)\s*\]")
# a sentence ends at . ! ? ؟ or a line break, with the markers that follow it, before whitespace
_END = re.compile(r"(?:[.!?؟…]+(?:\s*" + MARKER.pattern + r")*(?=\s)|\n+)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Claim:
    """One sentence of a reply: its text without markers, and the passage numbers it cites (1-based)."""

    text: str
    cited: tuple[int, ...]
    raw: str


def parse_claim(raw: str) -> Claim:
    """The claim of one reply sentence."""
    cited: list[int] = []
    for group in MARKER.findall(raw):
        cited.extend(int(fold_letters(number)) for number in re.split(r"[,،]", group))
    text = _SPACES.sub(" ", MARKER.sub(" ", raw)).strip()
    text = re.sub(r"\s+([.!?؟،,:;])", r"\1", text)
    return Claim(text, tuple(dict.fromkeys(cited)), raw.strip())


class SentenceCutter:
    """Collects streamed text and hands back each sentence once the next one has begun (or the text ended)."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, text: str) -> list[str]:
        """The sentences completed by this piece of text."""
        self._buffer += text
        done: list[str] = []
        while True:
            end = _END.search(self._buffer)
            rest = self._buffer[end.end() :].lstrip() if end else ""
            if end is None or not rest or (rest.startswith("[") and not MARKER.match(rest)):
                break  # the sentence may still get its markers
            sentence, self._buffer = self._buffer[: end.end()], self._buffer[end.end() :]
            if sentence.strip():
                done.append(sentence.strip())
        return done

    def flush(self) -> list[str]:
        """The rest of the text, as its sentences."""
        rest, self._buffer = self._buffer, ""
        sentences = [s.strip() for s in _END_SPLIT.split(rest) if s and s.strip()]
        return [s for s in _join_markers(sentences) if s]


_END_SPLIT = re.compile(r"(?<=[.!?؟…])\s+|\n+")


def _join_markers(pieces: list[str]) -> list[str]:
    """Pieces that are only markers joined to the sentence before them."""
    joined: list[str] = []
    for piece in pieces:
        if joined and not MARKER.sub("", piece).strip():
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


def split_reply(text: str) -> list[str]:
    """All sentences of a finished reply."""
    cutter = SentenceCutter()
    return cutter.feed(text) + cutter.flush()
