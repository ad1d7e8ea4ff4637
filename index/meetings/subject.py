"""The subject of a meeting clause, read backwards from the cue: clause start, attribution, adverbs, «که»."""

from __future__ import annotations

import re

from index.meetings.lexicon import FIRST_NAMES, PLACES, TIME_WORDS
from index.meetings.phrases import (
    MAX_PHRASE_TOKENS,
    MAX_SIDE_TOKENS,
    PLURAL_SUFFIXES,
    QUANTITY,
    Span,
    Token,
    enumeration_at,
    is_time,
    is_verb,
    joins_verb,
    place_span,
    stationed,
    tokens,
)

_CLAUSE = re.compile(r"[،,:؛;.!؟?]|\s[-–]\s|^\s*[-–]|\n")
LEADS = frozenset(
    "و همچنین اما ولی البته سپس نیز هم که بنابراین ضمنا همچنان سرانجام حتی "
    "احتمالا احتمالاً ظاهرا ظاهراً قطعا قطعاً معمولا معمولاً اکنون".split()
)
"""Connectives and sentence adverbs that open a clause before its subject."""
CUTS = frozenset(
    "در طی ضمن که پس پیش بعد هنگام قرار قصد نیز هم به از برای جهت زمانی هنگامی وقتی با "
    "اعلام گفت افزود اظهار تاکید درباره پیرامون همچنین سپس ضمنا البته".split()
)
_REGIONS = frozenset(("استان", "شهرستان", "شهر"))
_THIS = frozenset(("این", "همین", "ان"))
AGENCIES = frozenset("فارس مهر ایرنا ایسنا ایلنا تسنیم جوان فرانسه رویترز آسوشیتدپرس سانا".split())


def _content(token: str) -> bool:
    """A word that can belong to a participant (not a connector, time word or preposition)."""
    return token not in LEADS and token not in TIME_WORDS and token not in CUTS


def _enumerating(folded: str, comma: int, end: int) -> bool:
    """Whether a comma separates one-word items of an enumeration («ورامین، قرچک و پیشوا»), not two clauses: the
    word before it no verb and no agency, the one after it followed by «و»."""
    before = tokens(folded, max(0, comma - 40), comma)
    if folded[comma - 1] not in "،," or not before or is_verb(before[-1][0]) or before[-1][0] in AGENCIES:
        return False
    return enumeration_at(tokens(folded, comma, end), 0, reach=1)


def _segments(folded: str, end: int) -> list[tuple[int, int]]:
    """The clause segments of folded[:end], split at commas (not those of an enumeration), colons, full stops and
    dashes."""
    cuts = [m.end() for m in _CLAUSE.finditer(folded, 0, end)]
    bounds = [0, *(cut for cut in cuts if not _enumerating(folded, cut, end))]
    return [
        (a, b)
        for a, b in zip(bounds, [*bounds[1:], end], strict=True)
        if any(_content(t) for t, _ in tokens(folded, a, b))
    ]


def _skip_attribution(found: list[Token]) -> list[Token]:
    """Tokens after a lead attribution («به گزارش خبرنگار فارس از تبریز ...», «بنا بر این گزارش ...») when it
    names an agency or the report just told; none when the attribution goes on to its source («... به نقل از
    روابط عمومی ...»)."""
    if found and found[0][0] == "خبرگزاری":
        return []
    report = next((i for i, (t, _) in enumerate(found[1:4], start=1) if t == "گزارش"), None)
    if len(found) < 2 or found[0][0] not in ("به", "بنا") or report is None:
        return found
    if found[report - 1][0] in _THIS:  # «بنا بر این گزارش»: the report just told, no agency to name
        return found[report + 1 :]
    agency = next((i for i, (t, _) in enumerate(found[:12]) if t in AGENCIES), None)
    if agency is None:
        return []
    rest = found[agency + 1 :]
    if rest and rest[0][0] in ("از", "به", "در"):
        rest = rest[1:]
    if [t for t, _ in rest[:2]] == ["نقل", "از"]:
        return []
    while rest and rest[0][0] in PLACES | _REGIONS:
        region = rest[0][0] in _REGIONS
        rest = rest[2:] if region else rest[1:]
        if region and rest[:1] and rest[0][0] == "و":
            rest = rest[2:]
    return rest


_DISCOURSE = frozenset(
    tuple(phrase.split()) for phrase in ("با این حال", "با این وجود", "در عین حال", "از سوی دیگر", "به هر حال")
)
"""Connectives that open a clause before its subject («با این حال وزیر خارجه ایتالیا ...»)."""


def _skip_discourse(found: list[Token]) -> list[Token]:
    """Tokens after a connective that opens the clause."""
    opening = tuple(t for t, _ in found[:3])
    return found[3:] if opening in _DISCOURSE else found


def _cut(found: list[Token]) -> tuple[list[Token], list[Token]]:
    """A subject's words up to its first adverb or preposition, and the words from there on."""
    found = _skip_discourse(_skip_attribution(found))
    while found and (found[0][0] in LEADS or is_time(found[0][0], "")):
        found = found[1:]
    if not found or found[0][0] in CUTS:
        return [], found
    for index in range(1, len(found)):
        token, previous = found[index][0], found[index - 1][0]
        if token == "از" and previous in QUANTITY:
            continue
        if token == "در" and stationed(found, index):
            continue
        if found[index - 1][0] == "در" and stationed(found, index - 1):
            continue
        if token in CUTS or is_time(token, previous):
            return found[:index], found[index:]
    return found, []


def _valid(chosen: list[Token]) -> bool:
    """A subject of 1-14 words (a plural ending after a half-space is no word) without a verb."""
    counted = [t for t, _ in chosen if t not in PLURAL_SUFFIXES]
    return 0 < len(counted) <= MAX_SIDE_TOKENS and not any(is_verb(t) for t, _ in chosen)


def _names_before(folded: str, segments: list[tuple[int, int]], start: int) -> int:
    """Where a list of names that a subject ends ends begins: «ابوطالب شیرکوند، علیرضا حیدری و سعید اشرف ...»
    reaches back over the comma to the names before it, each of 1-3 words opening with a given name."""
    for segment in reversed(segments[:-1]):
        found = tokens(folded, *segment)
        separator = folded[segment[1] - 1 : start]
        if not 0 < len(found) <= 3 or found[0][0] not in FIRST_NAMES or not re.match(r"^[،,]\s*$", separator):
            break
        start = found[0][1][0]
    return start


def _attribution_only(found: list[Token]) -> bool:
    """Whether a clause segment is a lead attribution and nothing else («به گزارش خبرگزاری فارس از مشهد،»)."""
    return bool(found) and not _skip_attribution(found)


def _subject_of(found: list[Token], shared: bool = False) -> tuple[list[Token], Span | None]:
    """The subject words of a clause (after a relative «که» when that part has no verb; when `shared`, of the first
    verb when «و» joins a second one without its own subject: «X ... حاضر شد و با آنها ...»), and a place cut off."""
    joined = [i for i in range(1, len(found)) if joins_verb(found, i)]
    if joined and (not shared or any(_content(t) for t, _ in found[joined[-1] + 1 :])):
        found = found[joined[-1] + 1 :]
    relative = [i for i, (t, _) in enumerate(found) if t == "که"]
    if relative:
        after = found[relative[-1] + 1 :]
        while after and (after[0][0] in LEADS or is_time(after[0][0], "")):
            after = after[1:]
        if after and _content(after[0][0]) and not any(is_verb(t) for t, _ in after):
            found = after
        else:
            found = found[: relative[0]]
    chosen, rest = _cut(found)
    at = next((i for i in range(len(rest) - 1) if rest[i][0] == "در" and rest[i + 1][0] in PLACES), None)
    return chosen, place_span(rest[at + 1 :]) if at is not None else None


def subject_before(folded: str, end: int) -> tuple[Span | None, Span | None]:
    """The subject phrase that ends before `end` (adverbs cut off), else the sentence's opening subject (after its
    lead attribution; shared by a second verb joined with «و»); and a place."""
    segments = _segments(folded, end)
    if not segments:
        return None, None
    chosen, place = _subject_of(tokens(folded, *segments[-1]))
    if not _valid(chosen):
        opening = next((s for s in segments if not _attribution_only(tokens(folded, *s))), segments[0])
        chosen, _ = _subject_of(tokens(folded, *opening), shared=True)
    if not _valid(chosen):
        return None, place
    start = chosen[0][1][0]
    listed = [t for t, _ in chosen]
    if listed[0] in FIRST_NAMES and "و" in listed and segments[-1][0] <= start <= segments[-1][0] + 1:
        start = _names_before(folded, segments, start)
    return (start, chosen[-1][1][1]), place


def parties_before(folded: str, end: int) -> Span | None:
    """The parties listed before «با یکدیگر»: «X، Y و Z» across commas, as one span."""
    segments = _segments(folded, end)
    if not segments:
        return None
    chosen, _ = _subject_of(tokens(folded, *segments[-1]))
    if not chosen:
        return None
    start = chosen[0][1][0]
    for segment in reversed(segments[:-1]):
        found = tokens(folded, *segment)
        separator = folded[segment[1] - 1 : start]
        if not 0 < len(found) <= 4 or not all(_content(t) for t, _ in found) or not re.match(r"^[،,]\s*$", separator):
            break
        start = found[0][1][0]
    return (start, chosen[-1][1][1]) if len(tokens(folded, start, chosen[-1][1][1])) <= MAX_PHRASE_TOKENS else None


def first_subject(folded: str, end: int) -> Span | None:
    """The first clause segment before `end` that opens with a subject («وی با بیان اینکه ...، گفت» → «وی»), past
    a lead attribution of its own («به گزارش خبرگزاری فارس از دشتستان،»)."""
    for segment in _segments(folded, end):
        opening = [t for t, _ in tokens(folded, *segment)[:4]]
        if opening[:1] in (["به"], ["بنا"]) and "گزارش" in opening[1:] and folded[segment[1] - 1] in "،,":
            continue
        chosen, _ = _subject_of(tokens(folded, *segment))
        if _valid(chosen):
            return chosen[0][1][0], chosen[-1][1][1]
    return None
