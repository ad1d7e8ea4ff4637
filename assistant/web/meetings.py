"""Meetings for the web app (no FastAPI, no Gradio): filters from form/query text, JSON, and escaped HTML and SVG.

The who-met-whom graph is an inline SVG drawn here, server-side: nodes on a circle, edges as lines, each edge a
link to its entry in the list below the drawing, a `<details>` that opens on the edge's cited sentences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from html import escape
from urllib.parse import urlparse

from assistant.meetings.lines import short_label
from assistant.retrieval.filters import form_day
from index.meetings.model import STATUSES, Participant
from index.meetings.query import MeetingFilter, MeetingGraph, MeetingRecord

MEETING_COLUMNS = ("who", "whom", "when", "where", "status", "source")
"""Columns of the meetings table."""
STATUS_LABELS = {"happened": "انجام شد", "planned": "برنامه‌ریزی شده", "denied": "تکذیب شد"}
"""Each status in Persian, for the UI."""
MAX_GRAPH_NODES = 40
"""A larger graph keeps its busiest nodes (and the edges among them)."""
_SIZE = 560
_LABEL_CHARS = 28


def _e(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def _safe_url(url: str) -> str | None:
    """The URL when it is http(s), else None (never a javascript: or data: link)."""
    return url if urlparse(url).scheme in ("http", "https") else None


def meeting_filter(
    person: str = "", since: str | None = "", until: str | None = "", status: str | None = "", limit: int = 200
) -> MeetingFilter:
    """The filter of form values (dates as text, "" for any status); ValueError with a readable reason."""
    status = (status or "").strip() or None
    if status is not None and status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    return MeetingFilter(
        (person or "").strip(),
        form_day(since, "since"),
        form_day(until, "until"),
        status,
        limit,  # type: ignore[arg-type]
    )


def meeting_json(meeting: MeetingRecord) -> dict:
    """A meeting as JSON-ready data: participants, status, dates, place, the evidence with its span, the article."""
    data = asdict(meeting)
    data["day"] = meeting.day
    data["evidence"] = {"text": meeting.evidence, "start": meeting.start, "end": meeting.end}
    for key in ("start", "end"):
        data.pop(key)
    return data


def _cited(meeting: MeetingRecord) -> dict:
    """A meeting as an edge cites it: its id, status, day, the sentence with its span, the article."""
    return {
        "id": meeting.id,
        "status": meeting.status,
        "day": meeting.day,
        "quote": meeting.evidence,
        "start": meeting.start,
        "end": meeting.end,
        "article_id": meeting.article_id,
        "title": meeting.title,
        "url": meeting.url,
    }


def graph_json(graph: MeetingGraph) -> dict:
    """The graph as JSON-ready data: nodes, and edges each with its cited sentences."""
    return {
        "nodes": [asdict(node) for node in graph.nodes],
        "edges": [
            {"source": e.source, "target": e.target, "meetings": [_cited(m) for m in e.meetings]} for e in graph.edges
        ],
    }


def _day_text(meeting: MeetingRecord) -> str:
    """When, as the table shows it: the Jalali date, the ISO date, the words of the text, or the article date."""
    if meeting.jalali:
        return meeting.jalali
    if meeting.date:
        return meeting.date.isoformat()
    if meeting.when_text and meeting.published:
        return f"{meeting.when_text} ({meeting.published.isoformat()})"
    return meeting.when_text or (meeting.published.isoformat() if meeting.published else "")


def _people(people: Sequence[Participant]) -> str:
    """Escaped labels of one side, joined."""
    return " و ".join(_e(short_label(p, 80)) for p in people)


def _source_link(meeting: MeetingRecord) -> str:
    """The article's title, a link when its URL is http(s)."""
    title = _e(meeting.title or meeting.article_id)
    safe = _safe_url(meeting.url)
    if not safe:
        return f'<span class="kh-m-source" dir="auto">{title}</span>'
    return f'<a class="kh-m-source" href="{_e(safe)}" target="_blank" rel="noopener noreferrer" dir="auto">{title}</a>'


def _status(meeting: MeetingRecord) -> str:
    """The status as a labelled badge."""
    label = STATUS_LABELS.get(meeting.status, meeting.status)
    return f'<span class="kh-m-status kh-m-{_e(meeting.status)}" data-status="{_e(meeting.status)}">{_e(label)}</span>'


def meetings_table_html(meetings: Sequence[MeetingRecord]) -> str:
    """The meetings as a table: who, whom, when, where, status, source link (the evidence as each row's tooltip)."""
    if not meetings:
        return '<p class="kh-m-empty" dir="rtl">دیداری یافت نشد. · No meetings match.</p>'
    head = "".join(f"<th>{label}</th>" for label in ("دیدارکننده", "با", "زمان", "مکان", "وضعیت", "منبع"))
    rows = [
        f'<tr class="kh-m-row" data-meeting="{_e(m.id)}" title="{_e(m.evidence)}">'
        f'<td dir="auto">{_people(m.who)}</td><td dir="auto">{_people(m.whom)}</td>'
        f'<td dir="auto">{_e(_day_text(m))}</td><td dir="auto">{_e(m.place)}</td>'
        f"<td>{_status(m)}</td><td>{_source_link(m)}</td></tr>"
        for m in meetings
    ]
    return f'<table class="kh-meetings" dir="rtl"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _short(text: str) -> str:
    """A node label short enough for the drawing."""
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def graph_svg(graph: MeetingGraph, prefix: str = "kh-edge") -> str:
    """The graph as inline SVG (nodes on a circle, edges as lines linking to their cited sentences) and that list."""
    nodes = graph.nodes[:MAX_GRAPH_NODES]
    if not nodes or not graph.edges:
        return '<p class="kh-m-empty" dir="rtl">گرافی برای نمایش نیست. · Nothing to draw.</p>'
    center, radius = _SIZE / 2, _SIZE / 2 - 110 if len(nodes) > 2 else _SIZE / 6
    places: dict[str, tuple[float, float]] = {}
    for n, node in enumerate(nodes):
        angle = 2 * math.pi * n / len(nodes) - math.pi / 2
        places[node.key] = (center + radius * math.cos(angle), center + radius * math.sin(angle))
    edges = [edge for edge in graph.edges if edge.source in places and edge.target in places]
    labels = {node.key: node.label for node in nodes}
    lines, items = [], []
    for n, edge in enumerate(edges, start=1):
        (x1, y1), (x2, y2) = places[edge.source], places[edge.target]
        anchor = f"{prefix}-{n}"
        names = f"{labels[edge.source]} — {labels[edge.target]}"
        width = min(2 + len(edge.meetings), 8)
        lines.append(
            f'<a class="kh-edge" href="#{_e(anchor)}" data-edge="{_e(anchor)}" data-source="{_e(edge.source)}" '
            f'data-target="{_e(edge.target)}"><title>{_e(names)} ({len(edge.meetings)})</title>'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{width}"/></a>'
        )
        quotes = "".join(
            f'<li dir="auto"><q class="kh-m-quote">{_e(m.evidence)}</q> {_status(m)} '
            f'<span class="kh-m-day">{_e(_day_text(m))}</span> · {_source_link(m)}</li>'
            for m in edge.meetings
        )
        items.append(
            f'<li><details class="kh-edge-detail" id="{_e(anchor)}"><summary dir="auto">{_e(names)} '
            f'<span class="kh-m-count">({len(edge.meetings)})</span></summary><ul>{quotes}</ul></details></li>'
        )
    circles = []
    for node in nodes:
        x, y = places[node.key]
        anchor = "end" if x < center - 1 else "start" if x > center + 1 else "middle"
        dx = -12 if anchor == "end" else 12 if anchor == "start" else 0
        dy = -14 if y < center and anchor == "middle" else 20 if anchor == "middle" else 4
        circles.append(
            f'<g class="kh-node" data-key="{_e(node.key)}"><title>{_e(node.label)} ({node.meetings})</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{min(6 + 2 * node.meetings, 16)}"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{_e(_short(node.label))}</text></g>'
        )
    top = max(0.0, min(y for _, y in places.values()) - 40)
    height = min(float(_SIZE), max(y for _, y in places.values()) + 40) - top
    svg = (
        f'<svg class="kh-graph" role="img" aria-label="who met whom" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 {top:.0f} {_SIZE} {height:.0f}" width="100%" style="max-width:{_SIZE}px" direction="rtl">'
        f'<g class="kh-edges">{"".join(lines)}</g><g class="kh-nodes">{"".join(circles)}</g></svg>'
    )
    return f'<div class="kh-graph-box">{svg}<ol class="kh-edge-list">{"".join(items)}</ol></div>'


def _place(meeting: MeetingRecord) -> str:
    """· where, when the text gives it."""
    return f' · <span dir="auto">در {_e(meeting.place)}</span>' if meeting.place else ""


def person_html(person: str, meetings: Sequence[MeetingRecord]) -> str:
    """A person's meetings over time, oldest first (undated last), each with its sentence and source."""
    person = person.strip()
    if not person:
        return '<p class="kh-m-empty" dir="rtl">نام یک نفر را بنویسید. · Type a person.</p>'
    if not meetings:
        return f'<p class="kh-m-empty" dir="auto">دیداری برای «{_e(person)}» یافت نشد.</p>'
    ordered = sorted(meetings, key=lambda m: (m.day is None, m.day or date.min))
    items = "".join(
        f'<li class="kh-m-event" data-meeting="{_e(m.id)}"><span class="kh-m-day">{_e(_day_text(m) or "بی‌تاریخ")}'
        f'</span> {_status(m)} <span dir="auto">{_people(m.who)} با {_people(m.whom)}</span>'
        f"{_place(m)}"
        f'<q class="kh-m-quote" dir="auto">{_e(m.evidence)}</q>{_source_link(m)}</li>'
        for m in ordered
    )
    return (
        f'<div class="kh-person" dir="rtl"><h4 dir="auto">{_e(person)} · {len(ordered)} دیدار</h4>'
        f'<ol class="kh-timeline">{items}</ol></div>'
    )
