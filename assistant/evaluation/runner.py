"""Runs an eval question set through the assistant, per retrieval mode and question language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.app import Assistant, QuestionError
from assistant.batch import BatchInputError, answer_row, question_rows
from assistant.evaluation.metrics import Scores, score
from assistant.retrieval.hybrid import Mode

LANGUAGE_FIELDS = {"fa": "question", "en": "question_en"}


@dataclass(frozen=True)
class Row:
    """The scores of one (retrieval mode, question language) run over a question set."""

    mode: Mode
    language: str
    scores: Scores


def load_questions(path: Path) -> list[dict]:
    """The rows of an eval question file; errors name the file and line."""
    rows = []
    for number, row in question_rows(path):
        if "id" not in row:
            raise BatchInputError(f"{path}, line {number}: field 'id' is missing")
        rows.append(row)
    return rows


def languages_of(questions: Sequence[dict]) -> list[str]:
    """The question languages the set has: Persian always, English when every row has question_en."""
    return ["fa", "en"] if questions and all(q.get("question_en") for q in questions) else ["fa"]


def answer_all(assistant: Assistant, questions: Sequence[dict], mode: Mode, language: str, k: int) -> list[dict]:
    """Answers in the batch answer format, asking each question in the given language."""
    field = LANGUAGE_FIELDS[language]
    answers = []
    for question in questions:
        try:
            answers.append(answer_row(question["id"], assistant.ask(question[field], k=k, mode=mode)))
        except QuestionError as error:
            answers.append({"id": question["id"], "found": False, "answer": "", "error": str(error)})
    return answers


def evaluate(
    assistant: Assistant, questions: Sequence[dict], modes: Sequence[Mode], languages: Sequence[str], k: int = 10
) -> list[Row]:
    """One scored row per language and retrieval mode."""
    return [
        Row(mode, language, score(questions, answer_all(assistant, questions, mode, language, k)))
        for language in languages
        for mode in modes
    ]
