"""Meetings for the web app (no FastAPI, no Gradio): filters from form/query text, JSON, and escaped HTML and SVG.

The who-met-whom graph is an inline SVG drawn here, server-side (`layout.py` places it): people as circles with
their names, edges as lines, each edge a link to its entry in the list below the drawing, a `<details>` that opens
on the edge's cited sentences; a person opens their page (the page's head script hands the click to the UI).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from html import escape
from urllib.parse import urlparse

from assistant.meetings.lines import short_label
from assistant.retrieval.filters import form_day
from assistant.web.layout import FONT_SIZE, layout
from index.meetings.model import STATUSES, Participant
from index.meetings.query import GraphNode, MeetingFilter, MeetingGraph, MeetingRecord

MEETING_COLUMNS = ("who", "whom", "when", "where", "status", "source")
"""Columns of the meetings table."""
STATUS_LABELS = {"happened": "انجام شد", "planned": "برنامه‌ریزی شده", "denied": "تکذیب شد"}
"""Each status in Persian, for the UI."""
TOP_PEOPLE = 30
"""The graph shows this many people by default, the busiest (it stays readable on a laptop screen at 30)."""
_LABEL_CHARS = 28


def _e(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def safe_url(url: str) -> str | None:
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
        "kind": meeting.kind,
        "day": meeting.day,
        "quote": meeting.evidence,
        "start": meeting.start,
        "end": meeting.end,
        "article_id": meeting.article_id,
        "title": meeting.title,
        "url": meeting.url,
    }


def graph_json(graph: MeetingGraph, top: int | None = None) -> dict:
    """The graph as JSON-ready data: its `top` busiest nodes (all with None), and the edges among them each with its
    cited sentences."""
    nodes = graph.nodes[:top] if top else graph.nodes
    kept = {node.key for node in nodes}
    return {
        "nodes": [asdict(node) for node in nodes],
        "edges": [
            {"source": e.source, "target": e.target, "meetings": [_cited(m) for m in e.meetings]}
            for e in graph.edges
            if e.source in kept and e.target in kept
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
    safe = safe_url(meeting.url)
    if not safe:
        return f'<span class="kh-m-source" dir="auto">{title}</span>'
    return f'<a class="kh-m-source" href="{_e(safe)}" target="_blank" rel="noopener noreferrer" dir="auto">{title}</a>'


KIND_LABELS = {"call": "تماس · call", "transfer": "نقل‌وانتقال · transfer", "talks": "گفت‌وگو · talks"}
"""What a row that is not a meeting is labelled with beside its status."""


def _status(meeting: MeetingRecord) -> str:
    """The status as a labelled badge, and the kind when the row is not a meeting (a call, a transfer)."""
    label = STATUS_LABELS.get(meeting.status, meeting.status)
    badge = f'<span class="kh-m-status kh-m-{_e(meeting.status)}" data-status="{_e(meeting.status)}">{_e(label)}</span>'
    if meeting.kind in KIND_LABELS:
        badge += f' <span class="kh-m-kind" data-kind="{_e(meeting.kind)}">{_e(KIND_LABELS[meeting.kind])}</span>'
    return badge


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


def _radius(meetings: int) -> float:
    """A node's radius: larger for more meetings."""
    return float(min(6 + 2 * meetings, 16))


def top_people(graph: MeetingGraph, top: int) -> tuple[GraphNode, ...]:
    """The `top` busiest people, each with someone they met among them: by meetings, a person whose partners are
    all left out brings their busiest partner along (a person without an edge in the drawing tells nothing)."""
    linked: dict[str, set[str]] = {}
    for edge in graph.edges:
        linked.setdefault(edge.source, set()).add(edge.target)
        linked.setdefault(edge.target, set()).add(edge.source)
    rank = {node.key: n for n, node in enumerate(graph.nodes)}
    kept: dict[str, None] = {}
    for node in graph.nodes:
        if len(kept) >= top:
            break
        if node.key in kept or node.key not in linked:
            continue
        if linked[node.key] & kept.keys():
            kept[node.key] = None
        elif len(kept) + 2 <= top:
            kept[node.key] = None
            kept[min(linked[node.key], key=rank.__getitem__)] = None
    return tuple(sorted((graph.nodes[rank[key]] for key in kept), key=lambda n: rank[n.key]))


def graph_svg(graph: MeetingGraph, top: int = TOP_PEOPLE, prefix: str = "kh-edge") -> str:
    """The graph of its `top` busiest people as inline SVG (a force-directed layout whose labels never overlap;
    a person opens their page, an edge links to its cited sentences) and the list of those sentences."""
    if top <= 0:
        raise ValueError(f"top must be greater than 0. Currently, top is {top}")
    nodes = top_people(graph, top)
    index = {node.key: n for n, node in enumerate(nodes)}
    edges = [edge for edge in graph.edges if edge.source in index and edge.target in index]
    if not nodes or not edges:
        return '<p class="kh-m-empty" dir="rtl">گرافی برای نمایش نیست. · Nothing to draw.</p>'
    labels = [_short(node.label) for node in nodes]
    boxes = layout(
        labels,
        [_radius(node.meetings) for node in nodes],
        [(index[e.source], index[e.target], float(len(e.meetings))) for e in edges],
    )
    names = {node.key: node.label for node in nodes}
    lines, items = [], []
    for n, edge in enumerate(edges, start=1):
        a, b = boxes[index[edge.source]], boxes[index[edge.target]]
        anchor = f"{prefix}-{n}"
        pair = f"{names[edge.source]} — {names[edge.target]}"
        width = min(2 + len(edge.meetings), 8)
        lines.append(
            f'<a class="kh-edge" href="#{_e(anchor)}" data-edge="{_e(anchor)}" data-source="{_e(edge.source)}" '
            f'data-target="{_e(edge.target)}"><title>{_e(pair)} ({len(edge.meetings)})</title>'
            f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" stroke-width="{width}"/></a>'
        )
        quotes = "".join(
            f'<li dir="auto"><q class="kh-m-quote">{_e(m.evidence)}</q> {_status(m)} '
            f'<span class="kh-m-day">{_e(_day_text(m))}</span> · {_source_link(m)}</li>'
            for m in edge.meetings
        )
        items.append(
            f'<li><details class="kh-edge-detail" id="{_e(anchor)}"><summary dir="auto">{_e(pair)} '
            f'<span class="kh-m-count">({len(edge.meetings)})</span></summary><ul>{quotes}</ul></details></li>'
        )
    circles = []
    for node, label, box in zip(nodes, labels, boxes, strict=True):
        opens = f' data-person="{_e(node.person)}" role="button" tabindex="0"' if node.person else ""
        circles.append(
            f'<g class="kh-node" data-key="{_e(node.key)}"{opens}><title>{_e(node.label)} ({node.meetings})</title>'
            f'<circle cx="{box.x:.1f}" cy="{box.y:.1f}" r="{box.radius:.0f}"/>'
            f'<text class="kh-label" x="{box.x:.1f}" y="{box.bottom - 3:.1f}" text-anchor="middle" '
            f'font-size="{FONT_SIZE:.0f}">{_e(label)}</text></g>'
        )
    width = max(b.right for b in boxes) + 6
    height = max(b.bottom for b in boxes) + 6
    svg = (
        f'<svg class="kh-graph" role="img" aria-label="who met whom" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" style="max-width:{max(width, 320):.0f}px" '
        f'direction="rtl"><g class="kh-edges">{"".join(lines)}</g><g class="kh-nodes">{"".join(circles)}</g></svg>'
    )
    shown = f"{len(nodes)} از {len(graph.nodes)} نفر · {len(edges)} پیوند"
    return (
        f'<div class="kh-graph-box"><p class="kh-p-meta" dir="rtl">{shown}</p>{svg}'
        f'<ol class="kh-edge-list">{"".join(items)}</ol></div>'
    )
