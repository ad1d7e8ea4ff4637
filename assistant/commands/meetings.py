"""`khabar meetings`: browse who met whom, by person and date, as text or JSON (meetings and their graph)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

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
from index.meetings.model import STATUSES
from index.meetings.query import MeetingFilter, MeetingRecord, find_meetings, meeting_graph


def register(commands: argparse._SubParsersAction) -> None:
    """Add the meetings parser."""
    parser = commands.add_parser("meetings", help="list who met whom (by person, date, status)")
    parser.add_argument("--person", default="", help="a name, title or key, e.g. شمخانی")
    parser.add_argument(
        "--since",
        type=day_argument,
        help="meetings on or after (e.g. 1400-02-25 or 2021-05-15; the article date when undated)",
    )
    parser.add_argument("--until", type=day_argument, help="meetings on or before (e.g. 1400-02-25 or 2021-05-15)")
    parser.add_argument("--status", choices=STATUSES)
    parser.add_argument("--limit", type=positive_int, default=50)
    parser.add_argument("--json", action="store_true", help="print the meetings and their graph as JSON")
    add_index_options(parser)
    parser.set_defaults(run=run)


def as_json(meetings: list[MeetingRecord]) -> dict:
    """The meetings and their graph as JSON-ready data."""
    graph = meeting_graph(meetings)
    return {
        "meetings": [asdict(m) for m in meetings],
        "graph": {
            "nodes": [asdict(n) for n in graph.nodes],
            "edges": [
                {"source": e.source, "target": e.target, "meetings": [m.id for m in e.meetings]} for e in graph.edges
            ],
        },
    }


def run(args: argparse.Namespace) -> int:
    """Print the matching meetings, newest first; exit 1 when there are none."""
    where = MeetingFilter(args.person, args.since, args.until, args.status, args.limit)
    with opened_index(args) as news_index:
        meetings = find_meetings(news_index.manifest.connection, where)
    if args.json:
        print_json(as_json(meetings))
        return EXIT_OK if meetings else EXIT_NEGATIVE
    for meeting in meetings:
        day = meeting.jalali or (meeting.day.isoformat() if meeting.day else "undated")
        print(f"{day}  {meeting.status:8}  {meeting.kind:8}  {meeting_line(meeting, True, True, 200)}")
        print(f"    «{meeting.evidence}»")
        print(f"    {meeting.title} — {meeting.url or meeting.article_id}")
    if not meetings:
        print("no meetings match")
    return EXIT_OK if meetings else EXIT_NEGATIVE
