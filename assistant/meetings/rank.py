"""Scoring candidate meetings against a who-met-whom question: its words in the participants and the sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.meetings.question import MeetingQuestion
from index.meetings.fold import words
from index.meetings.query import MeetingRecord


@dataclass(frozen=True)
class Scored:
    """A candidate meeting with how well its participants, article rank and meaning fit the question."""

    meeting: MeetingRecord
    names: float
    coverage: float
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


def rough_scores(
    asked: MeetingQuestion, candidates: Sequence[MeetingRecord], weights: dict[str, float], order: dict[str, int]
) -> list[Scored]:
    """Candidates scored without meaning (similarity 0), best first: question words on either side, words of the
    sentence or headline, the article's retrieval rank, and the status the question asks about."""
    total_weight = sum(weights.values()) or 1.0
    scored = []
    for meeting in candidates:
        who, whom = _side_words(meeting, "who"), _side_words(meeting, "whom")
        on_who = sum(w for t, w in weights.items() if matches(t, who))
        on_whom = sum(w for t, w in weights.items() if matches(t, whom))
        named = who | whom
        sentence = set(words(f"{meeting.evidence} {meeting.title}")) - named
        context = sum(w for t, w in weights.items() if not matches(t, named) and matches(t, sentence))
        covered = sum(w for t, w in weights.items() if matches(t, named | sentence)) / total_weight
        rank = order.get(meeting.article_id)
        status = 2.0 if asked.status and meeting.status == asked.status else 0.0
        score = on_who + on_whom + 0.5 * context + (2.0 / (rank + 1) if rank is not None else 0.0) + status
        scored.append(Scored(meeting, on_who + on_whom, covered, rank, 0.0, score, on_who >= on_whom))
    return sorted(scored, key=lambda s: s.total, reverse=True)
