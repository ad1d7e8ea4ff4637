"""How an answer reads: quoted sentences in today's Persian letters and spacing, dates in the reader's calendar."""

from __future__ import annotations

import re
from datetime import date

from index.dates import jalali_text
from index.text.tokens import PERSIAN_LETTER

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_GLUED_NUMBER = re.compile(rf"(?<=\d)(?={PERSIAN_LETTER})|(?<={PERSIAN_LETTER})(?=\d)")


def display_form(sentence: str) -> str:
    """The sentence with Arabic ي/ك shown as Persian ی/ک and numbers parted from the Persian words glued to them."""
    return _GLUED_NUMBER.sub(" ", sentence.translate(_LETTERS))


def shown_day(day: date, persian: bool) -> str:
    """A date as its reader reads it: Jalali YYYY/MM/DD for a Persian reader, Gregorian ISO for an English one."""
    return jalali_text(day) if persian else day.isoformat()


def is_persian(text: str) -> bool:
    """Whether the text's first strong letter is Arabic-script (what `dir="auto"` decides)."""
    arabic, latin = _ARABIC_SCRIPT.search(text), _LATIN.search(text)
    if arabic is None or latin is None:
        return arabic is not None
    return arabic.start() < latin.start()
