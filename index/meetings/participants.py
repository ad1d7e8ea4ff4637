"""Participant phrases: cleaned of quotes and honorifics, split into name and title, keyed for grouping."""

from __future__ import annotations

import re

from index.meetings.fold import fold, key_of, words
from index.meetings.lexicon import COUNTRIES, FIRST_NAMES, HONORIFICS, TITLE_WORDS
from index.meetings.model import Participant

_QUOTES = re.compile(r"[«»\"“”'‘’()\[\]]")
_SPACES = re.compile(r"\s+")
_COMMA = re.compile(r"\s*[،,]\s*")
_TITLE_FIXES = ((" امور ", " "), ("رییس", "رئیس"), ("شورایعالی", "شورای عالی"), ("وزارت امور", "وزارت"))
_FILLERS = frozenset("و دیگر سایر یک این ان همین همان هر".split())
_CLAUSE_WORDS = frozenset("اینکه انکه که خواستار چنانچه زیرا چون".split())
"""Words that open a clause: a phrase holding one is a sentence fragment, not a participant."""
_QUANTITY = frozenset("جمعی جمع یکی تعدادی شماری برخی گروهی بسیاری عده تنی چند".split())
_NO_NAME_OPENERS = frozenset(fold("اگر چون زیرا چرا آیا چه چگونه چطور کجا فقط حتی اما ولی بنا نقل هیچ همه").split())
"""Conjunctions, question words and the heads of «بنا بر», «به نقل از»: a phrase opening with one names no one."""
_NO_NAME_ALONE = frozenset(fold("من ما تو شما یکی چند هر کسی یک دو سه چهار پنج شش هفت هشت نه ده صد هزار").split())
"""Pronouns, quantities and numbers: alone they are no participant («یکی می‌گفت», «پنج نفر گفتند»)."""
_LIST_MARK = re.compile(r"^\s*[\d۰-۹*•]")
"""A number or a bullet opening a phrase: a count («60 درصد», «15 نفر»), a date or a list item, not a person."""
_DANGLING = frozenset("و از به در که را با".split())
"""Words a phrase cut mid-clause ends with («مدیر کل میوه‌های سردسیری و»)."""
MAX_NAME_WORDS = 4


def clean(text: str) -> str:
    """The phrase without quotes, brackets and extra spaces or trailing punctuation, a comma written «A، B»."""
    return _COMMA.sub("، ", _SPACES.sub(" ", _QUOTES.sub(" ", text))).strip(" ،,؛;:.-–\u200c")


def _without_honorifics(tokens: list[str]) -> list[str]:
    """Tokens with the leading honorifics («دریابان», «آیت الله», «حجت الاسلام») removed."""
    index = 0
    while index < len(tokens) and (fold(tokens[index]) in HONORIFICS or fold(tokens[index]) in _FILLERS):
        index += 1
    return tokens[index:]


def _is_title(token: str) -> bool:
    """Whether a word starts a title or a group."""
    folded = fold(token).replace(" ", "").strip("،,")
    return folded in TITLE_WORDS or any(folded.startswith(w) for w in ("رئیس", "رییس", "نخست", "خانواده"))


def split_name_title(text: str) -> tuple[str, str]:
    """(name, title) of a phrase: «علی لاریجانی دبیر شورا» → name and title; «وزیر خارجه روسیه» → title only."""
    tokens = _without_honorifics(clean(text).split())
    if not tokens:
        return "", ""
    if _is_title(tokens[0]):
        return "", " ".join(tokens)
    cut = next((i for i, token in enumerate(tokens) if _is_title(token)), len(tokens))
    if cut > MAX_NAME_WORDS:
        return "", " ".join(tokens)
    return " ".join(tokens[:cut]).strip(" ،,\u200c"), " ".join(tokens[cut:])


def _human(word: str) -> bool:
    """A word that can be people: a title or group word, or a plural («مسئولان», «مسئولین», «نامزدهای»)."""
    plural = word.endswith(("ان", "ین", "ها", "های"))
    return word in TITLE_WORDS or (plural and word not in ("این", "ان", "همین", "چنین", "انها", "اینها"))


def is_fragment(text: str) -> bool:
    """A phrase that names no one: a clause («یکی اینکه ...», «اگر ...»), a lone pronoun, number or letter, a count,
    date or list item, a phrase cut after «و», or a share of things («برخی از این نگرانی‌ها»)."""
    found = words(text)
    if any(w in _CLAUSE_WORDS for w in found) or (found and found[0] in _NO_NAME_OPENERS):
        return True
    if _LIST_MARK.match(text) or (found and found[-1] in _DANGLING):
        return True
    if len(found) == 1 and (found[0] in _NO_NAME_ALONE or len(found[0]) == 1):
        return True
    return any(
        w in _QUANTITY and found[i + 1 : i + 2] == ["از"] and not (found[i + 2 :] and _human(found[i + 2]))
        for i, w in enumerate(found)
    )


def name_key(name: str) -> str:
    """The grouping key of a name: given names and honorifics dropped («دریابان علی شمخانی» → «شمخانی»)."""
    tokens = [w for w in words(name) if w not in HONORIFICS]
    family = [w for w in tokens if w not in FIRST_NAMES and not (w.startswith("سید") and w[3:] in FIRST_NAMES)]
    return " ".join(family or tokens[-1:])


def title_key(title: str) -> str:
    """The grouping key of a title: spelling variants and «امور» folded («وزیر امور خارجه» = «وزیر خارجه»)."""
    text = f" {key_of(title)} "
    for old, new in _TITLE_FIXES:
        text = text.replace(old, new)
    return " ".join(text.split())


def participant(text: str) -> Participant | None:
    """A participant from a phrase as written, or None when nothing of it names someone."""
    written = clean(text)
    if is_fragment(written):
        return None
    name, title = split_name_title(written)
    key = name_key(name) if name else title_key(title)
    if not key:
        return None
    return Participant(written, name, title, key)


def is_state(text: str) -> bool:
    """True when a phrase names only countries, capitals or regions («ایران», «اتحادیه اروپا»)."""
    tokens = [t for t in words(text) if t not in ("این", "ان", "همین", "و")]
    return bool(tokens) and all(t in COUNTRIES for t in tokens)
