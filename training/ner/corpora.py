"""PEYMA and ParsTwiNER read as sentences of (word, tag), tags mapped to the PER/ORG/LOC BIO set."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from index.entities.tags import TYPES

CORPORA = ("peyma", "parstwiner")
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence: its words and their BIO tags (PER/ORG/LOC; other types are O)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        """The words joined with single spaces (the text the encoder reads)."""
        return " ".join(self.words)

    def word_spans(self) -> list[tuple[int, int]]:
        """Each word's character span in `text`."""
        spans, at = [], 0
        for word in self.words:
            spans.append((at, at + len(word)))
            at += len(word) + 1
        return spans


def _tag(raw: str, where: str) -> str:
    """A file's tag («B_PER», «I-LOC», «O») as B-/I- of a kept type, else O."""
    raw = raw.strip().replace("_", "-")
    if raw == "O":
        return "O"
    prefix, _, kind = raw.partition("-")
    if prefix not in ("B", "I") or not kind:
        raise ValueError(f"{where}: tag {raw!r} is not O, B-TYPE or I-TYPE")
    return f"{prefix}-{kind}" if kind in TYPES else "O"


def read_split(data: Path, corpus: str, split: str) -> list[Sentence]:
    """The sentences of one split: PEYMA is `word|TAG` (split on the last `|`), ParsTwiNER `word<TAB>TAG`."""
    path = data / corpus / f"{split}.txt"
    separator = "|" if corpus == "peyma" else "\t"
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            if words:
                sentences.append(Sentence(tuple(words), tuple(tags)))
            words, tags = [], []
            continue
        word, found, raw = line.rpartition(separator)
        if not found:
            raise ValueError(f"{path}:{number}: no {separator!r} between word and tag")
        word = word.strip() or word
        words.append(word)
        tags.append(_tag(raw, f"{path}:{number}"))
    if words:
        sentences.append(Sentence(tuple(words), tuple(tags)))
    return sentences
