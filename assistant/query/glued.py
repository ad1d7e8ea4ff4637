"""Repairs to a question's words before search: Persian words typed without the space between them."""

from __future__ import annotations

import re

from index.store.lexical import LexicalIndex
from index.text.tokens import PERSIAN_LETTER, terms

_PERSIAN_WORD = re.compile(f"{PERSIAN_LETTER}{{5,}}")
_MIN_PART = 3
# Short words typed glued to the next one (ازکدام, دریکی, وغربی), and «است» shortened onto the word before (معناست).
_GLUED_BEFORE = ("و", "از", "در", "به", "با", "بر", "که")
_GLUED_AFTER = {"ست": "است"}


def _known(part: str, frequencies: dict[str, int]) -> int:
    """How many chunks hold the rarest term of a part (0 when any term is unknown or it has none)."""
    return min((frequencies.get(term, 0) for term in terms(part)), default=0)


def _splits(word: str) -> list[tuple[str, str]]:
    """The ways a glued word may part: two words of three letters or more, a short word before, «است» after."""
    splits = [(word[:i], word[i:]) for i in range(_MIN_PART, len(word) - _MIN_PART + 1)]
    splits += [
        (short, word[len(short) :])
        for short in _GLUED_BEFORE
        if word.startswith(short) and len(word) - len(short) > _MIN_PART
    ]
    splits += [(word[: -len(tail)], full) for tail, full in _GLUED_AFTER.items() if word.endswith(tail)]
    return splits


def _support(left: str, right: str, frequencies: dict[str, int]) -> int:
    """How well the index knows the parts of a split that carry meaning (function words have no terms: known)."""
    return min((_known(part, frequencies) for part in (left, right) if terms(part)), default=1)


def unglue(normalized_question: str, lexical: LexicalIndex) -> str:
    """The question with each word the index does not know split into two that it does (شهرمرودشت → شهر مرودشت)."""
    glued = list(dict.fromkeys(_PERSIAN_WORD.findall(normalized_question)))
    candidates = {word: _splits(word) for word in glued}
    parts = {part for splits in candidates.values() for split in splits for part in split}
    frequencies = lexical.frequencies(sorted({t for w in [*glued, *parts] for t in terms(w)}))
    repaired = normalized_question
    for word, splits in candidates.items():
        if not terms(word) or _known(word, frequencies):
            continue
        support, left, right = max(((_support(a, b, frequencies), a, b) for a, b in splits), default=(0, "", ""))
        if support > 0:
            whole_word = rf"(?<!{PERSIAN_LETTER}){re.escape(word)}(?!{PERSIAN_LETTER})"
            repaired = re.sub(whole_word, f"{left} {right}", repaired)
    return repaired
