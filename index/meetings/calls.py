"""Phone and video calls on a folded Persian sentence: «X در گفت‌وگوی تلفنی با Y», «X با Y تماس تلفنی داشت»."""

from __future__ import annotations

import re
from dataclasses import replace

from index.meetings.found import Found
from index.meetings.phrases import Span, phrase_after, tokens, trim_time
from index.meetings.status import status_at
from index.meetings.subject import subject_before

CALL = re.compile(
    r"(?<!\S)(?:تماس|گفت\s?و\s?گو|گفتگو|گفت\s?گو|مکالمه|مذاکره|مذاکرات|رایزنی)(?:ی|های)?\s+"
    r"(?:تلفنی|ویدئویی|ویدیویی|تصویری)(?!\w)|(?<!\S)ویدئو\s?کنفرانس(?!\w)"
)
"""A call named as such; its span is where no meeting pattern may start."""
_LEAD = re.compile(r"(?:(?:در|طی|ضمن|پس\s+از|بعد\s+از|در\s+پی|هنگام)\s+)$")
_WITH = re.compile(r"(?<!\S)با\s+")
_AFTER_WORDS = 8
_BEFORE_CHARS = 120


def calls(folded: str) -> list[Found]:
    """Every call of the sentence with its two sides, as found patterns of kind «call»."""
    found = []
    for match in CALL.finditer(folded):
        after = tokens(folded, match.end(), min(len(folded), match.end() + 120))[:_AFTER_WORDS]
        with_at = next((i for i, (t, _) in enumerate(after) if t == "با"), None)
        who: Span | None
        if with_at is not None:
            whom, place = phrase_after(folded, after[with_at][1][1] + 1)
            named = after[:with_at]
            if named:
                who = trim_time(folded, (named[0][1][0], named[-1][1][1]))
            else:
                lead = _LEAD.search(folded, 0, match.start())
                who, place_before = subject_before(folded, lead.start() if lead else match.start())
                place = place or place_before
        else:
            opened = [m for m in _WITH.finditer(folded, max(0, match.start() - _BEFORE_CHARS), match.start())]
            if not opened:
                continue
            whom, place = phrase_after(folded, opened[-1].end())
            whom = whom and trim_time(folded, (whom[0], min(whom[1], match.start())))
            who, place_before = subject_before(folded, opened[-1].start())
            place = place or place_before
        if whom is not None:
            status = status_at(folded, match.start(), match.end(), False)
            found.append(replace(Found(who, whom, status, match.start(), place), kind="call"))
    return found
