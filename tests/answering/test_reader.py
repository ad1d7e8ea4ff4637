"""The learned reader on the seed: a paraphrased question answered, an unanswerable one refused, by the
calibrated threshold; the shipped artifact small and loadable."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import SEED_ID, SEEDS

from assistant.answering.reader_model import MODEL_PATH, load_reader_model
from assistant.app import Assistant, AssistantSettings
from assistant.query.terms import question_terms
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings

# Asked in other words than the seed's: «معاون اسماعیل هنیه ادامه داد: رایزنی، گفتگو و مشورت ... از جمله اهداف
# سفر به ایران است.»
PARAPHRASED = "معاون هنیه گفت هدف این سفر چیست؟"
UNANSWERABLE = "قیمت بیت کوین در بازار امروز چقدر است؟"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    """The reader alone (no meetings answerer) over the seed."""
    news_index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("reader")))
    Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    yield Assistant(news_index, embedder, AssistantSettings(answerers=("extractive",)))
    news_index.close()


def _best_probability(assistant: Assistant, question: str) -> float:
    """The reader's probability for the best sentence it finds for a question."""
    query = assistant.retriever.prepare(question)
    question = question_terms(query.normalized, assistant.index.lexical)
    candidates = assistant.answerers[0].candidates(query, assistant.retriever.search(query, k=5), question)
    return max(c.probability for c in candidates)


def test_the_shipped_reader_is_small_and_its_threshold_a_probability():
    reader = load_reader_model()
    assert MODEL_PATH.stat().st_size < 200_000
    assert 0.0 < reader.threshold < 1.0 and 0.0 < reader.span_threshold <= 1.0
    assert reader.threshold <= reader.sure <= 1.0
    assert reader.cross_lingual is not None and 0.0 < reader.cross_lingual.threshold < 1.0


def test_a_paraphrased_question_clears_the_threshold_and_is_answered_from_the_seed(assistant):
    assert _best_probability(assistant, PARAPHRASED) >= load_reader_model().threshold
    answer = assistant.ask(PARAPHRASED)
    assert answer.found and answer.citations[0].article_id == SEED_ID
    assert "اهداف سفر به ایران" in answer.citations[0].quote


def test_a_question_the_news_does_not_answer_falls_below_the_threshold_and_is_refused(assistant):
    assert _best_probability(assistant, UNANSWERABLE) < load_reader_model().threshold
    answer = assistant.ask(UNANSWERABLE)
    assert not answer.found and answer.citations == []


def test_a_broken_model_file_names_itself_and_the_command_that_rebuilds_it(tmp_path):
    broken = tmp_path / "reader.json"
    broken.write_text('{"reader": {"sentence": {}}}', encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"reader\.json.*python -m training\.reader"):
        load_reader_model(broken)


def test_an_unsure_reader_shows_the_runner_up_beside_its_best_sentence(assistant):
    query = assistant.retriever.prepare(PARAPHRASED)
    passages = assistant.retriever.search(query, k=5)
    extractive = assistant.answerers[0]
    question = question_terms(query.normalized, assistant.index.lexical)
    candidates = extractive.candidates(query, passages, question)
    reader = extractive.reader_for(query, passages)
    sure = extractive.compose(query, passages, question, candidates, replace(reader, sure=0.0))
    unsure = extractive.compose(query, passages, question, candidates, replace(reader, sure=1.0))
    assert sure is not None and unsure is not None
    assert len(sure.citations) == 1 and len(unsure.citations) == 2
    assert unsure.citations[0].quote == sure.citations[0].quote != unsure.citations[1].quote
    assert len(unsure.text) <= extractive.settings.max_chars + 10  # two sentences still make a concise answer
