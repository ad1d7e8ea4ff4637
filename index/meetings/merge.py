"""Telling participants and meetings apart: the same person under two spellings, the same meeting told twice."""

from __future__ import annotations

from dataclasses import replace

from index.meetings.fold import words
from index.meetings.model import Meeting, Participant
from index.meetings.participants import name_key, title_key


def same_participant(a: Participant, b: Participant) -> bool:
    """Whether two participants are one: equal keys, equal titles, or one's key words all within the other's text."""
    if a.key == b.key:
        return True
    if a.title and b.title and title_key(a.title) == title_key(b.title):
        return True
    a_key, b_key = set(a.key.split()), set(b.key.split())
    return a_key <= set(words(b.text)) or b_key <= set(words(a.text))


def _combined(a: Participant, b: Participant) -> Participant:
    """One participant holding the name and title either gives."""
    name = a.name or b.name
    title = a.title if len(a.title) >= len(b.title) else b.title
    text = a.text if len(a.text) >= len(b.text) else b.text
    return Participant(text, name, title, name_key(name) if name else a.key)


def with_name(meeting: Meeting, side: Participant, name: str) -> Meeting:
    """The meeting with a name given to one of its title-only participants."""
    named = Participant(side.text, name, side.title or side.text, name_key(name))

    def swap(group: tuple[Participant, ...]) -> tuple[Participant, ...]:
        """The group with the title-only participant replaced by the named one."""
        return tuple(named if p is side else p for p in group)

    return replace(meeting, who=swap(meeting.who), whom=swap(meeting.whom))


def _sides_match(a: Meeting, b: Meeting) -> tuple[bool, bool]:
    """(same meeting, sides crossed): every side of one matches a side of the other."""
    straight = all(any(same_participant(x, y) for y in b.who) for x in a.who) and all(
        any(same_participant(x, y) for y in b.whom) for x in a.whom
    )
    crossed = all(any(same_participant(x, y) for y in b.whom) for x in a.who) and all(
        any(same_participant(x, y) for y in b.who) for x in a.whom
    )
    return straight or crossed, crossed and not straight


def _merge(first: Meeting, later: Meeting, crossed: bool) -> Meeting:
    """The first telling, completed with what the later one adds (names, titles, place, date)."""
    who, whom = (later.whom, later.who) if crossed else (later.who, later.whom)
    if len(first.who) == len(who) == 1 and len(first.whom) == len(whom) == 1:
        first = replace(first, who=(_combined(first.who[0], who[0]),), whom=(_combined(first.whom[0], whom[0]),))
    return replace(first, place=first.place or later.place, when=first.when if first.when.text else later.when)


def merge_meetings(meetings: list[Meeting]) -> list[Meeting]:
    """Meetings told more than once in an article, merged into the first telling of each."""
    merged: list[Meeting] = []
    for meeting in meetings:
        for index, kept in enumerate(merged):
            same, crossed = _sides_match(kept, meeting)
            if same and kept.status == meeting.status and kept.kind == meeting.kind:
                merged[index] = _merge(kept, meeting, crossed)
                break
        else:
            merged.append(meeting)
    return merged
