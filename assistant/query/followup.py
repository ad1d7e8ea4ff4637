"""Follow-up questions: one that refers back («او», «این گروه», "he", "these packages") is searched with the
questions before it.

A follow-up names what it is about only through the conversation, so its words alone find the wrong news. Instead of
rewriting it (a pronoun replaced by a guess at the previous question's entity can turn «he» into "Sacred Defence
Week"), retrieval reads the earlier questions with it, and the answerers read the question as asked. Whether a
question refers back is decided by the closed classes of Persian and English that do so: personal pronouns and
demonstratives (a grammatical list, not one fitted to eval questions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.text.normalize import fold_letters

REFERRING_WORDS = frozenset(
    "او وی ایشان آنها آنان اینها اینان آن این همین همان آنجا اینجا همانجا آنجاست "
    "he she him her his hers they them their it its this that these those there".split()
)
"""Pronouns and demonstratives: a question holding one refers back to something named earlier."""

HISTORY_READ = 2  # earlier questions read: the one before and, as it may be a follow-up too, its own (hand-set)
_WORD = re.compile(r"[^\W\d_]+(?:\u200c[^\W\d_]+)*")


@dataclass(frozen=True)
class FollowUp:
    """A question and the earlier questions it refers back to (none when it stands alone)."""

    question: str
    context: tuple[str, ...] = ()

    @property
    def search_text(self) -> str:
        """What retrieval searches: the earlier questions it refers back to, then the question."""
        return " ".join((*self.context, self.question))


def refers_back(question: str) -> bool:
    """Whether the question holds a pronoun or demonstrative (a half-spaced «آن‌ها» counts as «آن»)."""
    for word in _WORD.findall(fold_letters(question).lower()):
        if word in REFERRING_WORDS or word.split("\u200c")[0] in REFERRING_WORDS:
            return True
    return False


def follow_up(question: str, history: Sequence[str]) -> FollowUp:
    """The question with the latest earlier questions as its context when it refers back to them."""
    earlier = tuple(q for q in history if q and q.strip())
    if not earlier or not refers_back(question):
        return FollowUp(question)
    return FollowUp(question, earlier[-HISTORY_READ:])
