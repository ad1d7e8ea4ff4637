"""People as JSON-ready data, for the API and `khabar people --json`: a person, their page, their statements."""

from __future__ import annotations

from datetime import date

from index.meetings.persons import PersonPage, PersonSummary
from index.meetings.query import MeetingRecord
from index.meetings.said import StatementRecord


def person_json(person: PersonSummary) -> dict:
    """A person as JSON-ready data."""
    return {
        "id": person.id,
        "name": person.name,
        "title": person.title,
        "label": person.label,
        "spellings": list(person.spellings),
        "titles": list(person.titles),
        "articles": person.articles,
        "meetings": person.meetings,
        "statements": person.statements,
    }


def _article(article_id: str, title: str, source: str, published: date | None, url: str) -> dict:
    """The citation of a sentence: its article."""
    return {"article_id": article_id, "title": title, "source": source, "published": published, "url": url}


def statement_json(statement: StatementRecord, person_id: str) -> dict:
    """A statement as JSON-ready data, with its article."""
    s = statement
    return {
        "id": s.id,
        "person": person_id,
        "mention": s.mention,
        "kind": s.kind,
        "sentence": s.sentence,
        "start": s.start,
        "end": s.end,
        "article": _article(s.article_id, s.title, s.source, s.published, s.url),
    }


def _person_meeting_json(meeting: MeetingRecord) -> dict:
    """A meeting of a person's page as JSON-ready data."""
    m = meeting
    return {
        "id": m.id,
        "status": m.status,
        "day": m.day,
        "place": m.place,
        "who": [p.label for p in m.who],
        "whom": [p.label for p in m.whom],
        "evidence": {"text": m.evidence, "start": m.start, "end": m.end},
        "article": _article(m.article_id, m.title, m.source, m.published, m.url),
    }


def page_json(page: PersonPage) -> dict:
    """A person's page as JSON-ready data."""
    return {
        "person": person_json(page.person),
        "meetings": [_person_meeting_json(m) for m in page.meetings],
        "statements": [statement_json(s, page.person.id) for s in page.statements],
    }
