"""`khabar ask`: answer one question (text or JSON), or a JSONL batch in the eval answer format."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from assistant.commands.common import (
    EXIT_INDEX,
    EXIT_NEGATIVE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    add_answerer_option,
    add_index_options,
    assistant_settings,
    day_argument,
    opened_index,
    positive_int,
    print_json,
)
from assistant.display import is_persian, shown_day
from assistant.retrieval.filters import SearchFilters
from index.embeddings import make_embedder

if TYPE_CHECKING:
    from assistant.answer import Answer


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ask parser."""
    parser = commands.add_parser("ask", help="answer a question, or a JSONL batch of questions")
    parser.add_argument("question", nargs="?")
    parser.add_argument("--batch", type=Path, metavar="QUESTIONS.jsonl")
    parser.add_argument("--out", type=Path, metavar="ANSWERS.jsonl", help="with --batch: write here, not to stdout")
    parser.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    parser.add_argument("--k", type=positive_int, default=5, help="passages to retrieve (default 5; batch: 10)")
    parser.add_argument("--source", help="only articles of this agency")
    parser.add_argument("--category", help="only articles of this category")
    parser.add_argument(
        "--since", type=day_argument, help="only articles published on or after (e.g. 1400-02-25 or 2021-05-15)"
    )
    parser.add_argument(
        "--until", type=day_argument, help="only articles published on or before (e.g. 1400-02-25 or 2021-05-15)"
    )
    add_answerer_option(parser)
    add_index_options(parser)
    parser.set_defaults(run=run)


def print_answer(answer: Answer, stream: TextIO | None = None) -> None:
    """The answer for a person: text, then each source with its quote, or the closest passages."""
    stream = stream or sys.stdout
    if answer.notice:
        print(f"({answer.notice})", file=stream)
    print(answer.text, file=stream)
    if answer.undated_note:
        print(answer.undated_note, file=stream)
    if answer.found:
        persian = is_persian(answer.question)
        print("\nSources:", file=stream)
        for n, citations in groupby(answer.citations, key=lambda citation: citation.n):
            first, *others = citations
            when = shown_day(first.published, persian) if first.published else "undated"
            print(f"[{n}] {first.title} — {first.source or 'unknown agency'}, {when}", file=stream)
            if first.url:
                print(f"    {first.url}", file=stream)
            for citation in (first, *others):
                print(f"    «{citation.quote}»", file=stream)
        return
    print("\nClosest passages:", file=stream)
    for passage in answer.passages[:3]:
        print(f"- {passage.title or passage.article_id}: {passage.text[:200]}…", file=stream)


def answer_json(answer: Answer) -> dict:
    """The answer as `ask --json` prints it: `answer` holds the text, as in `ask --batch`; `text` is the same text
    under its old name, kept for one release."""
    data = answer.to_dict()
    return {"question": data.pop("question"), "answer": data["text"], **data}


def run(args: argparse.Namespace) -> int:
    """Answer; exit 1 when a single question is not answered by the news."""
    if bool(args.question) == bool(args.batch):
        raise CommandError("give either a QUESTION or --batch QUESTIONS.jsonl", EXIT_USAGE)
    from assistant.app import Assistant  # the answering stack loads only for the commands that answer
    from assistant.batch import run_batch

    filters = SearchFilters(args.source, args.category, args.since, args.until)
    settings = assistant_settings(args)
    with opened_index(args) as news_index:
        if news_index.manifest.stats()["articles"] == 0:
            raise CommandError(
                f"the index at {news_index.settings.home} is empty: run `khabar ingest PATH` first", EXIT_INDEX
            )
        assistant = Assistant(news_index, make_embedder(news_index.settings.embedder), settings)
        if args.batch:
            with open(args.out, "w", encoding="utf-8") if args.out else nullcontext(sys.stdout) as out:
                run_batch(assistant, args.batch, out, k=max(args.k, 10))
            return EXIT_OK
        answer = assistant.ask(args.question, k=args.k, filters=filters)
    if args.json:
        print_json(answer_json(answer))
    else:
        print_answer(answer)
    return EXIT_OK if answer.found else EXIT_NEGATIVE
