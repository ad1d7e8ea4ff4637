"""Runs an eval question set through the assistant, per retrieval mode and question language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import Answer
from assistant.answering.extractive import AnswerSettings
from assistant.app import Assistant, QuestionError, Retrieved
from assistant.batch import BatchInputError, answer_row, json_rows
from assistant.display import display_form
from assistant.evaluation.attribution import misattributed_pct
from assistant.evaluation.metrics import Scores, all_gold_figures, kind_figures, read_figures, score
from assistant.evaluation.sets import CORPORA, EvalSet
from assistant.evaluation.squad import convert
from assistant.retrieval.hybrid import Mode

WITH_HISTORY, ALONE = "with history", "alone"
"""The two ways a conversation's last turn is asked: after the earlier turns (as `history`), or on its own."""


@dataclass(frozen=True)
class Row:
    """The scores of one (question language, retrieval mode, way of asking) run over a question set, with the
    figures only that set has (`extra`)."""

    mode: Mode
    language: str
    scores: Scores
    variant: str = ""
    extra: dict[str, float | None] = field(default_factory=dict)


def _check_row(spec: EvalSet, path: Path, number: int, row: dict) -> None:
    """A BatchInputError naming the file, line and field when a row lacks what the set asks with."""
    if "id" not in row:
        raise BatchInputError(f"{path}, line {number}: field 'id' is missing")
    first = next(iter(spec.languages.values()))
    value = row.get(first)
    if spec.shape == "conversation":
        if not (isinstance(value, list) and len(value) >= 2 and all(isinstance(t, str) for t in value)):
            raise BatchInputError(f"{path}, line {number}: field '{first}' must be a list of two or more questions")
    elif not isinstance(value, str):
        raise BatchInputError(f"{path}, line {number}: field '{first}' must be a string")


def load_questions(spec: EvalSet, shared: Path | None = None) -> list[dict]:
    """The rows of a set (a SQuAD file converted, sampled as the set says); errors name the file, line and field."""
    path = Path(spec.path) if shared is None else shared / spec.path
    if spec.squad:
        corpus = CORPORA[spec.corpus]
        return convert(path, corpus.squad_prefix, corpus.squad_source, spec.sample, spec.seed).questions
    rows = []
    for number, row in json_rows(path):
        _check_row(spec, path, number, row)
        rows.append(row)
    return rows


def languages_of(spec: EvalSet, questions: Sequence[dict]) -> list[str]:
    """The languages every row of the set has a question in, the set's first language first."""
    return [
        language
        for language, name in spec.languages.items()
        if questions and all(isinstance(q.get(name), str | list) and q.get(name) for q in questions)
    ]


PASSAGES_READ = AnswerSettings().passages_read


def _ask(assistant: Assistant, question: str, history: list[str], mode: Mode, k: int) -> dict:
    """One answer in the batch answer format (a rejected question is an unanswered one), with the text of the
    passages the reader read (`read`) as an answer shows text (numbers parted from glued words)."""
    try:
        steps = list(assistant.ask_stream(question, k=k, mode=mode, history=history or None))
    except QuestionError as error:
        return {"found": False, "answer": "", "error": str(error), "citations": [], "retrieved": [], "read": ""}
    answer = steps[-1]
    assert isinstance(answer, Answer)
    read = next((step.passages for step in steps if isinstance(step, Retrieved)), [])[:PASSAGES_READ]
    return {**answer_row("", answer), "read": " ".join(display_form(passage.text) for passage in read)}


def answer_all(
    assistant: Assistant, spec: EvalSet, questions: Sequence[dict], mode: Mode, language: str, variant: str, k: int
) -> list[dict]:
    """Answers in the batch answer format, each question asked in the given language (and way of asking)."""
    name = spec.languages[language]
    answers = []
    for question in questions:
        if spec.shape == "conversation":
            *earlier, last = question[name]
            answer = _ask(assistant, last, earlier if variant == WITH_HISTORY else [], mode, k)
        else:
            answer = _ask(assistant, question[name], [], mode, k)
        answers.append({**answer, "id": question["id"]})
    return answers


def extra_figures(
    assistant: Assistant, spec: EvalSet, questions: Sequence[dict], answers: Sequence[dict]
) -> dict[str, float | None]:
    """What any reader could answer (every set), and the figures only this set's shape has: every gold article found
    (multi), quotes of the wrong person (quotes), concise hit per kind (sets whose rows have a `kind`)."""
    extra = read_figures(questions, answers)
    if spec.shape == "multi":
        extra |= all_gold_figures(questions, answers)
    if spec.shape == "quotes":
        extra["misattributed_pct"] = misattributed_pct(questions, answers, lambda q: _gold_text(assistant, q))
    if any(q.get("kind") for q in questions):
        extra |= kind_figures(questions, answers)
    return extra


def _gold_text(assistant: Assistant, question: Mapping) -> str | None:
    """The text of a question's gold article in the assistant's index, found by eval id or URL."""
    for key in (question.get("article"), question.get("article_url")):
        article = assistant.index.manifest.find_article(key) if key else None
        if article is not None:
            return article.text
    return None


def evaluate(
    assistant: Assistant,
    spec: EvalSet,
    questions: Sequence[dict],
    modes: Sequence[Mode],
    languages: Sequence[str],
    k: int = 10,
) -> list[Row]:
    """One scored row per language, retrieval mode and (for conversations) way of asking the last turn."""
    variants = [WITH_HISTORY, ALONE] if spec.shape == "conversation" else [""]
    rows = []
    for language in languages:
        for mode in modes:
            for variant in variants:
                answers = answer_all(assistant, spec, questions, mode, language, variant, k)
                extra = extra_figures(assistant, spec, questions, answers)
                rows.append(Row(mode, language, score(questions, answers), variant, extra))
    return rows
