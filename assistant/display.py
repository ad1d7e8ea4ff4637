"""How a quoted sentence reads in an answer: the article's own words in today's Persian letters and spacing."""

from __future__ import annotations

import re

from index.text.tokens import PERSIAN_LETTER

_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_GLUED_NUMBER = re.compile(rf"(?<=\d)(?={PERSIAN_LETTER})|(?<={PERSIAN_LETTER})(?=\d)")


def display_form(sentence: str) -> str:
    """The sentence with Arabic ي/ك shown as Persian ی/ک and numbers parted from the Persian words glued to them."""
    return _GLUED_NUMBER.sub(" ", sentence.translate(_LETTERS))
