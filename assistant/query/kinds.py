"""What kind of answer a question asks for (a number, a time, a person, a place, ...), from its question words."""

from __future__ import annotations

from itertools import pairwise

from index.text.tokens import words

# Question words grouped by the kind of answer they ask for (a lexicon, not a rule: the model learns what each
# kind is worth beside each sentence cue). Two-word entries are matched on adjacent words.
QUESTION_KINDS: dict[str, frozenset[str]] = {
    "number": frozenset("چند چندم چندمین چقدر many much".split()),
    "time": frozenset(["کی", "when", "چه زمانی", "چه سالی", "چه تاریخی", "چه ماهی", "چه روزی", "what year"]),
    "person": frozenset(["کیست", "کسی", "کسانی", "who", "whom", "whose", "چه کسی"]),
    "place": frozenset(["کجا", "کجاست", "کجای", "where", "کدام شهر", "کدام کشور", "کدام استان", "چه شهری"]),
    "which": frozenset("کدام کدامیک چه چیست چی what which".split()),
    "reason": frozenset("چرا چگونه چطور why how".split()),
    "yes_no": frozenset(["آیا"]),
}


def question_kinds(normalized_question: str) -> frozenset[str]:
    """The kinds of answer a question asks for, from its question words (none for a bare statement)."""
    tokens = words(normalized_question)
    grams = set(tokens) | {f"{a} {b}" for a, b in pairwise(tokens)}
    return frozenset(kind for kind, cues in QUESTION_KINDS.items() if grams & cues)
