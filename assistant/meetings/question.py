"""Who-met-whom questions: recognizing them (Persian and English) and what they ask about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.meetings.fold import fold, words
from index.meetings.model import Status
from index.text.tokens import ARABIC_SCRIPT

_MEETING_FA = re.compile(
    r"دیدار|ملاقات|گفت\s?و\s?گو|گفتگو|مذاکره|رایزنی|استوارنامه|میزبان|ملاقات|دیدن|نشست\s+داشت|به\s+دیدار"
)
_ASKING_FA = re.compile(r"(?<!\S)(?:چه|چی|کی|کیا|کدام|کدوم|کیست|کسی|کسانی|کجا|چند|چطور|ایا)(?!\w)|[؟?]")
_MEETING_EN = re.compile(
    r"\b(?:meet|meets|met|meeting|meetings|talks|talked|hosted|host|credentials|sat\s+down|visit(?:ed)?|discuss)\b",
    re.IGNORECASE,
)
_ASKING_EN = re.compile(r"\b(?:who|whom|which|what|when|where|with\s+whom)\b|\?", re.IGNORECASE)
_PLANNED = re.compile(
    r"قرار|قراره|می\s?رود|میره|خواهد|خواهند|\b(?:will|due|scheduled|going\s+to|plans?|set\s+to|is\s+to|expected)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"شایعه|تکذیب|(?<!\S)رد\s+کرد|مخالفت|\b(?:denied|deny|denies|rumou?rs?|rejected|opposed)\b", re.I)
ASKING_WORDS = frozenset(
    (
        "چه چی کی کیا کدام کدوم کیست کسی کسانی کجا چند چطور ایا را با در از به که و یا این ان است بود شد کرد کردند "
        "کند کنند کرده داشت داشتند می نمی دیدار ملاقات گفتگو گفت گو مذاکره رایزنی دیدارش ملاقاتش قرار قراره است "
        "شایعه تکذیب رد سفر برای خود هم نیز ها های مقام کسانی "
        "who whom whose which what when where why how did does do is are was were the a an of to in on with and or "
        "for about meet met meeting talks hold held his her their during due whom's"
    ).split()
)
"""Words of a who-met-whom question that do not say who it is about."""


@dataclass(frozen=True)
class MeetingQuestion:
    """A recognized who-met-whom question: its content words, language, and the status it asks about."""

    text: str
    terms: tuple[str, ...]
    persian: bool
    status: Status | None


def meeting_question(question: str) -> MeetingQuestion | None:
    """The question as a who-met-whom question, or None when it asks something else."""
    folded = fold(question)
    persian = bool(ARABIC_SCRIPT.search(folded))
    meeting, asking = (_MEETING_FA, _ASKING_FA) if persian else (_MEETING_EN, _ASKING_EN)
    if not meeting.search(folded) or not asking.search(folded):
        return None
    status: Status | None = "denied" if _DENIED.search(folded) else "planned" if _PLANNED.search(folded) else None
    terms = tuple(dict.fromkeys(w for w in words(question) if w not in ASKING_WORDS and len(w) > 1))
    return MeetingQuestion(question, terms, persian, status)
