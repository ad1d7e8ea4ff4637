"""A meeting's status from the words around its cue: denied («شایعه», «تکذیب»), planned («قرار است»), or happened."""

from __future__ import annotations

import re

from index.meetings.model import Status

_DENIED_BEFORE = re.compile(r"(?:شایعه|شایعات|ادعای|تکذیب)\S*\s+(?:\S+\s+){0,3}$")
_DENIED_AFTER = re.compile(
    r"(?:تکذیب|رد\s+کرد|رد\s+شد|صحت\s+ندارد|کذب|نادرست|نه\s+چنین|اتفاقی\s+نیفتاده|مخالفت|پاسخ\s+منفی)"
)
_PLANNED = re.compile(
    r"قرار\s+است|قراره|قرار\s+بود|خواهد|خواهند|می\s?رود|می\s?روند|عازم|قصد\s+دار|در\s+نظر|قریب\s?الوقوع"
    r"|مقرر\s+(?:است|شد|شده)|احتمالا"
    r"|پیش\s?بینی|برنامه\s+ریزی|فردا|(?<!\S)(?:برای|جهت|به\s+منظور|به\s+قصد)\s+(?:دیدار|ملاقات|مذاکره)"
    r"|(?:دیدار|ملاقات|مذاکره|رایزنی|گفت\s?و\s?گو|گفتگو)\s+(?:\S+\s+){0,16}?می\s?(?:کند|کنند|نماید|پردازد|پردازند)(?!\w)"
    r"|خواستار\s+دیدار"
    r"|(?:دیدار|ملاقات|مذاکره|رایزنی|گفت\s?و\s?گو|گفتگو)(?:\s+و\s+\S+)?\s+"
    r"(?:کند|کنند|نماید|نمایند|بپردازد|بپردازند|داشته\s+باشد|داشته\s+باشند)(?!\w)"
)
_SPEECH = re.compile(
    r"(?<!\S)(?:گفت|وگفت|افزود|اظهار|تاکید|تأکید|اعلام|خاطرنشان|تصریح|یادآور|عنوان|بیان|ابراز|اشاره)(?!\w)|[:«]"
)


def status_at(folded: str, cue: int, cue_end: int, negated: bool) -> Status:
    """Denied, planned or happened, read around the cue up to the reported speech that follows it."""
    speech = _SPEECH.search(folded, cue_end)
    clause_end = min(speech.start() if speech else len(folded), cue_end + 120)
    window = folded[max(0, cue - 60) : clause_end]
    if negated or _DENIED_BEFORE.search(folded[max(0, cue - 40) : cue]) or _DENIED_AFTER.search(folded[cue:clause_end]):
        return "denied"
    return "planned" if _PLANNED.search(window) else "happened"
