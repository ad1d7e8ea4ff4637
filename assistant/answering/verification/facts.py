"""The checkable facts of a sentence (numbers, dates, names) and whether a passage holds every one of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.meetings.fold import fold
from index.text.normalize import normalize
from index.text.tokens import ARABIC_SCRIPT, terms

_NUMBER = re.compile(r"[0-9]+(?:[.,٫٬][0-9]+)*")
_LATIN_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_MONTHS = frozenset(
    fold(
        "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه فوریه مارس آوریل ژوئن ژوئیه "
        "جولای اوت اگوست سپتامبر اکتبر نوامبر دسامبر محرم صفر ربیع جمادی رجب شعبان رمضان شوال ذیقعده ذیحجه "
        "january february march april may june july august september october november december"
    ).split()
)
"""Month names (solar, Gregorian in Persian and English, lunar): next to a number they make a date."""
_WEEKDAYS = frozenset(
    fold("شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه monday tuesday wednesday thursday friday").split()
)


def numbers(text: str) -> set[str]:
    """The numbers of a text, digits folded and thousands separators dropped (1,200 and ۱۲۰۰ are one number)."""
    found = set()
    for match in _NUMBER.finditer(fold(text)):
        value = re.sub(r"(?<=\d)[,٬](?=\d{3}\b)", "", match.group())
        found.add(value.replace("٫", "."))
    return found


def _folded_words(text: str) -> list[str]:
    """Lower-cased folded words."""
    return re.findall(r"[^\W_]+", fold(text).replace("\u200c", " ").lower())


def dates(text: str) -> set[str]:
    """Month names next to a number, and weekday names: the parts of a date that are not digits."""
    words = _folded_words(text)
    found = {w for w in words if w in _WEEKDAYS}
    for i, word in enumerate(words):
        beside = words[max(i - 1, 0) : i] + words[i + 1 : i + 2]
        if word in _MONTHS and any(w.isdigit() for w in beside):
            found.add(word)
    return found


def latin_names(text: str) -> set[str]:
    """Capitalized Latin words (lower-cased, a possessive 's dropped), the names of an English sentence or of a
    Persian one quoting them."""
    return {_POSSESSIVE.sub("", m.group()).lower() for m in _LATIN_NAME.finditer(text)} - {""}


@dataclass(frozen=True)
class Evidence:
    """What a passage must hold for a sentence: its numbers, date words, Latin names and stemmed content terms."""

    numbers: frozenset[str]
    dates: frozenset[str]
    names: frozenset[str]
    terms: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Evidence:
        """The facts of a text."""
        return cls(
            frozenset(numbers(text)), frozenset(dates(text)), frozenset(latin_names(text)),
            frozenset(terms(normalize(text))),
        )  # fmt: skip

    def words(self) -> frozenset[str]:
        """Every lower-cased folded word a passage's text contributes, for looking up names."""
        return self.terms | self.names


def missing_facts(sentence: Evidence, passage: Evidence, passage_words: frozenset[str]) -> list[str]:
    """The numbers, dates and Latin names of the sentence that the passage does not hold ([] when it holds all)."""
    missing = sorted(sentence.numbers - passage.numbers)
    missing += sorted(sentence.dates - passage_words)
    missing += sorted(name for name in sentence.names if not set(re.findall(r"[^\W_]+", name)) <= passage_words)
    return missing


def novel_terms(sentence: Evidence, passage: Evidence) -> set[str]:
    """Persian-script content terms of the sentence that the passage lacks (Latin names are checked whole)."""
    return {term for term in sentence.terms - passage.terms if ARABIC_SCRIPT.search(term)}


_SPELLED_WORD = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*")


def dictionary_terms(text: str) -> set[str]:
    """The text's stemmed terms spelled only by words of shekar's Persian vocabulary (83k words counted in a large
    general corpus): ordinary words a paraphrase may bring in, not names a model made up."""
    from shekar import data

    known, odd = set(), set()
    for word in _SPELLED_WORD.findall(normalize(text)):
        (known if word in data.vocab else odd).update(terms(word))
    return known - odd


def foreign_terms(novel: set[str], elsewhere: set[str], unknown: set[str], rare: set[str]) -> list[str]:
    """The novel terms that are names or specifics: unknown to the whole index (made up), or rare in it and found
    in another passage shown to the model (borrowed from the wrong source)."""
    return sorted(term for term in novel if term in unknown or (term in rare and term in elsewhere))


def passage_words(text: str) -> frozenset[str]:
    """The lower-cased folded words of a passage."""
    return frozenset(_folded_words(text))
