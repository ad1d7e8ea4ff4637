"""A chat turn for the UI: filters from the form, then the answer's HTML as it is composed (no Gradio here)."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answer import Answer
from assistant.answering.generative import Verified
from assistant.app import QuestionError, Retrieved, check_question
from assistant.retrieval.filters import SearchFilters, form_day
from assistant.web.backend import Backend, NotReadyError
from assistant.web.render import answer_html, error_html, pending_html
from index.article import Article
from index.loaders.clean import shorten

EXAMPLES = (
    "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟",
    "شمخانی درباره معامله قرن چه گفت؟",
    "Who did the deputy head of Hamas's political bureau meet?",
    "What did Shamkhani say about the deal of the century?",
)
"""Questions shown on the empty chat; each is answered by the seed article."""

REFUSED_SHOWN_CHARS = 200
"""How much of a refused question the conversation keeps and shows."""

Turn = tuple[str, str]
"""A question and its answer's HTML."""


def form_filters(source: str | None, category: str | None, since: str | None, until: str | None) -> SearchFilters:
    """The filters of the form; ValueError naming a bad date."""
    return SearchFilters(source or None, category or None, form_day(since, "since"), form_day(until, "until"))


def _articles(backend: Backend, answer: Answer) -> dict[str, Article]:
    """The articles the answer's sources show, by id."""
    found = {}
    for article_id in dict.fromkeys([c.article_id for c in answer.citations] + answer.retrieved[:3]):
        article = backend.article(article_id)
        if article is not None:
            found[article_id] = article
    return found


def respond(backend: Backend, question: str, turns: list[Turn], filters: SearchFilters) -> Iterator[list[Turn]]:
    """The conversation after each step: the question pending, then each sentence as the model writes it and the
    verifier passes it, then the whole answer with its sources (an extractive answer comes whole).

    Earlier questions are the history that resolves a follow-up («او» → the person asked about before).
    """
    question = (question or "").strip()
    try:
        check_question(question)
    except QuestionError as error:  # a refused question is kept (and shown) shortened, never whole
        yield [*turns, (shorten(question, REFUSED_SHOWN_CHARS), error_html(str(error)))]
        return
    history = [q for q, _ in turns]
    yield [*turns, (question, pending_html(question))]
    turn, shown, passages = len(turns) + 1, "", []
    try:
        for step in backend.ask_stream(question, k=5, filters=filters, history=history):
            if isinstance(step, Retrieved):
                passages = step.passages
            elif isinstance(step, Verified):
                shown = f"{shown} {step.text}".strip()
                draft = Answer(question, shown, True, [], passages, answerer="generative")
                yield [*turns, (question, answer_html(draft, {}, turn, shown=shown))]
            elif isinstance(step, Answer):
                yield [*turns, (question, answer_html(step, _articles(backend, step), turn))]
    except (QuestionError, NotReadyError) as error:
        yield [*turns, (question, error_html(str(error)))]
