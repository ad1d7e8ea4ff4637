"""Scoring candidate meetings against a who-met-whom question: its words in the participants and the sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.meetings.question import ASKING_WORDS, MeetingQuestion
from index.meetings.fold import words
from index.meetings.query import MeetingRecord
from index.meetings.spelling import is_latin, sound_similarity

_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z\u00C0-\u024F'’-]{2,}")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Scored:
    """A candidate meeting with how well its participants, article rank and meaning fit the question."""

    meeting: MeetingRecord
    coverage: float  # the share found on the participants, in the sentence, the headline or (once read) the article
    missing: float  # the largest share of one question word found nowhere with the meeting
    named: float  # the weight of the rarest question word on the participants over the rarest word's weight
    rank: int | None
    similarity: float
    total: float
    subject_first: bool


def matches(term: str, have: set[str]) -> bool:
    """A question word among the words, allowing Persian suffixes on longer words."""
    return term in have or (
        len(term) >= 4 and any(w.startswith(term) or (len(w) >= 4 and term.startswith(w)) for w in have)
    )


def _side_words(meeting: MeetingRecord, side: str) -> set[str]:
    """The words naming one side of a meeting (as written, name and title)."""
    return {w for p in getattr(meeting, side) for w in words(f"{p.text} {p.name} {p.title}")}


def latin_names(question: str) -> list[str]:
    """The capitalized Latin words of a question that are not its asking words, possessives cut ("Hamas's" →
    "Hamas"): the names it may hold."""
    found = (_POSSESSIVE.sub("", w) for w in _CAPITALIZED.findall(question))
    return [w for w in found if len(w) > 2 and w.lower() not in ASKING_WORDS]


def name_sound(names: list[str], meeting: MeetingRecord) -> float:
    """How alike the likeliest pair sounds of one of the Latin names and a word of a participant written in another
    script (1: the same sound skeleton, «لاوروف» / Lavrov); 0 without such a pair."""
    written = {w for p in (*meeting.who, *meeting.whom) for w in words(f"{p.text} {p.name}") if not is_latin(w)}
    return max((sound_similarity(name, word) for name in names for word in written), default=0.0)


def _shares(weights: dict[str, float], found: set[str]) -> tuple[float, float]:
    """The share of the question's weight among the words, and the largest share of one word not among them."""
    total = sum(weights.values()) or 1.0
    absent = [w for t, w in weights.items() if not matches(t, found)]
    return (sum(weights.values()) - sum(absent)) / total, max(absent, default=0.0) / total


def read_in_articles(scored: Sequence[Scored], weights: dict[str, float], texts: dict[str, str]) -> list[Scored]:
    """The candidates with coverage and missing words read against their whole article as well (a question's
    «ایرانی» the meeting's sentence lacks and its article holds)."""
    read = []
    for candidate in scored:
        meeting = candidate.meeting
        found = _side_words(meeting, "who") | _side_words(meeting, "whom")
        found |= set(words(f"{meeting.evidence} {meeting.title} {texts.get(meeting.article_id, '')}"))
        coverage, missing = _shares(weights, found)
        read.append(replace(candidate, coverage=coverage, missing=missing))
    return read


def rough_scores(
    asked: MeetingQuestion, candidates: Sequence[MeetingRecord], weights: dict[str, float], order: dict[str, int]
) -> list[Scored]:
    """Candidates scored without meaning (similarity 0), best first: question words on either side, words of the
    sentence or headline, the article's retrieval rank, and the status the question asks about (weights and shares
    read against the question's total weight)."""
    rarest = max(weights.values(), default=0.0) or 1.0
    scored = []
    for meeting in candidates:
        who, whom = _side_words(meeting, "who"), _side_words(meeting, "whom")
        on_who = sum(w for t, w in weights.items() if matches(t, who))
        on_whom = sum(w for t, w in weights.items() if matches(t, whom))
        seated = who | whom
        sentence = set(words(f"{meeting.evidence} {meeting.title}")) - seated
        context = sum(w for t, w in weights.items() if not matches(t, seated) and matches(t, sentence))
        covered, missing = _shares(weights, seated | sentence)
        rarest_seated = max((w for t, w in weights.items() if matches(t, seated)), default=0.0)
        rank = order.get(meeting.article_id)
        status = 2.0 if asked.status and meeting.status == asked.status else 0.0
        score = on_who + on_whom + 0.5 * context + (2.0 / (rank + 1) if rank is not None else 0.0) + status
        scored.append(Scored(meeting, covered, missing, rarest_seated / rarest, rank, 0.0, score, on_who >= on_whom))
    return sorted(scored, key=lambda s: s.total, reverse=True)
