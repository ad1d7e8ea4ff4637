"""Who-said-what questions: recognizing them (Persian and English), their content words, and a pronoun subject."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.meetings.question import ASKING_WORDS
from index.meetings.fold import fold, words
from index.text.tokens import ARABIC_SCRIPT

_SAYING_FA = re.compile(
    r"(?<!\S)(?:گفت|گفته|می\s?گوید|اظهار|تاکید|تصریح|اشاره|هشدار|انتقاد|توصیف|نامید|ادعا|ادعای|عنوان|امیدوار|"
    r"خواستار|مطرح|بیان|پیشنهاد|توضیح|معتقد|دانست|خواند|وعده|سخن|سخنان|اظهارات)"
)
"""Words by which a Persian question asks what someone said («چه گفت», «به گفته», «چه هشداری داد»)."""
_SAYING_EN = re.compile(
    r"\b(?:say|says|said|saying|tell|told|according\s+to|warn\w*|describ\w*|claim\w*|call\w*|stat\w*|argu\w*|"
    r"hope\w*|propos\w*|point\w*|mention\w*|criticis\w*|criticiz\w*|explain\w*|remark\w*|comment\w*)\b",
    re.IGNORECASE,
)
_WHO_FA = re.compile(r"(?<!\S)(?:چه\s+کسی|چه\s+کسانی|کیست|کدام)(?!\S)")
_WHO_EN = re.compile(r"\b(?:who|whom|which)\b", re.IGNORECASE)
"""Questions that ask who said something: the answer is a person, not their words."""
PERSONAL_PRONOUNS = frozenset("او وی ایشان he she him her his hers".split())
"""Pronouns that make a question about the person an earlier question named."""
SAYING_WORDS = frozenset(
    (
        "گفت گفته گوید میگوید اظهار تاکید تصریح اشاره هشدار هشداری انتقاد انتقادی توصیف نامید ادعا ادعای عنوان "
        "امیدوار خواستار مطرح بیان پیشنهاد توضیح اعلام معتقد دانست خواند وعده سخن سخنان اظهارات داد داشت کرد "
        "درباره مورد چگونه چیزی چیست مشکلی راهی کاری دیگری چیزهایی "
        "say says said tell told according warn warned warning describe described claim claimed call called "
        "state stated argue argued hope hoped propose proposed point pointed mention mentioned criticise criticised "
        "explain explained remark remarked comment commented"
    ).split()
)
"""Words of a who-said-what question that neither name the speaker nor say what about."""


@dataclass(frozen=True)
class QuotedQuestion:
    """A recognized who-said-what question: its content words, language, and whether a pronoun is its subject."""

    text: str
    terms: tuple[str, ...]
    persian: bool
    pronoun: bool


def content_terms(question: str) -> tuple[str, ...]:
    """The words of a question that name a person or a topic (asking, saying words and pronouns left out)."""
    kept = (w for w in words(question) if w not in ASKING_WORDS and w not in SAYING_WORDS and len(w) > 1)
    return tuple(w for w in dict.fromkeys(kept) if w not in PERSONAL_PRONOUNS)


def quoted_question(question: str) -> QuotedQuestion | None:
    """The question as a who-said-what question, or None when it does not ask what someone said (or asks who)."""
    folded = fold(question)
    persian = bool(ARABIC_SCRIPT.search(folded))
    if not (_SAYING_FA if persian else _SAYING_EN).search(folded) or (_WHO_FA if persian else _WHO_EN).search(folded):
        return None
    pronoun = any(w in PERSONAL_PRONOUNS for w in words(question))
    return QuotedQuestion(question, content_terms(question), persian, pronoun)
