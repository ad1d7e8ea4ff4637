"""`khabar ingest PATH_OR_URL...`: index files, directories, URLs or feeds, with progress and a summary."""

from __future__ import annotations

import argparse

from assistant.commands.common import EXIT_INTERRUPTED, EXIT_NEGATIVE, EXIT_OK, add_index_options, opened_index, warn
from assistant.config import fetch_policy
from index.embeddings import make_embedder
from index.ingest import Ingestor
from index.loaders import load_source
from index.progress import TerminalProgress


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ingest parser."""
    parser = commands.add_parser("ingest", help="index files, directories, URLs or feeds")
    parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load every source and ingest it; exit 1 when some inputs failed, 130 when interrupted."""
    policy = fetch_policy()
    items = [item for source in args.sources for item in load_source(source, policy)]
    with opened_index(args) as news_index:
        ingestor = Ingestor(news_index, lambda: make_embedder(news_index.settings.embedder))
        report = ingestor.ingest(items, TerminalProgress(total=len(items)))
    for _origin, reason in report.failed:
        warn(f"failed: {reason}")
    print(report.summary())
    if report.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_NEGATIVE if report.failed else EXIT_OK
