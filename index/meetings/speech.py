"""Where a sentence reports speech and who its subject is: the speech verb, then the phrase that says it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.meetings.lexicon import FIRST_NAMES
from index.meetings.participants import split_name_title
from index.meetings.phrases import PRONOUNS, STOPS, Span, is_verb, tokens
from index.meetings.subject import CUTS, LEADS, first_subject

_LIGHT = r"(?:کرد|کردند|نمود|نمودند|داشت|داشتند|ساخت|شد|شدند|کرده\s+است|داشته\s+است)"
SPEECH_FA = re.compile(
    r"(?<![^\s«\"])(?:"
    r"گفت(?:ه\s+است|ند)?(?!\s?و\s?گو|گو|ن|ار)|می\s?گوید|افزود(?:ند)?|اضافه\s+" + _LIGHT + "|"
    r"(?:اظهار|تاکید|تصریح|بیان|عنوان|ابراز|اعلام|اذعان|یاداوری|خاطر\s?نشان|خاطرنشان|تشریح)\s*" + _LIGHT + "|"
    r"(?:یاداور|متذکر|مدعی|خواستار)\s+" + _LIGHT + "|"
    r"(?:ادامه|هشدار|توضیح|پاسخ)\s+داد(?:ند)?"
    r")(?![^\s:،»\"])"
)
"""Persian verbs that report what someone said (a closed class of the language, matched on folded text)."""
_COLON_VERB = re.compile(r"(?<!\S)(?:پرداخت|کرد|داشت|نمود|ساخت|شد)\s*:")
"""A verb right before a colon opens a quote whatever the verb («... به ذکر تفاوت‌ها پرداخت: ...»)."""
_ATTRIBUTION = re.compile(r"^\s*(?:خبرگزاری\s+\S+|\S+\s*\(\s*\w+\s*\))\s*[:\-–]")
_DISCOURSE = re.compile(r"(?<!\S)در\s?(?:ادامه|پایان|ابتدا|ابتدای|خاتمه)(?!\S)")
"""«در ادامه», «در پایان»: adverbs of a report's order that open a sentence before its subject."""
_FUNCTION_WORDS = frozenset("و یا نیز هم".split())
_DEMONSTRATIVES = frozenset("این همین ان".split())
_OBJECT_PRONOUNS = frozenset("این همین ان همان اینها انها او وی".split())
_OPENERS = frozenset("در ادامه سپس همچنین پس از ان پایان ابتدای".split())
MAX_SUBJECT_TOKENS = 12


@dataclass(frozen=True)
class Speech:
    """A speech verb found in a sentence: its span, the speaker phrase before it (or None), and its kind:
    `named` (a phrase names the speaker), `pronoun` («وی», «این مقام»: the last speaker), or `none` (no subject)."""

    verb: Span
    speaker: Span | None
    kind: str
    opens_quote: bool


def _opening_subject(folded: str, end: int) -> Span | None:
    """The words a sentence opens with, up to its first preposition, stop word or verb («فرهاد فلاحتی به ...»)."""
    found = [t for t in tokens(folded, 0, end)]
    while found and (found[0][0] in LEADS or found[0][0] in _OPENERS):
        found = found[1:]
    taken = []
    for token, span in found:
        if token in CUTS or token in STOPS or is_verb(token) or len(taken) >= MAX_SUBJECT_TOKENS:
            break
        if taken and re.search(r"[،,:]", folded[taken[-1][1] : span[0]]):
            break
        taken.append(span)
    return (taken[0][0], taken[-1][1]) if taken else None


def _trimmed(folded: str, span: Span) -> Span | None:
    """The subject cut before an object «را» (and the pronoun «این», «آن» that is that object), and opening at a
    given name when a preamble that is no title, with a function word in it, comes first («ادامه جلسه و ... احمد
    مسجدجامعی» → «احمد مسجدجامعی»)."""
    found = tokens(folded, *span)
    objects = [i for i, (t, _) in enumerate(found) if t == "را"]
    if objects:
        found = found[: objects[0]]
        if len(found) > 1 and found[-1][0] in _OBJECT_PRONOUNS:  # «نگهبان این را می‌گوید»
            found = found[:-1]
    named = next((i for i, (t, _) in enumerate(found) if i > 0 and t in FIRST_NAMES), None)
    preamble = {t for t, _ in found[: named or 0]}
    if named is not None and split_name_title(found[0][0])[1] == "" and preamble & (_FUNCTION_WORDS | CUTS):
        found = found[named:]
    return (found[0][1][0], found[-1][1][1]) if found else None


def _kind(folded: str, span: Span | None) -> str:
    """Whether the subject names someone, refers back («وی», «این دیپلمات»), or is missing."""
    if span is None:
        return "none"
    found = [t for t, _ in tokens(folded, *span)]
    if not found:
        return "none"
    if found[0] in PRONOUNS or found[0] in _DEMONSTRATIVES:
        return "pronoun"
    return "named"


def persian_speech(sentence: str) -> Speech | None:
    """The first speech verb of a folded Persian sentence and the subject that says it, or None."""
    folded = _ATTRIBUTION.sub(lambda m: " " * len(m.group()), sentence)
    folded = _DISCOURSE.sub(lambda m: "،" + " " * (len(m.group()) - 1), folded)  # a clause break, spans kept
    match = SPEECH_FA.search(folded) or _COLON_VERB.search(folded)
    if match is None:
        return None
    verb = (match.start(), match.end())
    opens = bool(re.match(r"\s*:", folded[match.end() :])) or folded[match.start() : match.end()].endswith(":")
    span = first_subject(folded, match.start()) or _opening_subject(folded, match.start())
    span = _trimmed(folded, span) if span else None
    return Speech(verb, span, _kind(folded, span), opens)
