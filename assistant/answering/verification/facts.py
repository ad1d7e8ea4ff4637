"""The checkable facts of a sentence (numbers, dates, names) and whether a passage holds every one of them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

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
_WEEKDAYS = frozenset(fold("شنبه یکشنبه دوشنبه چهارشنبه پنجشنبه جمعه monday tuesday wednesday thursday friday").split())
"""Weekday names as single words; «سه‌شنبه» and «پنج‌شنبه» fold to two words, so their number word is a date word
only before «شنبه» (alone, «سه» is the number three)."""
_SPLIT_WEEKDAY = frozenset(fold("سه پنج").split())
_NUMBER_WORDS = {
    **dict.fromkeys(("یک", "یکم", "اول", "نخست"), 1), "دو": 2, "سه": 3, "سوم": 3, "چهار": 4, "پنج": 5, "شش": 6,
    "هفت": 7, "هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
    "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50,
    "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300,
    "چهارصد": 400, "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}  # fmt: skip
"""Persian number words (cardinal, and the ordinals that are not cardinal + «م»): a passage that spells a number
holds it as much as one that writes its digits."""
_SCALES = {"هزار": 1_000, "میلیون": 1_000_000, "میلیارد": 1_000_000_000}
_ORDINAL = re.compile(r"(?:مین|م|ین)$")


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


def _number_word(word: str) -> int | None:
    """The value of one number word, cardinal or ordinal («هجدهم», «بیستمین»), else None."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    stem = _ORDINAL.sub("", word)
    return _NUMBER_WORDS.get(stem) if stem != word else None


def spelled_numbers(text: str) -> set[str]:
    """The numbers a text spells in words («یکصد و نهم» is 109, «ده» 10, «سه هزار» 3000), as digit strings. «نه»
    counts only inside a compound («بیست و نه»): alone it is also the word "no"."""
    found: set[str] = set()
    total = current = 0
    pending_and = False
    for word in [*_folded_words(text), ""]:
        value = _number_word(word) if word != "نه" or pending_and else None
        if value is not None and (current == 0 or pending_and or value > current):
            current += value
        elif word in _SCALES and (total or current):
            total, current = total + max(current, 1) * _SCALES[word], 0
        elif word == "و" and (total or current):
            pending_and = True
            continue
        else:
            if total or current:
                found.add(str(total + current))
            total = current = 0
            if value is not None:
                current = value
        pending_and = False
    return found


def dates(text: str) -> set[str]:
    """Month names next to a number, and weekday names: the parts of a date that are not digits."""
    words = _folded_words(text)
    found = {w for w in words if w in _WEEKDAYS}
    found |= {w for w, after in itertools.pairwise(words) if w in _SPLIT_WEEKDAY and after == "شنبه"}
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
    """What a passage must hold for a sentence: its numbers, date words, Latin names and stemmed content terms; and
    the numbers the text spells in words (a passage's «ده سال» holds a sentence's «۱۰ سال»)."""

    numbers: frozenset[str]
    dates: frozenset[str]
    names: frozenset[str]
    terms: frozenset[str]
    spelled: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Evidence:
        """The facts of a text."""
        return cls(
            frozenset(numbers(text)), frozenset(dates(text)), frozenset(latin_names(text)),
            frozenset(terms(normalize(text))), frozenset(spelled_numbers(text)),
        )  # fmt: skip

    def words(self) -> frozenset[str]:
        """Every lower-cased folded word a passage's text contributes, for looking up names."""
        return self.terms | self.names


def missing_facts(sentence: Evidence, passage: Evidence, passage_words: frozenset[str]) -> list[str]:
    """The numbers, dates and Latin names of the sentence that the passage does not hold ([] when it holds all)."""
    missing = sorted(sentence.numbers - passage.numbers - passage.spelled)
    missing += sorted(sentence.dates - passage_words)
    missing += sorted(name for name in sentence.names if not set(re.findall(r"[^\W_]+", name)) <= passage_words)
    return missing


def novel_terms(sentence: Evidence, passage: Evidence) -> set[str]:
    """Persian-script content terms of the sentence that the passage lacks (Latin names are checked whole)."""
    return {term for term in sentence.terms - passage.terms if ARABIC_SCRIPT.search(term)}


_SPELLED_WORD = re.compile(r"[^\W_]+(?:\u200c[^\W_]+)*")


def dictionary_terms(text: str) -> set[str]:
    """The text's stemmed terms spelled only by ordinary Persian words: words of shekar's vocabulary (83k words
    counted in a large general corpus), or a conjugated form of one of its verbs («زیسته», «بخوانند»), as shekar's
    lemmatizer reads them. Not nouns it reads back to a vocabulary word: «زرنگیان» would pass as «زرنگ», and
    a surname is often a word plus «یان». Ordinary words a paraphrase may bring in, not names a model made up."""
    from shekar import data

    lemmatize = _lemmatizer()
    known, odd = set(), set()
    for word in _SPELLED_WORD.findall(normalize(text)):
        ordinary = word in data.vocab or "/" in lemmatize(word)  # shekar writes a verb's lemma as «past/present»
        (known if ordinary else odd).update(terms(word))
    return known - odd


@lru_cache(maxsize=1)
def _lemmatizer() -> Callable[[str], str]:
    """shekar's lemmatizer, built on first use."""
    from shekar import Lemmatizer

    return Lemmatizer()


def foreign_terms(novel: set[str], elsewhere: set[str], unknown: set[str], rare: set[str]) -> list[str]:
    """The novel terms that are names or specifics: unknown to the whole index (made up), or rare in it and found
    in another passage shown to the model (borrowed from the wrong source)."""
    return sorted(term for term in novel if term in unknown or (term in rare and term in elsewhere))


def passage_words(text: str) -> frozenset[str]:
    """The lower-cased folded words of a passage."""
    return frozenset(_folded_words(text))
