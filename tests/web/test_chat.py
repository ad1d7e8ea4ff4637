"""A chat turn of the UI on the seed: pending, then the answer composed piece by piece with its sources."""

from __future__ import annotations

from datetime import date

import pytest
from web.support import QUESTION, SEED_ID, seed_index

from assistant.web.backend import Backend
from assistant.web.chat import EXAMPLES, form_filters, respond
from index.news_index import NewsIndex
from index.settings import IndexSettings


@pytest.fixture(scope="module")
def backend(tmp_path_factory, embedder):
    """A backend over the shared seed index (read only)."""
    news_index = NewsIndex(IndexSettings(seed_index(tmp_path_factory, embedder)))
    backend = Backend(news_index, lambda: embedder)
    backend.load()
    yield backend
    news_index.close()


def test_turn_shows_pending_then_the_extractive_answer_whole_with_its_sources(backend):
    states = list(respond(backend, QUESTION, [], form_filters("", "", "", "")))
    assert "kh-pending" in states[0][-1][1]
    assert len(states) == 2 and all(len(state) == 1 for state in states)
    final = states[-1][-1][1]
    assert "kh-sources" in final and "kh-composing" not in final and "kh-checked" not in final
    assert "شمخانی" in final and 'class="kh-marker"' in final and f'data-article="{SEED_ID}"' in final
    assert '<mark class="kh-cited">' in final


def test_follow_up_uses_the_earlier_questions(backend):
    first = list(respond(backend, "شمخانی با چه کسی دیدار کرد؟", [], form_filters(None, None, None, None)))[-1]
    second = list(respond(backend, "او درباره معامله قرن چه گفت؟", first, form_filters("", "", "", "")))[-1]
    assert len(second) == 2 and "«شمخانی با چه کسی دیدار کرد؟ او درباره معامله قرن چه گفت؟»" in second[-1][1]


def test_empty_question_and_bad_dates_are_reported():
    assert "question is empty" in next(iter(respond(None, "  ", [], form_filters("", "", "", ""))))[-1][1]
    with pytest.raises(ValueError, match="since: 1402/13/01 is not a Jalali date"):
        form_filters("", "", "1402/13/01", "")
    with pytest.raises(ValueError, match="until: ambiguous date '03/04/2021'"):
        form_filters("", "", "", "03/04/2021")


def test_form_dates_take_either_calendar():
    filters = form_filters("", "", "۱۴۰۲/۰۱/۰۱", "2023-03-31")
    assert (filters.since, filters.until) == (date(2023, 3, 21), date(2023, 3, 31))


@pytest.mark.parametrize("question", EXAMPLES)
def test_every_example_question_is_answered_by_the_seed(backend, question):
    answer = backend.ask(question)
    assert answer.found and answer.citations[0].article_id == SEED_ID
