"""A question that asks two things at once («… کدام روزنامه … و کدام سرمربی …», "which paper … and who …") cut into
the questions it asks, so that each is answered from its own article."""

from __future__ import annotations

import re

from assistant.query.followup import refers_back
from assistant.query.kinds import question_kinds
from assistant.query.terms import QUESTION_WORDS
from index.text.tokens import terms, words

_CONJUNCTION = re.compile(r"(?:^|[\s،,])(?:و|and)\s+", re.IGNORECASE)


def _asks(text: str) -> bool:
    """The text holds a question word (not a yes-no «آیا») and something it asks about."""
    content = [t for t in terms(" ".join(w for w in words(text) if w not in QUESTION_WORDS)) if t not in QUESTION_WORDS]
    return bool(question_kinds(text) - {"yes_no"}) and bool(content)


def clauses(normalized_question: str) -> list[str]:
    """The questions a question asks: cut at «و» / "and" where the words on both sides are a question (a question
    word and something asked about); a question asking one thing is its own only clause."""
    for match in _CONJUNCTION.finditer(normalized_question):
        left, right = normalized_question[: match.start()].strip(" ،,"), normalized_question[match.end() :].strip()
        if _asks(left) and _asks(right):
            return [left, *clauses(right)]
    return [normalized_question]


def readings(normalized_question: str) -> list[str]:
    """Each question a question asks, as it is searched and read on its own: a part that refers back («این شکست»)
    together with the parts before it. Empty for a question asking one thing."""
    asked = clauses(normalized_question)
    if len(asked) == 1:
        return []
    return [" ".join([*asked[:n], part]) if n and refers_back(part) else part for n, part in enumerate(asked)]
