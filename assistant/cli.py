"""The `khabar` command: parses arguments, runs a subcommand, turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys

from assistant.commands import COMMANDS
from assistant.commands.common import EXIT_INDEX, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, CommandError, warn
from index.store.errors import IndexMismatchError, StoreUnavailableError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="khabar", description="Ask questions of news articles; answers cite sources.")
    commands = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 1 negative, 2 usage, 3 index, 130 interrupted)."""
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # a reader that stopped early (`| head -1`) is found here, not at interpreter exit
        return code
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush into the closed pipe
        return EXIT_OK
    except CommandError as error:
        warn(f"error: {error}")
        return error.code
    except ValueError as error:  # QuestionError and BatchInputError too: bad input from the person
        warn(f"error: {error}")
        return EXIT_USAGE
    except (IndexMismatchError, StoreUnavailableError, RuntimeError) as error:
        warn(f"error: {error}")
        return EXIT_INDEX
    except KeyboardInterrupt:
        warn("interrupted")
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
