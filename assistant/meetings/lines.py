"""One line per meeting, in the question's language: who, whom, status, when and where."""

from __future__ import annotations

from index.meetings.model import Participant
from index.meetings.query import MeetingRecord

MAX_TITLE_WORDS = 7  # a role or two in a line that stays readable; chosen for display, not on any eval set


def whole_roles(title: str, budget: int = MAX_TITLE_WORDS) -> str:
    """A title shortened to its first roles that fit `budget` words, never cut inside a role: «نماینده مقام معظم
    رهبری و دبیر شورای عالی امنیت ملی» → «نماینده مقام معظم رهبری», not «… و دبیر شورای»."""
    roles = [role.strip() for role in title.split(" و ") if role.strip()]
    kept: list[str] = []
    for role in roles:
        if kept and len(" و ".join([*kept, role]).split()) > budget:
            break
        kept.append(role)
    return " و ".join(kept)


def short_label(participant: Participant, limit: int) -> str:
    """A participant's name with its title shortened to whole roles, or the title alone, within `limit` characters."""
    title = whole_roles(participant.title)
    label = f"{participant.name} ({title})" if participant.name and title else participant.name or title
    label = label or participant.text
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _side(people: tuple[Participant, ...], limit: int, joiner: str) -> str:
    """The labels of one side joined («X و Y»)."""
    share = max(24, limit // max(1, len(people)))
    return joiner.join(short_label(p, share) for p in people)


def meeting_line(meeting: MeetingRecord, persian: bool, subject_first: bool, limit: int) -> str:
    """«X با Y دیدار کرد (when، در where)» / "X met Y (when, in where)", with planned and denied worded as such and
    a call said to be one."""
    first, second = (meeting.who, meeting.whom) if subject_first else (meeting.whom, meeting.who)
    joiner = " و " if persian else " and "
    a, b = _side(first, limit // 2, joiner), _side(second, limit // 2, joiner)
    when = meeting.jalali if persian and meeting.jalali else meeting.date.isoformat() if meeting.date else ""
    when = when or meeting.when_text
    details = [
        d for d in (when, (f"در {meeting.place}" if persian else f"in {meeting.place}") if meeting.place else "") if d
    ]
    suffix = f" ({'، '.join(details) if persian else ', '.join(details)})" if details else ""
    forms = (FORMS_FA if persian else FORMS_EN)[meeting.kind if meeting.kind == "call" else "meeting"]
    return forms[meeting.status].format(a=a, b=b) + suffix


FORMS_FA = {
    "meeting": {
        "happened": "{a} با {b} دیدار کرد",
        "planned": "قرار است {a} با {b} دیدار کند",
        "denied": "دیدار {a} با {b} تکذیب شد",
    },
    "call": {
        "happened": "{a} با {b} تلفنی گفت‌وگو کرد",
        "planned": "قرار است {a} با {b} تلفنی گفت‌وگو کند",
        "denied": "گفت‌وگوی تلفنی {a} با {b} تکذیب شد",
    },
}
FORMS_EN = {
    "meeting": {
        "happened": "{a} met {b}",
        "planned": "{a} is to meet {b}",
        "denied": "{a}'s meeting with {b} was denied",
    },
    "call": {
        "happened": "{a} spoke by phone with {b}",
        "planned": "{a} is to speak by phone with {b}",
        "denied": "{a}'s call with {b} was denied",
    },
}
"""How a meeting line is worded, by kind (a call is said to be one; talks and transfers read as meetings do) and
status."""
