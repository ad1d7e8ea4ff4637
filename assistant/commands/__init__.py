"""The `khabar` subcommands, one module each: a `register` that adds its parser and a `run`."""

from __future__ import annotations

from types import ModuleType

from assistant.commands import ask, evaluate, ingest, meetings, people, remove, serve, stats

COMMANDS: tuple[ModuleType, ...] = (ingest, ask, remove, stats, evaluate, serve, meetings, people)
