"""Batch answering: a JSONL of questions in, a JSONL of answers out (the eval answer format)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from assistant.answer import Answer
from assistant.app import Assistant, QuestionError


class BatchInputError(ValueError):
    """A questions file that cannot be read, naming the file and line."""


def json_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, row) of each object of a JSONL file; errors name the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise BatchInputError(f"{path}: cannot read: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise BatchInputError(f"{path}, line {number}: not JSON: {error.msg}") from error
        if not isinstance(row, dict):
            raise BatchInputError(f"{path}, line {number}: not a JSON object")
        yield number, row


def _strings(value: object) -> bool:
    """Whether a field is a list of strings."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def read_questions(path: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(id, question, history) of each row: `question` with an optional `history` of earlier questions, or a
    conversation's `turns` (the last one asked after the others, as followup-dev has them); other fields are
    ignored."""
    for number, row in json_rows(path):
        question_id = str(row.get("id", number))
        if isinstance(row.get("question"), str):
            if not _strings(row.get("history", [])):
                raise BatchInputError(f"{path}, line {number}: field 'history' must be a list of questions")
            yield question_id, row["question"], row.get("history", [])
        elif _strings(row.get("turns")) and row["turns"]:
            yield question_id, row["turns"][-1], row["turns"][:-1]
        else:
            raise BatchInputError(f"{path}, line {number}: field 'question' must be a string (or 'turns' a list)")


def answer_row(question_id: str, answer: Answer) -> dict:
    """One line of the answer format: id, found, answer, citations, retrieved, latency_ms."""
    citations = [
        {
            "n": c.n,
            "article_id": c.article_id,
            "title": c.title,
            "url": c.url,
            "quote": c.quote,
            "source": c.source,
            "start": c.start,
            "end": c.end,
        }
        for c in answer.citations
    ]
    return {
        "id": question_id,
        "found": answer.found,
        "answer": answer.text,
        "citations": citations,
        "retrieved": answer.retrieved,
        "latency_ms": answer.latency_ms,
    }


def run_batch(assistant: Assistant, path: Path, out: TextIO, k: int) -> int:
    """Answer every question of the file into `out`; returns how many were answered (found)."""
    found = 0
    for question_id, question, history in read_questions(path):
        try:
            row = answer_row(question_id, assistant.ask(question, k=k, history=history or None))
        except QuestionError as error:
            row = {
                "id": question_id,
                "found": False,
                "answer": "",
                "error": str(error),
                "citations": [],
                "retrieved": [],
                "latency_ms": 0.0,
            }
        found += bool(row["found"])
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()
    return found
