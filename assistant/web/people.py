"""People for the web app (no FastAPI, no Gradio): the list of people found and a person's page, as HTML.

The page lists every spelling and title of the person, then their meetings and their statements, newest first, each
with its sentence and its citation (article title as a link, agency, date). Text runs right-to-left where it is
Persian (`dir="auto"` on every piece of article text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from assistant.meetings.lines import short_label
from assistant.web.meetings import STATUS_LABELS, safe_url
from index.meetings.persons import PersonPage, PersonSummary
from index.meetings.query import MeetingRecord
from index.meetings.said import StatementRecord

PAGE_STATEMENTS = 60
"""The page shows this many statements (the API returns them all, by date range)."""


def _e(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def _cite(article_id: str, title: str, source: str, published: date | None, url: str) -> str:
    """The citation line: the title (a link when http(s)), the agency and the date."""
    text = _e(title or article_id)
    link = safe_url(url)
    head = (
        f'<a class="kh-p-link" href="{_e(link)}" target="_blank" rel="noopener noreferrer" dir="auto">{text}</a>'
        if link
        else f'<span class="kh-p-link" dir="auto">{text}</span>'
    )
    tail = " · ".join(_e(x) for x in (source, published.isoformat() if published else "بی‌تاریخ") if x)
    return f'<span class="kh-p-cite">{head} <span class="kh-p-meta" dir="auto">{tail}</span></span>'


def _meeting_item(meeting: MeetingRecord) -> str:
    """One meeting of the page: day, status, who met whom, the sentence and the citation."""
    m = meeting
    sides = " با ".join(" و ".join(_e(short_label(p, 80)) for p in side) for side in (m.who, m.whom))
    status = STATUS_LABELS.get(m.status, m.status)
    day = m.day.isoformat() if m.day else "بی‌تاریخ"
    return (
        f'<li class="kh-p-meeting" data-meeting="{_e(m.id)}"><span class="kh-m-day">{_e(day)}</span> '
        f'<span class="kh-m-status kh-m-{_e(m.status)}">{_e(status)}</span> <span dir="auto">{sides}</span>'
        f'<q class="kh-m-quote" dir="auto">{_e(m.evidence)}</q>'
        f"{_cite(m.article_id, m.title, m.source, m.published, m.url)}</li>"
    )


def _statement_item(statement: StatementRecord) -> str:
    """One statement of the page: the sentence and the citation."""
    s = statement
    return (
        f'<li class="kh-p-statement" data-statement="{_e(s.id)}"><q class="kh-m-quote" dir="auto">{_e(s.sentence)}</q>'
        f"{_cite(s.article_id, s.title, s.source, s.published, s.url)}</li>"
    )


def people_list_html(people: Sequence[PersonSummary]) -> str:
    """People found by a search, each a button that opens their page."""
    if not people:
        return '<p class="kh-m-empty" dir="rtl">کسی با این نام یافت نشد. · Nobody by that name.</p>'
    items = "".join(
        f'<li><button type="button" class="kh-p-open" data-person="{_e(p.id)}" dir="auto">{_e(p.label)}</button> '
        f'<span class="kh-p-meta">{p.meetings} دیدار · {p.statements} سخن · {p.articles} خبر</span></li>'
        for p in people
    )
    return f'<ol class="kh-p-people" dir="rtl">{items}</ol>'


def page_html(page: PersonPage | None) -> str:
    """A person's page: name, spellings, titles, then meetings and statements, newest first, each cited."""
    if page is None:
        return '<p class="kh-m-empty" dir="rtl">یک نفر را در گراف یا فهرست انتخاب کنید. · Pick a person.</p>'
    p = page.person
    spellings = "".join(f'<li dir="auto">{_e(s)}</li>' for s in p.spellings)
    titles = "".join(f'<li dir="auto">{_e(t)}</li>' for t in p.titles) or "<li>—</li>"
    meetings = "".join(_meeting_item(m) for m in page.meetings) or '<li class="kh-m-empty">—</li>'
    shown = page.statements[:PAGE_STATEMENTS]
    statements = "".join(_statement_item(s) for s in shown) or '<li class="kh-m-empty">—</li>'
    more = (
        f'<p class="kh-p-meta">{len(shown)} از {len(page.statements)} · /api/statements?person={_e(p.id)}</p>'
        if len(page.statements) > len(shown)
        else ""
    )
    return (
        f'<article class="kh-person-page" dir="rtl" data-person="{_e(p.id)}">'
        f'<h3 dir="auto">{_e(p.name or p.title)}</h3>'
        f'<p class="kh-p-meta">{p.articles} خبر · {len(page.meetings)} دیدار · {len(page.statements)} سخن</p>'
        f'<h4>نام‌ها · Spellings</h4><ul class="kh-p-spellings">{spellings}</ul>'
        f'<h4>عنوان‌ها · Titles</h4><ul class="kh-p-titles">{titles}</ul>'
        f'<h4>دیدارها · Meetings</h4><ol class="kh-p-meetings">{meetings}</ol>'
        f'<h4>سخنان · Statements</h4><ol class="kh-p-statements">{statements}</ol>{more}</article>'
    )
