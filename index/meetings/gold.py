"""A gold set of annotated meetings and the precision and recall of extraction against it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.article import Article
from index.meetings.fold import words
from index.meetings.lexicon import COUNTRIES, TITLE_WORDS
from index.meetings.model import KINDS, STATUSES, Meeting, Participant
from index.text.sentences import split_sentences

_GENERIC = TITLE_WORDS | COUNTRIES | frozenset("جمهور خارجه امور وزارت سابق جدید و".split())


@dataclass(frozen=True)
class GoldMeeting:
    """An annotated meeting: each side as alternative ways the text names it, its status and kind."""

    who: tuple[str, ...]
    whom: tuple[str, ...]
    status: str
    kind: str = "meeting"
    sentence: int | None = None


@dataclass(frozen=True)
class GoldArticle:
    """An annotated article: its id (the FarsNews link), its meetings, its trap when it has none, its split."""

    article: str
    meetings: tuple[GoldMeeting, ...]
    trap: str = ""
    split: str = ""


def load_gold(path: Path) -> list[GoldArticle]:
    """The annotated articles of a JSONL gold file; a bad row raises naming the file and line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            meetings = tuple(
                GoldMeeting(tuple(m["who"]), tuple(m["whom"]), m["status"], m.get("kind", "meeting"), m.get("sentence"))
                for m in row["meetings"]
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(f"{path}, line {number}: not a gold row: {error}") from error
        if any(m.status not in STATUSES for m in meetings):
            raise ValueError(f"{path}, line {number}: status must be one of {', '.join(STATUSES)}")
        if any(m.kind not in KINDS for m in meetings):
            raise ValueError(f"{path}, line {number}: kind must be one of {', '.join(KINDS)}")
        rows.append(GoldArticle(row["article"], meetings, row.get("trap", ""), row.get("split", "")))
    return rows


def side_matches(alternatives: Iterable[str], side: Iterable[Participant]) -> bool:
    """An extracted side names the annotated one: an alternative's words all in a participant, or its key in one."""
    for participant in side:
        have = set(words(f"{participant.text} {participant.name} {participant.title}"))
        key = set(participant.key.split())
        for alternative in alternatives:
            want = set(words(alternative)) - {"و"}
            if want and want <= have:
                return True
            if key - _GENERIC and key <= set(words(alternative)):
                return True
    return False


def matches(gold: GoldMeeting, meeting: Meeting, with_status: bool = True) -> bool:
    """The extracted meeting is the annotated one (either side order; the same kind; the same status unless told
    otherwise)."""
    if gold.kind != meeting.kind or (with_status and gold.status != meeting.status):
        return False
    straight = side_matches(gold.who, meeting.who) and side_matches(gold.whom, meeting.whom)
    return straight or (side_matches(gold.who, meeting.whom) and side_matches(gold.whom, meeting.who))


@dataclass
class Score:
    """Counts over a gold set: extracted meetings right and wrong, annotated meetings found and missed."""

    articles: int = 0
    gold: int = 0
    found: int = 0
    extracted: int = 0
    correct: int = 0
    trap_hits: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of extracted meetings that are annotated ones."""
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Share of annotated meetings that were extracted."""
        return self.found / self.gold if self.gold else 1.0


def _label(meeting: Meeting) -> str:
    """A one-line description of an extracted meeting for error listings."""
    who = " + ".join(p.label for p in meeting.who)
    whom = " + ".join(p.label for p in meeting.whom)
    return f"{meeting.kind} {meeting.status}: {who} <-> {whom}"


def _sentence(article: Article, annotated: GoldMeeting) -> str:
    """The annotated sentence of a missed meeting, as an indented line (empty when the row names none)."""
    spans = split_sentences(article.text)
    if annotated.sentence is None or not 0 <= annotated.sentence < len(spans):
        return ""
    span = spans[annotated.sentence]
    return f"\n    | {article.text[span.start : span.end]}"


def score(
    gold: list[GoldArticle],
    articles: dict[str, Article],
    extract: Callable[[Article], list[Meeting]],
    with_status: bool = True,
    kinds: frozenset[str] = frozenset(KINDS),
) -> Score:
    """Precision and recall of `extract` on the annotated articles found among `articles`, over the given kinds."""
    result = Score()
    for row in gold:
        article = articles.get(row.article)
        if article is None:
            continue
        result.articles += 1
        extracted = [meeting for meeting in extract(article) if meeting.kind in kinds]
        annotated_here = [meeting for meeting in row.meetings if meeting.kind in kinds]
        result.gold += len(annotated_here)
        result.extracted += len(extracted)
        for meeting in extracted:
            if any(matches(g, meeting, with_status) for g in row.meetings):
                result.correct += 1
            else:
                result.errors.append(f"false: {row.article}\n    {_label(meeting)}\n    | {meeting.evidence}")
                if row.trap:
                    result.trap_hits[row.trap] = result.trap_hits.get(row.trap, 0) + 1
        for annotated in annotated_here:
            if any(matches(annotated, meeting, with_status) for meeting in extracted):
                result.found += 1
            else:
                who, whom = "|".join(annotated.who), "|".join(annotated.whom)
                label = f"{annotated.kind} {annotated.status}: {who} <-> {whom}"
                result.errors.append(f"missed: {row.article}\n    {label}{_sentence(article, annotated)}")
    return result
