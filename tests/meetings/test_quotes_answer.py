"""The who-said-what answerer on real articles: the asked person's words, never the other speaker's."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, EVAL, SEED, SEED_ID, need_shared

from assistant.app import Assistant
from assistant.evaluation.attribution import quotes_statement_of
from assistant.evaluation.metrics import contains
from index.article import Article
from index.ingest import Ingestor
from index.meetings.evaluate import load_articles
from index.news_index import NewsIndex
from index.settings import IndexSettings

SEED_TEXT = SEED.read_text(encoding="utf-8")
ROWS = ("quote-dev-02", "quote-dev-05", "quote-dev-13")  # a distractor who speaks on the same subject


def _rows() -> dict[str, dict]:
    """The quotes-dev rows these tests ask, by id; read inside a test or fixture, so that without ../shared the test
    skips instead of failing collection."""
    path = need_shared(EVAL) / "quotes-dev.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return {r["id"]: r for r in rows if r["id"] in ROWS}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    """An assistant over the seed and the quotes-dev articles asked here."""
    articles = load_articles(need_shared(CORPUS))
    index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("quotes") / "index"))
    chosen = [articles[r["article_url"]] for r in _rows().values()]
    Ingestor(index, embedder).ingest([Article(SEED_ID, "", SEED_TEXT), *chosen])
    yield Assistant(index, embedder)
    index.close()


@pytest.mark.parametrize("row_id", ROWS)
def test_the_asked_person_is_quoted_never_the_distractor(assistant, row_id):
    row = _rows()[row_id]
    answer = assistant.ask(row["question"])
    assert answer.answerer == "quotes"
    assert contains(answer.text, row["answer_keywords"], "all")
    article = assistant.index.manifest.find_article(row["article_url"])
    quotes = [c.quote for c in answer.citations]
    people = [row["speaker"], row["distractor_speaker"]]
    assert not quotes_statement_of(quotes, article.text, row["distractor_speaker"], people)
    assert contains(" ".join(quotes), row["answer_keywords"], "all")  # the speaker's sentence, cited


def test_a_named_speaker_is_answered_from_their_own_statements(assistant):
    answer = assistant.ask("العاروری درباره تهدیدات رژیم صهیونیستی چه گفت؟")
    assert answer.answerer == "quotes"
    assert answer.citations[0].quote.startswith("العاروری تاکید کرد: از تهدیدات رژیم صهیونیستی بیمی نداریم")
    assert "صالح العاروری" in answer.text


def test_a_follow_up_with_o_stays_with_the_person_of_the_conversation(assistant):
    # the case: «معامله قرن» is Shamkhani's sentence; asked about the Hamas deputy, it must not be quoted
    history = ["نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"]
    answer = assistant.ask("او درباره معامله قرن چه گفت؟", history=history)
    assert answer.answerer == "quotes"
    shamkhani = [SEED_TEXT.index(s) for s in ("دریابان شمخانی در این", "وی طرح موسوم", "دریابان شمخانی گفت")]
    assert all(c.start not in shamkhani for c in answer.citations)
    assert "صالح العاروری" in answer.text


def test_a_question_that_asks_no_one_s_words_is_left_to_the_next_answerer(assistant):
    answer = assistant.ask("شمخانی با چه کسی دیدار کرد؟")
    assert answer.answerer == "meetings"
