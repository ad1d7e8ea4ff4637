"""A chat turn for the UI: filters from the form, then the answer's HTML as it is composed (no Gradio here)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from assistant.answer import Answer
from assistant.app import QuestionError, check_question
from assistant.retrieval.filters import SearchFilters, form_day
from assistant.web.backend import Backend, NotReadyError
from assistant.web.render import answer_html, error_html, pending_html
from assistant.web.stream import text_pieces
from index.article import Article
from index.loaders.clean import shorten

EXAMPLES = (
    "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟",
    "شمخانی درباره معامله قرن چه گفت؟",
    "Who did the deputy head of Hamas's political bureau meet?",
    "What did Shamkhani say about the deal of the century?",
)
"""Questions shown on the empty chat; each is answered by the seed article."""

PIECE_PAUSE_SECONDS = 0.03
"""Pause between the pieces of a streamed answer, so that it reads as composed."""

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


def respond(
    backend: Backend, question: str, turns: list[Turn], filters: SearchFilters, pause: float = PIECE_PAUSE_SECONDS
) -> Iterator[list[Turn]]:
    """The conversation after each step: the question pending, then the answer piece by piece with its sources.

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
    try:
        answer = backend.ask(question, k=5, filters=filters, history=history)
    except (QuestionError, NotReadyError) as error:
        yield [*turns, (question, error_html(str(error)))]
        return
    articles = _articles(backend, answer)
    turn = len(turns) + 1
    shown = ""
    for piece in text_pieces(answer.text)[:-1]:
        shown += piece
        yield [*turns, (question, answer_html(answer, articles, turn, shown=shown))]
        time.sleep(pause)
    yield [*turns, (question, answer_html(answer, articles, turn))]
