"""Token-level helpers for the Persian rules: where a side's phrase starts and ends in a folded sentence."""

from __future__ import annotations

import re
from itertools import pairwise

from index.meetings.lexicon import PEOPLE_WORDS, PLACES, TIME_WORDS

Span = tuple[int, int]
Token = tuple[str, Span]

_TOKEN = re.compile(r"[^\s«»\"“”()،,؛;:.!؟?]+")
_HARD_END = re.compile(r"[:؛;.!؟?]|\s[-–]\s|\n")
STOPS = frozenset(
    (
        "اظهار اظهارداشت اظهارکرد گفت گفته گفتند افزود افزودند تاکید تأکید ضمن با بر به از در که را خواستار عنوان بیان "
        "یادآور خاطرنشان تصریح اعلام ابراز درباره پیرامون برای جهت سخن صریحا مدعی وارد مورد طی هنگام پس پیش ادامه "
        "اشاره داد دادند کرد کردند شد شدند است بود بودند هستند نیز هم تا اما ولی ولیکن گزارش مطرح قرار انجام صورت "
        "توضیح بحث تبادل بررسی داشت داشتند کند کنند می نمود نمودند فرمودند دانست دانستند خواند خواندند راهی عازم "
        "سفر وجود رفت رفتند همه بخشی یا دیدار ملاقات همچنین سپس ضمنا البته"
    ).split()
)
"""Words that end a participant phrase read forwards («در دیدار با X اظهار داشت»)."""
QUANTITY = frozenset("جمعی جمع یکی تعدادی شماری برخی گروهی بسیاری عده هیئتی هیاتی تنی چند زیادی".split())
"""Words after which «از» continues a phrase («جمعی از بازاریان»)."""
VERBISH = frozenset(
    "است بود شد شده کرد کند کرده گفت گفته باید نباید خواهد خواهند داشت دارد نیست هست شود گردید افزود اظهار برد می "
    "یابد یافت".split()
)
_VERB_FORM = re.compile(r"^(?:داشت|کرد|شد|بود|گفت|نمود|خواست|رفت|امد|اورد|برد|داد|گرفت)(?:م|ی|یم|ید|ند|ه)?$")
MANNER = frozenset(
    "اشاره بیان تاکید تأکید تشریح قدردانی تقدیر ارائه یادآوری تجلیل ابراز اعلام اظهار توجه استفاده حضور "
    "درباره قریب".split()
)
"""Words that make «با ...» a manner («با اشاره به»), not a participant."""
TEAM_WORDS = frozenset("تیم تیمهای بازیکن بازیکنان حریف".split())
PRONOUNS = frozenset("وی او ایشان".split())
PERSONAL = frozenset("ما من شما انها آنها".split())
"""Pronouns that never name a party of a reported meeting."""
STATIONED = frozenset("سفیر سفرای سفیران نماینده نمایندگان کاردار رایزن سرکنسول امام".split())
"""Titles that keep «در PLACE» («سفیر ایران در کاراکاس», «نماینده ولی فقیه در استان»)."""
MONTHS = frozenset(
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر ابان اذر دی بهمن اسفند ژانویه فوریه مارس اوریل مه ژوین ژوییه اوت "
    "اگوست سپتامبر اکتبر نوامبر دسامبر".split()
)
PLACE_HEADS = frozenset("کاخ دفتر محل هتل سالن ساختمان مقر حاشیه".split())
"""Place words that take a complement («در کاخ مردکا», «در حاشیه نشست»), unlike a city or a country."""
OBJECT = "را"
LIGHT_VERBS = frozenset("کرد کند کنند کردند کرده نماید نمود نمایند نمودند شد شود شدند شوند داد دهد دادند دهند".split())
"""Verbs that take a noun before them («ارائه کند», «رفع کند»), a noun that a participant phrase must not keep."""
REFLEXIVE = frozenset(("خود", "خویش"))
MAX_SIDE_TOKENS = 14
MAX_PHRASE_TOKENS = 24


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The word tokens of text[start:end] with their spans in text."""
    return [(m.group(), (m.start(), m.end())) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def is_time(token: str, previous: str) -> bool:
    """A time word, except «جمعه» in «امام جمعه» and «نماز جمعه»."""
    return token in TIME_WORDS and previous not in ("امام", "نماز", "ائمه")


def stationed(found: list[Token], index: int) -> bool:
    """«در PLACE» right after a stationed title («سفیر آمریکا در سوریه»)."""
    return (
        any(t in STATIONED for t, _ in found[:index])
        and index + 1 < len(found)
        and found[index + 1][0] in PLACES | {"استان", "مجلس", "شهرستان"}
    )


def is_verb(token: str) -> bool:
    """A verb form («کرد», «داشتند», «می»)."""
    return token in VERBISH or bool(_VERB_FORM.match(token))


STEM_COMPOUNDS = frozenset(
    tuple(pair.split("+"))
    for pair in (
        "گفت+گو گفت+شنود رفت+امد امد+رفت رفت+برگشت داد+ستد جست+جو شست+شو زد+خورد کند+کاو خرید+فروش نشست+برخاست "
        "پخت+پز ساخت+ساز"
    ).split()
)
"""Nouns made of two verb stems joined by «و» («گفت‌وگو», «رفت‌وآمد»): their first stem is no verb."""


def joins_verb(found: list[Token], index: int) -> bool:
    """Whether «و» at `index` joins a clause to the verb before it, not the stems of a noun («گفت و گو»)."""
    if index == 0 or found[index][0] != "و" or not is_verb(found[index - 1][0]):
        return False
    following = found[index + 1][0] if index + 1 < len(found) else ""
    return (found[index - 1][0], following) not in STEM_COMPOUNDS


def place_span(rest: list[Token]) -> Span | None:
    """The place phrase after «در»: a place head and up to two more words («کاخ مردکا»), else the run of place
    names («دمشق», not «دمشق این مساله»), ending before a stop or time word."""
    taken = []
    head = bool(rest) and rest[0][0] in PLACE_HEADS
    for token, span in rest[:3]:
        if token in STOPS or token in TIME_WORDS or (not head and token not in PLACES):
            break
        taken.append(span)
    return (taken[0][0], taken[-1][1]) if taken else None


def enumeration_at(found: list[Token], index: int, reach: int = 2) -> bool:
    """Whether the words from `index` on continue an enumeration «A، B و C»: «و» within `reach` words, none of them
    a title that would start a new party."""
    ahead = [t for t, _ in found[index : index + reach + 1]]
    at = next((i for i, t in enumerate(ahead) if t == "و"), None)
    return at is not None and at > 0 and not any(t in PEOPLE_WORDS or t in STOPS or is_verb(t) for t in ahead[:at])


PLURAL_SUFFIXES = frozenset(("ها", "های", "هایی"))
"""Plural endings written after a half-space, which the fold makes a word of their own («تحریم ها»)."""


def _drop_bound_word(taken: list[Token]) -> None:
    """Drop the phrase's last word when it belongs to what follows it: the object of «را» or the noun of a light
    verb («با روحانی تحریم‌ها را», «با یونکر ... ارائه کند»), unless it is a title or the only word."""
    last = 2 if taken and taken[-1][0] in PLURAL_SUFFIXES else 1
    if len(taken) > last and taken[-last][0] not in PEOPLE_WORDS:
        del taken[-last:]


COMPLEMENTS = frozenset("زمینه حوزه امور".split())
"""Words after «در» that continue a role («فعال در زمینه ...», «مشاور در امور ...»), never a place, a time or a
topic («در مورد»)."""


def _continues_role(found: list[Token], index: int) -> bool:
    """Whether «در» at `index` belongs to the role before it: a stationed title («سفیر ایران در سوریه»), a
    complement («فعال در زمینه ...»), or a topic inside such a complement («... در زمینه آگاهی در مورد ...»)."""
    if stationed(found, index):
        return True
    if index + 1 >= len(found):
        return False
    following = found[index + 1][0]
    inside = any(t == "در" and n in COMPLEMENTS for (t, _), (n, _) in pairwise(found[:index]))
    return following in COMPLEMENTS or (following == "مورد" and inside)


def _inside_brackets(folded: str, start: int, at: int) -> bool:
    """Whether position `at` lies inside a parenthesis opened after `start` («مدرسه فقاهت (رشته ...)»)."""
    return folded.count("(", start, at) > folded.count(")", start, at)


NEARLY_ALL = ("قریب", "به", "اتفاق")
"""«قریب به اتفاق» (nearly all) before a participant: a quantity, not a manner like «قریب‌الوقوع»."""


def phrase_after(folded: str, start: int, limit: int = 12) -> tuple[Span | None, Span | None]:
    """The participant phrase that starts at `start`, read up to a stop word or punctuation; and a place after it.
    Words inside brackets do not count towards `limit`, so an aside does not cut the phrase."""
    hard = _HARD_END.search(folded, start)
    found = tokens(folded, start, hard.start() if hard else len(folded))
    while found and (is_time(found[0][0], "") or found[0][0].isdigit() or found[0][0] in MONTHS):
        found = found[1:]
    if [t for t, _ in found[:3]] == list(NEARLY_ALL):
        found = found[3:]
    if not found or found[0][0] in STOPS or found[0][0] in MANNER:
        return None, None
    taken: list[Token] = []
    place = None
    index = 0
    while index < len(found):
        token, span = found[index]
        previous = taken[-1][0] if taken else ""
        after_comma = bool(taken) and "،" in folded[taken[-1][1][1] : span[0]]
        in_title = (
            any(t in PEOPLE_WORDS for t, _ in taken)
            and all(t != "و" for t, _ in taken)
            and enumeration_at(found, index)
        )
        if after_comma and token not in PEOPLE_WORDS and token != "و" and not in_title:
            break
        if token == "از" and any(t in QUANTITY for t, _ in taken[-2:]):
            taken.append((token, span))
        elif token == "در" and taken and _continues_role([*taken, *found[index:]], len(taken)):
            taken.extend(found[index : index + 2])
            index += 1
        elif taken and (token in STOPS or is_time(token, previous)):
            if token == "در" and index + 1 < len(found) and found[index + 1][0] in PLACES:
                place = place_span(found[index + 1 :])
            if token in LIGHT_VERBS | {OBJECT}:
                _drop_bound_word(taken)
            break
        elif is_verb(token):
            if token in LIGHT_VERBS:
                _drop_bound_word(taken)
            break
        else:
            taken.append((token, span))
        counted = [t for t in taken if not _inside_brackets(folded, start, t[1][0])]
        if len(counted) >= limit or token in REFLEXIVE:
            break
        index += 1
    while taken and taken[-1][0] in ("و", "یا", "از", "خود", "خویش"):
        taken.pop()
    if not taken:
        return None, place
    return (taken[0][1][0], taken[-1][1][1]), place


def trim_time(folded: str, span: Span) -> Span | None:
    """A phrase span with its trailing time adverbs removed («وزیر خارجه ایران فردا» → «وزیر خارجه ایران»)."""
    found = tokens(folded, *span)
    while found and is_time(found[-1][0], found[-2][0] if len(found) > 1 else ""):
        found.pop()
    return (found[0][1][0], found[-1][1][1]) if found else None


def valid_side(folded: str, span: Span | None, teams: bool = False) -> bool:
    """A plausible participant phrase: 1-24 words, no verb, no pronoun, no sports team (unless `teams`)."""
    if span is None:
        return False
    found = [t for t, _ in tokens(folded, *span)]
    if not found or found[0].isdigit():
        return False
    unfit = PERSONAL if teams else PERSONAL | TEAM_WORDS
    return len(found) <= MAX_PHRASE_TOKENS and not any(is_verb(t) or t in unfit for t in found)


def is_pronoun(folded: str, span: Span) -> bool:
    """Whether the phrase is a pronoun («وی», «او») to resolve from the article."""
    found = [t for t, _ in tokens(folded, *span)]
    return len(found) == 1 and found[0] in PRONOUNS
