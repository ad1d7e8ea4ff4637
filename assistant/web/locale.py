"""Language of a text for display: Persian or English labels, direction, and Persian digits for Persian text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def is_persian(text: str) -> bool:
    """Whether the text's first strong letter is Arabic-script (what `dir="auto"` decides)."""
    arabic, latin = _ARABIC_SCRIPT.search(text), _LATIN.search(text)
    if arabic is None or latin is None:
        return arabic is not None
    return arabic.start() < latin.start()


@dataclass(frozen=True)
class Labels:
    """The words the UI puts around an answer, in one language."""

    persian: bool
    sources: str
    closest: str
    searched: str
    undated: str
    unknown_agency: str
    link: str
    whole_article: str
    excerpt_note: str
    searching: str

    @property
    def dir(self) -> str:
        """The direction attribute of this language."""
        return "rtl" if self.persian else "ltr"

    @property
    def lang(self) -> str:
        """The language attribute."""
        return "fa" if self.persian else "en"

    def digits(self, text: str) -> str:
        """ASCII digits as Persian digits in Persian labels; unchanged in English."""
        return text.translate(_TO_PERSIAN) if self.persian else text

    def day(self, value: date | None) -> str:
        """A publication date (ISO), or the word for undated."""
        return self.digits(value.isoformat()) if value else self.undated

    def moment(self, timestamp: float | None) -> str:
        """A Unix time as local YYYY-MM-DD HH:MM, or a dash."""
        if not timestamp:
            return "—"
        return self.digits(datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M"))


PERSIAN = Labels(
    persian=True,
    sources="منابع",
    closest="در اخبار پاسخی نیامده است؛ نزدیک‌ترین بخش‌ها:",
    searched="جستجو شد",
    undated="بی‌تاریخ",
    unknown_agency="منبع نامعلوم",
    link="پیوند خبر",
    whole_article="نمایش کل خبر",
    excerpt_note="بخشی از خبری بلند؛ متن کامل در پیوند خبر.",
    searching="در حال جستجو در اخبار…",
)
ENGLISH = Labels(
    persian=False,
    sources="Sources",
    closest="The news does not say; the closest passages:",
    searched="Searched",
    undated="undated",
    unknown_agency="unknown agency",
    link="link",
    whole_article="show the whole article",
    excerpt_note="An excerpt of a long article; the whole text is at its link.",
    searching="Searching the news…",
)


def labels_for(text: str) -> Labels:
    """Persian labels for a Persian question, English otherwise."""
    return PERSIAN if is_persian(text) else ENGLISH
