"""Language of a text for display: Persian or English labels, direction, and Persian digits for Persian text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from assistant.display import is_persian, shown_day

_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


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
        """A publication date in the reader's calendar (Jalali in Persian digits, or Gregorian ISO), or undated."""
        return self.digits(shown_day(value, self.persian)) if value else self.undated

    def number(self, value: int) -> str:
        """A count with thousands grouped: «۱٬۳۳۳» (Persian digits and separator) or 1,333."""
        grouped = f"{value:,}"
        return self.digits(grouped).replace(",", "٬") if self.persian else grouped

    def moment(self, timestamp: float | None) -> str:
        """A Unix time as a local date (in the reader's calendar) and HH:MM, or a dash."""
        if not timestamp:
            return "—"
        local = datetime.fromtimestamp(timestamp)
        return self.digits(f"{shown_day(local.date(), self.persian)} {local:%H:%M}")


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
