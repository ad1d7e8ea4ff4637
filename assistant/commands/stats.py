"""`khabar stats`: what the index holds and where."""

from __future__ import annotations

import argparse

from assistant.commands.common import EXIT_OK, add_index_options, opened_index, print_json


def register(commands: argparse._SubParsersAction) -> None:
    """Add the stats parser."""
    parser = commands.add_parser("stats", help="what the index holds")
    parser.add_argument("--json", action="store_true")
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the figures."""
    with opened_index(args) as news_index:
        figures = news_index.stats()
    if args.json:
        print_json(figures)
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return EXIT_OK
