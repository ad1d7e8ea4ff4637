"""`khabar stats`: what the index holds, how much of it is dated and from where."""

from __future__ import annotations

import argparse
from datetime import datetime

from assistant.commands.common import EXIT_OK, add_index_options, opened_index, print_json


def register(commands: argparse._SubParsersAction) -> None:
    """Add the stats parser."""
    parser = commands.add_parser("stats", help="what the index holds")
    parser.add_argument("--json", action="store_true")
    add_index_options(parser)
    parser.set_defaults(run=run)


def stats_lines(figures: dict) -> list[str]:
    """The figures for a person: counts grouped, the last ingest as a local time, dated articles by origin."""
    lines = []
    for key, value in figures.items():
        if key == "last_ingest":
            value = datetime.fromtimestamp(value).strftime("%Y-%m-%d %H:%M:%S") if value else "never"
        elif key == "dated":
            share = value / figures["articles"] if figures["articles"] else 0.0
            value = f"{value:,} of {figures['articles']:,} ({share:.1%})"
        elif key == "dated_from":
            value = ", ".join(f"{origin}: {count:,}" for origin, count in value.items()) or "—"
        elif key == "sources":
            value = ", ".join(f"{source or 'unknown'}: {count:,}" for source, count in value.items()) or "—"
        elif isinstance(value, int):
            value = f"{value:,}"
        lines.append(f"{key}: {value}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the figures."""
    with opened_index(args) as news_index:
        figures = news_index.stats()
    if args.json:
        print_json(figures)
    else:
        print("\n".join(stats_lines(figures)))
    return EXIT_OK
