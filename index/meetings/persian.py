"""Persian meeting patterns on a folded sentence: «X با Y دیدار کرد», «X در دیدار با Y», «دیدار X با Y», hosts."""

from __future__ import annotations

import re
from dataclasses import replace

from index.meetings.calls import CALL, calls
from index.meetings.found import Found
from index.meetings.lexicon import (
    MATCH_WORDS,
    PEOPLE_WORDS,
    PRESS_WORDS,
    SPORTS_WORDS,
    TIME_WORDS,
    TRANSFER_WORDS,
)
from index.meetings.participants import is_state
from index.meetings.phrases import (
    MANNER,
    QUANTITY,
    STOPS,
    Span,
    phrase_after,
    tokens,
    trim_time,
    valid_side,
)
from index.meetings.status import status_at
from index.meetings.subject import parties_before, subject_before
from index.meetings.when import JALALI_MONTHS

MEET = r"(?:دیدار|ملاقات)"
TALK = r"(?:مذاکره|مذاکرات|رایزنی|گفتگو|گفت\s?و\s?گو|گفت\s?گو)"
_VERB = (
    r"(?P<neg>ن)?(?:می\s?)?(?:کرد|کند|کنند|کردند|کنیم|کردیم|کنم|کردم|نماید|نمود|نمودند|داشت|داشتند|دارد|دارند|داشتم|داشتیم"
    r"|داشته|کرده|پرداخت|پرداختند|پردازد|پردازند|بپردازند|بپردازد)(?!\w)|خواه(?:د|ند)\s+(?:کرد|داشت)(?!\w)"
    r"|(?:نشست|نشستند|می\s?نشیند|می\s?نشینند|بنشیند|بنشینند)(?!\w)"
    r"|انجام\s+(?:داد|دادند|دادیم|شد|می\s?شود)(?!\w)|و\s+(?=پس|سپس|بعد|در|از|با)"
)
_WITH_CUE = re.compile(
    rf"(?<!\S)(?P<cue>{MEET}(?:ی|هایی)?|{TALK}(?:ی|اتی|هایی)?|نشست(?:ی)?)(?:\s+و\s+(?:{TALK}|{MEET}|تبادل\s?نظر))?"
    rf"\s+(?:{_VERB})"
)
_HAD_RELATIVE = re.compile(rf"(?<!\S)(?P<cue>{MEET}|{TALK})(?:ی|هایی|های|اتی)\s+که\s+")
_HAD_VERB = re.compile(r"\s+(?:داشت|داشتند|داشته|کرد|کردند|انجام\s+داد|انجام\s+دادند)(?!\w)")
_RECIPROCAL_CUE = re.compile(rf"(?<!\S)با\s+(?:هم|یکدیگر|همدیگر)\s+(?:به\s+)?(?P<cue>{MEET}|{TALK})(?!\w)")
_VISIT = re.compile(r"(?<!\S)به\s+(?P<cue>دیدار|ملاقات)\s+")
_VISIT_VERB = re.compile(r"\s+(?:رفت|رفتند|می\s?رود|می\s?روند|خواهد\s+رفت|خواهند\s+رفت|امد|امدند|شتافت|شتافتند)(?!\w)")
_IN_MEETING = re.compile(
    r"(?<!\S)(?P<lead>در|طی|ضمن|پس\s+از|بعد\s+از|هنگام|به\s+هنگام|برای|جهت|به\s+منظور|به\s+قصد|اشاره\s+به|و)\s+"
    rf"(?:(?:جریان|طول|حاشیه|ابتدای|پایان|خلال)\s+)?(?P<cue>{MEET}|مذاکره|مذاکرات|رایزنی)(?P<suffix>ش|ی|های|ها|شان|اتش)?"
    rf"(?:\s+و\s+(?:{TALK}))?(?=\s)"
)
_ALSO_VISIT = re.compile(r"(?:طی|در|پس\s+از)\s+(?:\S+\s+){0,2}?(?:دیدار|سفر|بازدید)")
_SAYINGS = re.compile(r"(?:سخنان|بیانات|فرمایشات|فرمایش|گفته\s?های)\s+(?P<who>[^،:]+?)\s*$")
_HAD_MEETING = re.compile(rf"(?<!\S)(?P<cue>{MEET})(?:ی|هایی)\s+با\s+")
_NOUN = re.compile(
    r"(?<!\S)(?P<cue>دیدار|ملاقات|مذاکره|مذاکرات|رایزنی)\s+"
    r"(?!(?:با|و|از|در|به|این|ان|خود|های|ها|ی|هایی|کننده|کنندگان)(?!\w))"
)
_HELD = re.compile(r"(?<!\S)(?P<cue>جلسه|جلسات|نشست|نشستهای)(?:ای|ی|\s+ای)?\s+(?:(?!با(?!\w))\S+\s+){0,3}?با\s+")
"""«X جلسه (بعدی خود را) با Y برگزار کرد»: a session held with another side, when «برگزار» follows Y."""
_HELD_VERB = re.compile(r"\s*،?\s*برگزار\s+(?:می\s*)?(?:کرد|کردند|کند|کنند|نمود|نمودند|نماید|خواه(?:د|ند)\s+کرد)(?!\w)")
_GROUP_PRONOUNS = frozenset("انها انان ایشان".split())
"""Pronouns of a group as the other side («در جمع کارگران حاضر شد و با آنها به گفت‌وگو نشست»)."""
_GROUP_ENDINGS = ("یان", "گان")
_NOT_GROUPS = frozenset("میان پایان جریان بیان شایان نمایان اطرافیان".split())
_HOST = re.compile(r"(?<!\S)میزبان\s+")
_HOST_END = re.compile(r"\s+(?:بود|بودند|است|هستند|خواهد\s+بود|شد|شدند)(?!\w)")
_CREDENTIALS = re.compile(r"(?<!\S)(?:دریافت|تقدیم)\s+استوارنامه\s+")
_WITH = re.compile(r"(?<!\S)با\s+")
_NOT_WITH = ("مبارزه", "مقابله", "همراه", "مرتبط", "رابطه", "ارتباط", "توجه", "اشاره", "تاکید", "بیان", "استفاده")
_RECIPROCAL = re.compile(r"^(?:یکدیگر|همدیگر|هم)$")
_NOT_MEETINGS = re.compile(
    r"دیداری\s+و\s+شنیداری|سمعی\s+و\s+بصری|خواب|زیارت"
    r"|(?:دیدار|ملاقات)\s+از\s+(?!خانواده)"
)
_NOT_WHOM = frozenset(
    "این ان همین یاد مذکور اخیر مختلف متعدد گوناگون خصوصی رسمی دوجانبه سه چهار نهایی پایانی رفت برگشت "
    "فینال رده نخست اول دوم سوم خود".split()
)
_ADJECTIVES = frozenset("قریب الوقوع احتمالی اخیر مشترک رسمی خصوصی دوجانبه دیروز امروز".split())
_PRONOUN_WHOM = frozenset("وی او ایشان".split())


def _sports(folded: str, cue: int) -> bool:
    """A match report, not a meeting: sports words near «دیدار»; match words near talks."""
    words = {t for t, _ in tokens(folded)}
    vocabulary = SPORTS_WORDS if folded.startswith(("دیدار", "ملاقات", "میزبان"), cue) else MATCH_WORDS
    return bool(words & vocabulary)


def _with_before(folded: str, cue: int) -> int | None:
    """The nearest «با» before the cue that opens its object (not «مبارزه با»), within 200 characters."""
    candidates = list(_WITH.finditer(folded, max(0, cue - 200), cue))
    for match in reversed(candidates):
        before = [t for t, _ in tokens(folded, max(0, match.start() - 20), match.start())]
        if not before or before[-1] not in _NOT_WITH:
            return match.start()
    return None


def _verbal(folded: str) -> list[Found]:
    """«X با Y دیدار کرد», «X به دیدار Y رفت», «X دیداری با Y داشت»."""
    found = []
    for match in [*_WITH_CUE.finditer(folded), *_VISIT.finditer(folded)]:
        cue = match.start("cue")
        if match.re is _VISIT:
            end = _VISIT_VERB.search(folded, match.end())
            if not end or "،" in folded[match.end() : end.start()]:
                continue
            whom, place, who_end = (match.end(), end.start()), None, match.start()
        else:
            opened = _with_before(folded, cue)
            if opened is None or re.search(r"[:؛]", folded[opened:cue]):
                continue
            whom, place = phrase_after(folded, opened + 3, limit=20)
            if whom is None or whom[1] < cue - 90:
                continue
            whom, who_end = trim_time(folded, (whom[0], min(whom[1], cue))), opened
        if whom is None:
            continue
        who, before_place = subject_before(folded, who_end)
        status = status_at(folded, cue, match.end(), bool(match.groupdict().get("neg")))
        reciprocal = bool(_RECIPROCAL.match(folded[whom[0] : whom[1]]))
        if reciprocal:
            who = parties_before(folded, who_end)
            whom = who or whom
        found.append(Found(who, whom, status, cue, place or before_place, reciprocal))
    for match in _HAD_MEETING.finditer(folded):
        whom, place = phrase_after(folded, match.end())
        who, before_place = subject_before(folded, match.start())
        if whom is not None:
            status = status_at(folded, match.start(), match.end(), False)
            found.append(Found(who, whom, status, match.start(), place or before_place))
    for match in _HAD_RELATIVE.finditer(folded):
        verb = _HAD_VERB.search(folded, match.end(), match.end() + 200)
        with_at = _WITH.search(folded, match.end(), verb.start()) if verb else None
        if with_at is not None:
            who = trim_time(folded, (match.end(), with_at.start()))
            whom = trim_time(folded, (with_at.end(), verb.start()))
            status = status_at(folded, match.start(), verb.end(), False)
            if who and whom:
                found.append(Found(who, whom, status, match.start()))
    for match in _RECIPROCAL_CUE.finditer(folded):
        parties = parties_before(folded, match.start())
        if parties is not None:
            status = status_at(folded, match.start("cue"), match.end(), False)
            found.append(Found(parties, parties, status, match.start("cue"), None, True))
    return found


def _gap_word(token: str) -> bool:
    """A word allowed between «دیدار» and «با»: time adverbs, «خود», numbers, month names."""
    return token in TIME_WORDS or token in ("خود", "خویش", "ماه") or token.isdigit() or token in JALALI_MONTHS


def _in_meeting(folded: str) -> list[Found]:
    """«X در دیدار با Y گفت», «X در دیدار Y», «در دیدار X با Y», «X برای دیدار با Y سفر می‌کند»."""
    found = []
    for match in _IN_MEETING.finditer(folded):
        rest = tokens(folded, match.end(), min(len(folded), match.end() + 160))
        if not rest or rest[0][0] in _NOT_WHOM:
            continue
        if match.group("lead") == "و" and not _ALSO_VISIT.search(folded, max(0, match.start() - 80), match.start()):
            continue
        with_at = next((i for i, (t, _) in enumerate(rest[:8]) if t == "با"), None)
        gap = rest[:with_at] if with_at is not None else []
        who: Span | None = None
        if with_at is not None and all(_gap_word(t) for t, _ in gap):
            whom, place = phrase_after(folded, rest[with_at][1][1] + 1)
        elif with_at is not None and rest[with_at + 1 : with_at + 2] and rest[with_at + 1][0] in _PRONOUN_WHOM:
            named = [s for t, s in gap if not _gap_word(t)]
            whom, place = (named[0][0], named[-1][1]), None
        elif not match.group("suffix") and with_at != 0:
            whom, place = phrase_after(folded, rest[0][1][0])
            who, whom, place = _noun_form(folded, whom, place)
            if who is None and match.group("lead") != "در":
                continue
        else:
            continue
        if who is None:
            who, before_place = subject_before(folded, match.start())
            place = place or before_place
            speaker = _SAYINGS.search(folded, max(0, match.start() - 80), match.start())
            if speaker:
                who = trim_time(folded, speaker.span("who"))
        status = status_at(folded, match.start("cue"), match.end(), False)
        if whom is not None:
            found.append(Found(who, whom, status, match.start("cue"), place))
    return found


def _noun_form(folded: str, first: Span | None, place: Span | None) -> tuple[Span | None, Span | None, Span | None]:
    """«در دیدار X با Y»: when «با» follows the first phrase, X is the subject and Y the other side."""
    if first is None:
        return None, first, place
    following = tokens(folded, first[1], min(len(folded), first[1] + 60))
    skip = 0
    if following and following[0][0] == "در":
        skip = next((i for i, (t, _) in enumerate(following[:6]) if t == "با"), 0)
    if following[skip : skip + 2] and following[skip][0] == "با" and following[skip + 1][0] not in MANNER:
        whom, after = phrase_after(folded, following[skip][1][1] + 1)
        if whom is not None:
            return first, whom, after or place
    return None, first, place


def _noun(folded: str) -> list[Found]:
    """«دیدار X با Y» and «شایعه مذاکره X با Y»: the meeting named as a noun phrase."""
    found = []
    for match in _NOUN.finditer(folded):
        before = [t for t, _ in tokens(folded, max(0, match.start() - 12), match.start())]
        excluded = ("در", "طی", "ضمن", "برای", "جهت", "منظور", "قصد", "هنگام", "از", "این", "ان", "همین", "اشاره")
        if before and before[-1] in excluded:
            continue
        rest = tokens(folded, match.end(), min(len(folded), match.end() + 140))
        with_at = next((i for i, (t, _) in enumerate(rest[:12]) if t == "با"), None)
        if with_at is None or with_at == 0:
            continue
        between = [t for t, _ in rest[:with_at]]
        if any(t in STOPS and not (t == "از" and i and between[i - 1] in QUANTITY) for i, t in enumerate(between)):
            continue
        first = next((i for i, t in enumerate(between) if t not in TIME_WORDS and t not in _ADJECTIVES), None)
        if first is None:
            continue
        who = trim_time(folded, (rest[first][1][0], rest[with_at - 1][1][1]))
        whom, place = phrase_after(folded, rest[with_at][1][1] + 1)
        if whom is not None and who is not None:
            status = status_at(folded, match.start(), match.end(), False)
            found.append(Found(who, whom, status, match.start(), place))
    return found


def _hosted(folded: str) -> list[Found]:
    """«X میزبان Y بود» with Y a group of people, and «دریافت استوارنامه Y»."""
    found = []
    for pattern in (_HOST, _CREDENTIALS):
        for match in pattern.finditer(folded):
            whom, place = phrase_after(folded, match.end(), limit=8)
            if whom is None:
                continue
            if pattern is _HOST and not (
                _HOST_END.match(folded, whom[1]) and {t for t, _ in tokens(folded, *whom)} & PEOPLE_WORDS
            ):
                continue
            who, before_place = subject_before(folded, match.start())
            found.append(Found(who, whom, "happened", match.start(), place or before_place))
    return found


def _held(folded: str) -> list[Found]:
    """«X جلسه ... با Y برگزار می‌کند»: a session held with another side."""
    found = []
    for match in _HELD.finditer(folded):
        whom, place = phrase_after(folded, match.end(), limit=12)
        if whom is None or not _HELD_VERB.match(folded, whom[1]):
            continue
        who, before_place = subject_before(folded, match.start())
        status = status_at(folded, match.start(), match.end(), False)
        found.append(Found(who, whom, status, match.start(), place or before_place))
    return found


def _group_before(folded: str, at: int) -> Span | None:
    """The people a group pronoun at `at` refers back to: the nearest group phrase before it in the sentence
    («کارگران معدن چادرملو», «مددجویان»)."""
    for token, span in reversed(tokens(folded, max(0, at - 200), at)):
        group = token in PEOPLE_WORDS or (token.endswith(_GROUP_ENDINGS) and len(token) > 4)
        if group and token not in _NOT_GROUPS:
            whom, _ = phrase_after(folded, span[0], limit=8)
            return whom if whom is not None and whom[1] <= at else None
    return None


def _resolve_group(folded: str, found: Found) -> Found | None:
    """The pattern with a group pronoun as its other side replaced by the group it refers to (None when no group
    comes before it); any other pattern as it is."""
    whom = [t for t, _ in tokens(folded, *found.whom)]
    if found.reciprocal or len(whom) != 1 or whom[0] not in _GROUP_PRONOUNS:
        return found
    group = _group_before(folded, found.whom[0])
    if group is None or (found.who is not None and group[0] < found.who[1]):
        return None
    return replace(found, whom=group)


_TRANSFER_REACH = 8
"""Words either side of the cue where a club, player or coach word makes talks a transfer (about a clause: «بعد از
مذاکره با پرسپولیس، به تیم رقیب می‌پیوندد»; a gym, «باشگاه بدنسازی», in a list far before the cue does not)."""


def _talks_of_sport(folded: str, found: Found) -> bool:
    """Talks («مذاکره», «رایزنی») about clubs, players or coaches (such a word in a side or near the cue): a
    transfer, not a meeting."""
    talk = not folded.startswith(("دیدار", "ملاقات", "میزبان", "دریافت", "تقدیم"), found.cue)
    if found.kind != "meeting" or not talk:
        return False
    every = tokens(folded)
    at = next((i for i, (_, span) in enumerate(every) if span[1] > found.cue), len(every))
    near = {t for t, _ in every[max(0, at - _TRANSFER_REACH) : at + _TRANSFER_REACH + 1]}
    sides = {t for span in (found.who, found.whom) if span for t, _ in tokens(folded, *span)}
    return bool((near | sides) & TRANSFER_WORDS)


def _acceptable(folded: str, found: Found) -> bool:
    """A found pattern that names two parties, neither a match, an interview partner, a pronoun or only a state."""
    whom_words = {t for t, _ in tokens(folded, *found.whom)}
    if _sports(folded, found.cue) or (not found.reciprocal and (whom_words & _PRONOUN_WHOM)):
        return False
    if folded.startswith(("گفت", "گفتگو", "نشست"), found.cue) and whom_words & PRESS_WORDS:
        return False
    teams = found.kind == "transfer"
    if not found.reciprocal and not valid_side(folded, found.whom, teams):
        return False
    if found.who is not None and not valid_side(folded, found.who, teams):
        return False
    return not any(is_state(folded[a:b]) for a, b in [found.whom, *([found.who] if found.who else [])])


def find_persian(folded: str) -> list[Found]:
    """Every meeting pattern of a folded Persian sentence, each of its kind (calls, sports transfers), traps
    (matches, «دیداری», visits of places) left out."""
    if folded.rstrip().endswith(("؟", "?")) or _NOT_MEETINGS.search(folded):
        return []
    called = [match.span() for match in CALL.finditer(folded)]
    every = [
        found
        for found in (*_verbal(folded), *_in_meeting(folded), *_noun(folded), *_hosted(folded), *_held(folded))
        if not any(a <= found.cue < b for a, b in called)
    ]
    every = [resolved for found in every if (resolved := _resolve_group(folded, found)) is not None]
    kinded = [replace(f, kind="transfer") if _talks_of_sport(folded, f) else f for f in [*every, *calls(folded)]]
    return [found for found in kinded if _acceptable(folded, found)]
