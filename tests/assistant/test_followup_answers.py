"""Follow-ups answered over real FarsNews articles: the conversation's earlier question steers retrieval."""

from __future__ import annotations

import pytest
from conftest import CORPUS, SEEDS, need_shared

from assistant.app import Assistant
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings

GACHSARAN = "https://www.farsnews.ir/news/13991120000616/توزیع-بسته‌های-کمک-معیشتی-در-هشتمین-رزمایش-کمک-مومنانه-گچساران"
QESHM = "https://www.farsnews.ir/news/13990516000561/آغاز-سومین-مرحله-رزمایش-مواسات-در-قشم"  # packages too
PACKAGES_FA = "ناحیه مقاومت بسیج گچساران تاکنون چند بسته معیشتی بین نیازمندان توزیع کرده است؟"
PACKAGES_EN = "How many livelihood packages has the Gachsaran Basij resistance district handed out so far?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    """An assistant over two real articles about aid packages (Gachsaran, Qeshm) and the seed."""
    wanted = {GACHSARAN, QESHM}
    articles = [a for path in sorted(need_shared(CORPUS).glob("*.json")) for a in load_source(path) if a.id in wanted]
    assert {a.id for a in articles} == wanted
    news_index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("followup")))
    Ingestor(news_index, embedder).ingest([*articles, *load_source(SEEDS)])
    yield Assistant(news_index, embedder)
    news_index.close()


def test_these_packages_are_the_ones_the_conversation_was_about(assistant):
    answer = assistant.ask("این بسته‌ها شامل چه اقلامی است؟", k=10, history=[PACKAGES_FA])
    assert answer.retrieved[0] == GACHSARAN
    assert answer.question == "این بسته‌ها شامل چه اقلامی است؟"  # asked as typed, not rewritten


def test_an_english_follow_up_keeps_its_words_and_punctuation(assistant):
    answer = assistant.ask("What items do these packages contain?", k=10, history=[PACKAGES_EN])
    assert answer.retrieved[0] == GACHSARAN
    assert answer.searched == f"{PACKAGES_EN} What items do these packages contain?"
    assert not set("؟،؛") & set(answer.searched)


def test_he_is_never_replaced_by_what_the_earlier_question_named(assistant):
    history = ["Whom did the deputy head of Hamas's political bureau meet during Sacred Defence Week?"]
    answer = assistant.ask("What did he say about the deal of the century?", history=history)
    assert "What did he say about the deal of the century?" in answer.searched
    assert answer.found and answer.citations[0].article_id.endswith("000_e8a22bdbff0c4942")


def test_a_question_that_names_its_subject_ignores_the_history(assistant):
    alone = assistant.ask("شمخانی درباره معامله قرن چه گفت؟")
    after = assistant.ask("شمخانی درباره معامله قرن چه گفت؟", history=[PACKAGES_FA])
    assert after.searched == alone.searched and after.retrieved == alone.retrieved
