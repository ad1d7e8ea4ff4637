"""`khabar eval QUESTIONS.jsonl`: answer an eval set per retrieval mode and print the quality table."""

from __future__ import annotations

import argparse
import tempfile
from contextlib import ExitStack
from pathlib import Path

from assistant.commands.common import EXIT_OK, EXIT_USAGE, CommandError, add_index_options, opened_index, print_json
from index.embeddings import make_embedder
from index.ingest import Ingestor
from index.loaders import load_source
from index.progress import TerminalProgress


def _modes(value: str) -> list[str]:
    """A comma-separated list of retrieval modes."""
    from assistant.retrieval.hybrid import MODES  # the answering stack loads only for the commands that answer

    modes = [m.strip() for m in value.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if not modes or unknown:
        raise argparse.ArgumentTypeError(f"modes must be among {', '.join(MODES)}; got {value!r}")
    return modes


def register(commands: argparse._SubParsersAction) -> None:
    """Add the eval parser."""
    parser = commands.add_parser("eval", help="measure answer quality on an eval question set")
    parser.add_argument("questions", type=Path, metavar="QUESTIONS.jsonl")
    parser.add_argument("--corpus", metavar="PATH", help="ingest this corpus first (into --index, else a temp index)")
    parser.add_argument("--modes", type=_modes, default="hybrid,dense,bm25", help="comma-separated: hybrid,dense,bm25")
    parser.add_argument("--languages", default=None, help="fa,en (default: en too when every row has question_en)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    add_index_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Ingest the corpus when given, answer the questions per mode and language, print the table."""
    from assistant.app import Assistant
    from assistant.evaluation.runner import evaluate, languages_of, load_questions
    from assistant.evaluation.table import as_json, markdown

    questions = load_questions(args.questions)
    languages = args.languages.split(",") if args.languages else languages_of(questions)
    if set(languages) - {"fa", "en"}:
        raise CommandError(f"languages must be fa and/or en; got {args.languages!r}", EXIT_USAGE)
    with ExitStack() as stack:
        if args.corpus and not args.index:
            args.index = stack.enter_context(tempfile.TemporaryDirectory(prefix="khabar-eval-"))
        news_index = stack.enter_context(opened_index(args))
        embedder = make_embedder(news_index.settings.embedder)
        if args.corpus:
            items = list(load_source(args.corpus))
            print(Ingestor(news_index, embedder).ingest(items, TerminalProgress(total=len(items))).summary())
        rows = evaluate(Assistant(news_index, embedder), questions, args.modes, languages)
    if args.json:
        print_json(as_json(rows))
    else:
        print(markdown(rows))
    return EXIT_OK
