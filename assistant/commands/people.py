"""`khabar people`: find a person and print their page (spellings, titles, meetings, statements), as text or JSON."""

from __future__ import annotations

import argparse

from assistant.commands.common import (
    EXIT_NEGATIVE,
    EXIT_OK,
    add_index_options,
    day_argument,
    opened_index,
    positive_int,
    print_json,
)
from assistant.meetings.lines import meeting_line
from assistant.meetings.people_json import page_json, person_json
from index.meetings.persons import PERSON_ID, PersonPage, find_people, person_page


def register(commands: argparse._SubParsersAction) -> None:
    """Add the people parser."""
    parser = commands.add_parser("people", help="find a person; print their spellings, meetings and statements")
    parser.add_argument("query", nargs="?", default="", help="a name, spelling, title or person id, e.g. شمخانی")
    parser.add_argument("--list", action="store_true", help="list the people found instead of the best one's page")
    parser.add_argument("--since", type=day_argument, help="meetings and statements on or after (article date)")
    parser.add_argument("--until", type=day_argument, help="meetings and statements on or before")
    parser.add_argument("--limit", type=positive_int, default=20, help="people listed, statements printed")
    parser.add_argument("--json", action="store_true", help="print the page (or the list) as JSON")
    add_index_options(parser)
    parser.set_defaults(run=run)


def _print_page(page: PersonPage, limit: int) -> None:
    """The page as text: who, spellings and titles, then meetings and statements, newest first, with sources."""
    person = page.person
    print(f"{person.label}  [{person.id}]")
    print(f"  {person.articles} articles, {len(page.meetings)} meetings, {len(page.statements)} statements")
    print(f"  spellings: {' · '.join(person.spellings)}")
    if person.titles:
        print(f"  titles: {' · '.join(person.titles)}")
    for meeting in page.meetings:
        day = meeting.day.isoformat() if meeting.day else "undated"
        print(f"{day}  {meeting.status:8}  {meeting_line(meeting, True, True, 200)}")
        print(f"    «{meeting.evidence}»")
        print(f"    {meeting.title} — {meeting.source} — {meeting.url or meeting.article_id}")
    for statement in page.statements[:limit]:
        day = statement.published.isoformat() if statement.published else "undated"
        print(f"{day}  said  «{statement.sentence}»")
        print(f"    {statement.title} — {statement.source} — {statement.url or statement.article_id}")
    if len(page.statements) > limit:
        print(f"… {len(page.statements) - limit} more statements (--limit)")


def run(args: argparse.Namespace) -> int:
    """Print the best match's page (or, with --list, the people found); exit 1 when nobody matches."""
    with opened_index(args) as news_index:
        db = news_index.manifest.connection
        query = args.query.strip()
        if PERSON_ID.fullmatch(query) and not args.list:
            ids = [query]
        else:
            found = find_people(db, query, args.limit)
            if args.list:
                if args.json:
                    print_json([person_json(p) for p in found])
                for person in [] if args.json else found:
                    print(f"{person.id}  {person.label}  ({person.meetings} meetings, {person.statements} statements)")
                return EXIT_OK if found else EXIT_NEGATIVE
            ids = [p.id for p in found[:1]]
        page = person_page(db, ids[0], args.since, args.until) if ids else None
    if page is None:
        print(f"nobody named {query!r}")
        return EXIT_NEGATIVE
    if args.json:
        print_json(page_json(page))
    else:
        _print_page(page, args.limit)
    return EXIT_OK
