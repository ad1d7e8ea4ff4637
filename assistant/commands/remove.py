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
    """Remove the articles together; exit 1 when some id or URL is unknown."""
    with opened_index(args) as news_index:
        removed = news_index.remove_all(args.keys)
    for key, article_id in removed.items():
        if article_id is None:
            warn(f"no article with id or URL {key!r}")
        else:
            print(f"removed {article_id}")
    return EXIT_NEGATIVE if None in removed.values() else EXIT_OK
