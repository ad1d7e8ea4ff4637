"""The entity tag set the Persian NER predicts: BIO over person, organisation and location."""

from __future__ import annotations

TYPES: tuple[str, ...] = ("PER", "ORG", "LOC")
TAGS: tuple[str, ...] = ("O", *(f"{prefix}-{kind}" for kind in TYPES for prefix in ("B", "I")))
TAG_INDEX: dict[str, int] = {tag: index for index, tag in enumerate(TAGS)}


def allowed_transitions() -> list[list[bool]]:
    """allowed[a][b]: tag b may follow tag a (an I-X only after B-X or I-X)."""
    return [[not (b.startswith("I-") and a[2:] != b[2:]) for b in TAGS] for a in TAGS]


def may_start(tag: str) -> bool:
    """Whether a sequence may open with the tag (not with an I-)."""
    return not tag.startswith("I-")


def chunks(tags: list[str]) -> list[tuple[str, int, int]]:
    """The (type, start, end) entities of a BIO sequence, conlleval-style (an I- after O or another type opens one)."""
    found: list[tuple[str, int, int]] = []
    kind, start = "", -1
    for index, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind
        if kind and not inside:
            found.append((kind, start, index))
            kind = ""
        if tag != "O" and not inside:
            kind, start = tag[2:], index
    return found
