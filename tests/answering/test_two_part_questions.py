"""A question asking two things, each answered by another article (the seed and a FarsNews article), gets one cited
sentence from each."""

from __future__ import annotations

import pytest
from conftest import SEED_ID, seed_among_news

from assistant.app import Assistant, AssistantSettings

ONE_ARTICLE = "وارسته از بهره‌برداری چند دفتر ICT روستایی خبر داد؟"
TWO_ARTICLES = f"معاون دفتر سیاسی حماس هدف سفر خود به ایران را چه دانست و {ONE_ARTICLE}"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    """The reader alone over the seed and the first twelve FarsNews articles (rural ICT offices among them)."""
    news_index = seed_among_news(tmp_path_factory.mktemp("two-part"), embedder, 12)
    yield Assistant(news_index, embedder, AssistantSettings(answerers=("extractive",)))
    news_index.close()


def test_each_part_of_a_two_part_question_is_answered_from_its_own_article(assistant):
    answer = assistant.ask(TWO_ARTICLES)
    assert answer.found
    cited = {c.article_id: c for c in answer.citations}
    assert len(cited) == 2 and SEED_ID in cited
    (offices,) = [c for article_id, c in cited.items() if article_id != SEED_ID]
    assert "127" in offices.quote
    assert "اهداف سفر به ایران" in cited[SEED_ID].quote
    assert "[1]" in answer.text and "[2]" in answer.text
    assert len(answer.text) <= 420  # each part cut to its share of the answer


def test_the_second_part_asked_alone_is_answered_from_its_article(assistant):
    answer = assistant.ask(ONE_ARTICLE)
    assert answer.found and {c.article_id for c in answer.citations} != {SEED_ID}
    assert "127" in answer.citations[0].quote
