"""Meetings of an article: patterns per sentence, pronouns and «در این دیدار» resolved, repeats merged."""

from __future__ import annotations

import re

from index.article import Article
from index.meetings.english import english_meetings, named_subjects
from index.meetings.fold import fold, words
from index.meetings.found import Found
from index.meetings.lexicon import FIRST_NAMES, TITLE_WORDS
from index.meetings.merge import merge_meetings, same_participant, with_name
from index.meetings.model import Meeting, Participant
from index.meetings.participants import is_state, participant
from index.meetings.people import People, Person
from index.meetings.persian import find_persian
from index.meetings.phrases import is_pronoun
from index.meetings.speech import persian_speech
from index.meetings.subject import subject_before
from index.meetings.when import find_when
from index.text.sentences import split_sentences
from index.text.spans import Span
from index.text.tokens import ARABIC_SCRIPT

_CUE = re.compile(
    r"دیدار|ملاقات|مذاکره|رایزنی|گفتگو|گفت\s?و\s?گو|گفت\s?گو|میزبان|استوارنامه|نشست|جلسه|تلفنی|ویدئو"
    r"|\bmet\b|\bmeet|talks\b|hosted|received|visit|spoke|phoned|telephoned|called",
    re.IGNORECASE,
)
_THIS_MEETING = re.compile(r"(?:(?:نیز|هم)\s+)?در\s+(?:این|ان|همین)\s+(?:دیدار|ملاقات)")
_OPENING = re.compile(r"(?<!\S)(?:در|با|از|به|که|گفت|اعلام|افزود|تاکید|خواستار)(?!\w)")
_ACTOR_OPENING = re.compile(
    r"(?:گفت|اعلام|افزود|تاکید|خواستار)|(?:در|با)\s+(?:دیدار|ملاقات|مذاکره|مذاکرات|رایزنی|گفت\s?و\s?گو|گفتگو)"
)
"""How an opening sentence goes on when its subject is a person who acts: a speech verb or a meeting."""
_VISIT = re.compile(r"(?<!\S)(?:بازدید|سفر|عازم|وارد)(?!\w)")
"""Words of a visit: an opening sentence holding one is about someone who travels."""
_SPLIT_PARTIES = re.compile(r"\s*(?:،|,|\s+و\s+|\s+and\s+)\s*")


def _side(text: str, offset: int, span: tuple[int, int]) -> Participant | None:
    """The participant written at a span of the sentence that starts at `offset`."""
    return participant(text[offset + span[0] : offset + span[1]])


_SINGULAR = {
    fold(plural): singular
    for plural, singular in (
        ("وزرای", "وزیر"),
        ("وزیران", "وزیر"),
        ("رؤسای", "رئیس"),
        ("روسای", "رئیس"),
        ("سفرای", "سفیر"),
        ("سفیران", "سفیر"),
        ("نمایندگان", "نماینده"),
        ("فرماندهان", "فرمانده"),
        ("معاونان", "معاون"),
    )
}
"""Plural titles that name one holder per state when a list of states follows them («وزرای خارجه ایران و روسیه»)."""


def _elided(parts: list[str]) -> list[str]:
    """The parties with a title left out restored: «وزیر خارجه آمریکا و ایران», «وزرای خارجه ایران و روسیه» → one
    holder of the title per state, when the first party is a title that ends in a state and the others are states."""
    first = parts[0].split() if parts else []
    if len(parts) < 2 or len(first) < 2 or fold(first[0]) not in TITLE_WORDS or not is_state(first[-1]):
        return parts
    if not all(is_state(part) and len(part.split()) == 1 for part in parts[1:]):
        return parts
    head = [_SINGULAR.get(fold(first[0]), first[0]), *first[1:-1]]
    return [" ".join([*head, first[-1]]), *(" ".join([*head, part.strip()]) for part in parts[1:])]


def _parties(text: str) -> list[Participant]:
    """The parties of «X، Y و Z» (each a participant; a title left out restored, states alone left out)."""
    parts = _elided([part for part in _SPLIT_PARTIES.split(text) if part.strip()])
    found = [participant(part) for part in parts if not is_state(part)]
    return [p for p in found if p is not None]


def _listed_names(text: str) -> list[Participant] | None:
    """The people of a side that lists names before their title («ابوطالب شیرکوند، علیرضا حیدری و سعید اشرف
    رؤسای ...»), each a participant (the title stays with the last name), or None when the side is no such list."""
    written = text.split()
    cut = next((i for i, word in enumerate(written) if fold(word) in TITLE_WORDS), len(written))
    names = " ".join(written[:cut])
    parts = [part for part in _SPLIT_PARTIES.split(names) if part.strip()]
    if len(parts) < 2 or not all(words(part)[0] in FIRST_NAMES for part in parts):
        return None
    parts[-1] = " ".join([parts[-1], *written[cut:]])
    found = [participant(part) for part in parts]
    return [p for p in found if p is not None] or None


def _meeting(article: Article, sentence: tuple[int, int], found: Found, last: Participant | None) -> Meeting | None:
    """A meeting from one pattern found in a sentence, or None when a side names no one."""
    offset, end = sentence
    folded = fold(article.text[offset:end])
    if found.who is None:
        return None
    if found.reciprocal:
        parties = _parties(article.text[offset + found.who[0] : offset + found.who[1]])
        who, whom = parties[:1], parties[1:]
    else:
        subject = last if is_pronoun(folded, found.who) else _side(article.text, offset, found.who)
        listed = _listed_names(article.text[offset + found.who[0] : offset + found.who[1]])
        who = listed or ([subject] if subject else [])
        whom = [p for p in [_side(article.text, offset, found.whom)] if p is not None]
    if not who or not whom or any(same_participant(a, b) for a in who for b in whom):
        return None
    place = article.text[offset + found.place[0] : offset + found.place[1]] if found.place else ""
    evidence = article.text[offset:end]
    when = find_when(folded, article.published)
    return Meeting(article.id, tuple(who), tuple(whom), found.status, evidence, offset, end, place, when, found.kind)


def _english(article: Article, span: Span, last: Participant | None) -> list[Meeting]:
    """The meetings of an English sentence, read from its parse; `last` is the person a "he" refers back to."""
    sentence = article.text[span.start : span.end]
    when = find_when(fold(sentence), article.published)
    return [
        Meeting(article.id, tuple(who), tuple(whom), status, sentence, span.start, span.end, "", when, kind)
        for who, whom, status, kind in english_meetings(sentence, last)
        if not any(same_participant(a, b) for a in who for b in whom)
    ]


def _title_speaker(article: Article) -> Participant | None:
    """The speaker a headline opens with («بوش: سوریه بایستی ...»), when a short name comes before its colon."""
    head, colon, _ = article.title.partition(":")
    return participant(head) if colon and 0 < len(head.split()) <= 3 else None


def _lead_subject(article: Article, sentences: list[Span]) -> Participant | None:
    """The actor the article opens with (its first sentence's subject, when a speech verb or a meeting follows it),
    for «وی» before any meeting."""
    if not sentences:
        return None
    first = fold(article.text[sentences[0].start : sentences[0].end])
    cut = _OPENING.search(first)
    if cut is None or not (_ACTOR_OPENING.match(first, cut.start()) or _VISIT.search(first, cut.start())):
        return None
    span = subject_before(first, cut.start())[0]
    return _side(article.text, sentences[0].start, span) if span else None


def _alias(article: Article, sentence: tuple[int, int], meeting: Meeting) -> Meeting:
    """«صالح العاروری نیز در این دیدار ...»: a name for the side of the latest meeting that has only a title."""
    folded = fold(article.text[sentence[0] : sentence[1]])
    match = _THIS_MEETING.search(folded)
    span = subject_before(folded, match.start())[0] if match else None
    speaker = _side(article.text, sentence[0], span) if span else None
    sides = (*meeting.who, *meeting.whom)
    if speaker is None or not speaker.name or any(same_participant(speaker, p) for p in sides):
        return meeting
    nameless = [p for p in sides if not p.name]
    if len(nameless) != 1:
        return meeting
    return with_name(meeting, nameless[0], speaker.name)


def _named_speaker(text: str, span: Span) -> Participant | None:
    """The person a Persian sentence names as its speaker («علی شمخانی ... گفت»), for a «وی» after it."""
    folded = fold(text[span.start : span.end])
    if not ARABIC_SCRIPT.search(folded):
        return None
    speech = persian_speech(folded)
    if speech is None or speech.kind != "named" or speech.speaker is None:
        return None
    return _side(text, span.start, speech.speaker)


def _as_side(person: Person | None) -> Participant | None:
    """The article's person a «وی» refers to, as a meeting side: their fullest name and longest title."""
    if person is None:
        return None
    text = " ".join(part for part in (person.name, person.title) if part)
    return Participant(text, person.name, person.title, person.key) if text else None


def extract_meetings(article: Article) -> list[Meeting]:
    """The meetings an article reports, in order, each once, with its first sentence as evidence. A pronoun subject
    («وی») is the article's last named person: the subject of its latest meeting or its latest named
    speaker, one person per name and title within the article (`people.People`, as for statements)."""
    text = article.text
    if not _CUE.search(fold(text)):
        return []
    meetings: list[Meeting] = []
    sentences = split_sentences(text)
    people = People()
    opening = _lead_subject(article, sentences) or _title_speaker(article)
    last = people.resolve(opening, None) if opening else None
    unread: list[str] = []  # English sentences since the last meeting sentence, not parsed yet
    for span in sentences:
        sentence = fold(text[span.start : span.end])
        if not ARABIC_SCRIPT.search(sentence):
            if not _CUE.search(sentence):
                unread.append(text[span.start : span.end])
                continue
            for named in named_subjects(unread):  # read only when a meeting may refer back to them
                last = people.resolve(named, last)
            unread = []
            found_english = _english(article, span, _as_side(last))
            meetings.extend(found_english)
            if found_english:
                last = people.resolve(found_english[-1].who[0], None)
            continue
        founds = []
        if _CUE.search(sentence):
            if meetings and _THIS_MEETING.search(sentence):
                meetings[-1] = _alias(article, span, meetings[-1])
            founds = find_persian(sentence)
        for found in founds:
            meeting = _meeting(article, span, found, _as_side(last))
            if meeting is not None:
                meetings.append(meeting)
                last = people.resolve(meeting.who[0], None)
        speaker = None if founds else _named_speaker(text, span)
        if speaker is not None:
            last = people.resolve(speaker, last)
    return merge_meetings(meetings)
