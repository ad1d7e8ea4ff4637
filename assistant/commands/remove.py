"""`khabar remove ID_OR_URL...`: delete articles from every part of the index."""

from __future__ import annotations

import argparse

from assistant.commands.common import EXIT_NEGATIVE, EXIT_OK, add_index_options, opened_index, warn


def register(commands: argparse._SubParsersAction) -> None:
    """Add the remove parser."""
    parser = commands.add_parser("remove", help="remove articles by id or URL")
    parser.add_argument("keys", nargs="+", metavar="ID_OR_URL")
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Remove each article; exit 1 when some id or URL is unknown."""
    missing = 0
    with opened_index(args) as news_index:
        for key in args.keys:
            removed = news_index.remove(key)
            if removed is None:
                missing += 1
                warn(f"no article with id or URL {key!r}")
            else:
                print(f"removed {removed}")
    return EXIT_NEGATIVE if missing else EXIT_OK
