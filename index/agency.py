"""The news agency an article credits, read from the attribution phrases of its lead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LEAD_CHARS = 400
"""How much of the text's beginning is searched for attribution phrases."""

# (canonical name, names matched anywhere in the lead, names matched only right after an attribution phrase)
_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("خبرگزاری فارس", r"خبر ?گزاری فارس|فارس ?نیوز", r"فارس"),
    ("خبرگزاری مهر", r"خبر ?گزاری مهر|مهر ?نیوز", r"مهر"),
    ("خبرگزاری تسنیم", r"خبر ?گزاری تسنیم", r"تسنیم"),
    ("ایرنا", r"ایرنا|خبر ?گزاری جمهوری اسلامی", ""),
    ("ایسنا", r"ایسنا|خبر ?گزاری دانشجویان ایران", ""),
    ("ایلنا", r"ایلنا|خبر ?گزاری کار ایران", ""),
    ("باشگاه خبرنگاران جوان", r"باشگاه خبرنگاران(?: جوان)?", ""),
    ("خبرگزاری فرانسه", r"خبر ?گزاری فرانسه", ""),
    ("رویترز", r"رویترز", ""),
    ("آسوشیتدپرس", r"آسوشیتد ?پرس", ""),
    ("Reuters", r"Reuters", ""),
    ("AP", r"Associated Press|\(AP\)", r"AP"),
    ("AFP", r"Agence France-Presse|AFP", ""),
    ("IRNA", r"IRNA|Islamic Republic News Agency", ""),
    ("ISNA", r"ISNA|Iranian Students'? News Agency", ""),
    ("Mehr News Agency", r"Mehr News(?: Agency)?", r"Mehr"),
    ("Fars News Agency", r"Fars News(?: Agency)?", r"Fars"),
    ("Tasnim News Agency", r"Tasnim News(?: Agency)?", r"Tasnim"),
    ("YJC", r"YJC|Young Journalists'? Club", ""),
)
_DOMAINS = {
    "farsnews.ir": "خبرگزاری فارس",
    "farsnews.com": "خبرگزاری فارس",
    "mehrnews.com": "خبرگزاری مهر",
    "tasnimnews.com": "خبرگزاری تسنیم",
    "irna.ir": "ایرنا",
    "isna.ir": "ایسنا",
    "ilna.ir": "ایلنا",
    "yjc.ir": "باشگاه خبرنگاران جوان",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
}
_SAME = {
    "Fars News Agency": "خبرگزاری فارس",
    "Mehr News Agency": "خبرگزاری مهر",
    "Tasnim News Agency": "خبرگزاری تسنیم",
    "IRNA": "ایرنا",
    "ISNA": "ایسنا",
    "YJC": "باشگاه خبرنگاران جوان",
    "Reuters": "رویترز",
    "AP": "آسوشیتدپرس",
    "AFP": "خبرگزاری فرانسه",
}
"""English names of agencies that also have a Persian canonical name."""
_QUOTING = ("به نقل از", "quoting", "citing")
_CUE = r"(?P<cue>به گزارش|به نقل از|گفت ?و ?گو با|(?i:according to|quoting|citing|reported by|told))"
_FILLER = r"(?:(?:the )?(?:خبرنگار|گروه|سرویس|خبرگزاری|پایگاه خبری)(?: \w+){0,3}? )?"
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u0640": None})


@dataclass(frozen=True)
class _Mention:
    """One agency name found in the lead: where, which, and whether it is quoted by another outlet."""

    start: int
    agency: str
    quoted: bool


def _pattern() -> re.Pattern[str]:
    """One regex for all agencies: group `aN` a name anywhere (after an optional cue), `bN` a bare name after a cue."""
    anywhere = "|".join(f"(?P<a{n}>{names})" for n, (_, names, _) in enumerate(_AGENCIES))
    after_cue = "|".join(f"(?P<b{n}>{names})" for n, (_, _, names) in enumerate(_AGENCIES) if names)
    cued = _CUE.replace("?P<cue>", "?P<cue2>")
    return re.compile(rf"(?:{_CUE} {_FILLER})?(?<!\w)(?:{anywhere})(?!\w)|{cued} {_FILLER}(?:{after_cue})(?!\w)")


_PATTERN = _pattern()


def fold(text: str) -> str:
    """Arabic letter variants and the zero-width non-joiner folded, spaces collapsed: the form names are matched in."""
    return re.sub(r"\s+", " ", text.translate(_FOLD))


def detect_agency(text: str) -> str:
    """The agency the lead credits: the one quoted («به نقل از …») before the outlet reporting it; "" when none."""
    lead = fold(text[: LEAD_CHARS * 2])[:LEAD_CHARS]
    mentions = [_mention(match) for match in _PATTERN.finditer(lead)]
    if not mentions:
        return ""
    quoted = [mention for mention in mentions if mention.quoted]
    return min(quoted or mentions, key=lambda mention: mention.start).agency


def _reporting_agency(text: str) -> str:
    """The first agency the lead names without quoting it («به گزارش فارس»), or ""."""
    lead = fold(text[: LEAD_CHARS * 2])[:LEAD_CHARS]
    reporting = (_mention(match) for match in _PATTERN.finditer(lead))
    return next((mention.agency for mention in reporting if not mention.quoted), "")


def same_agency(first: str, second: str) -> bool:
    """Whether two names are one agency, e.g. "Fars News Agency" and «خبرگزاری فارس»."""
    return _SAME.get(first, first) == _SAME.get(second, second)


def attribution(text: str, url: str = "", given: str = "") -> tuple[str, str]:
    """(publisher, quoted agency): the publisher is the source's own field, else the agency of the URL's domain, else
    the outlet the lead reports for; the quoted agency is the one the lead credits when it is another (AP quoted by
    a farsnews.ir article), else ""."""
    credited = detect_agency(text)
    publisher = given or agency_from_url(url) or _reporting_agency(text) or credited
    return publisher, "" if not credited or same_agency(credited, publisher) else credited


def _mention(match: re.Match[str]) -> _Mention:
    """The agency a match of the combined pattern names."""
    group = match.lastgroup or ""
    cue = match.group("cue") or match.group("cue2") or ""
    return _Mention(match.start(), _AGENCIES[int(group[1:])][0], cue.lower() in _QUOTING)


def agency_from_url(url: str) -> str:
    """The agency that publishes on the URL's domain (e.g. farsnews.ir), or ""."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for domain, agency in _DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return agency
    return ""
