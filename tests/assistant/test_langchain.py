"""khabar in LangChain on the seed: the retriever's Documents carry citations; the Runnable composes with `|`."""

from __future__ import annotations

import pytest
from conftest import SEED_ID, SEEDS
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda

from assistant.langchain import KhabarRetriever, KhabarRunnable, open_assistant
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings

QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    """An assistant opened the way a LangChain user opens it, over an index of the seed."""
    home = tmp_path_factory.mktemp("lc-index")
    news_index = NewsIndex(IndexSettings(home))
    Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    news_index.close()
    assistant = open_assistant(home, answerer="extractive")
    yield assistant
    assistant.index.close()


def test_the_retriever_returns_passages_as_documents_with_their_citation(assistant):
    documents = KhabarRetriever(assistant=assistant, k=2).invoke(QUESTION)
    assert 1 <= len(documents) <= 2 and all(isinstance(d, Document) for d in documents)
    first = documents[0]
    assert first.metadata["article_id"] == SEED_ID and "شمخانی" in first.page_content
    assert first.metadata["end"] - first.metadata["start"] == len(first.page_content)


def test_the_runnable_answers_and_composes_into_a_chain(assistant):
    chain = KhabarRunnable(assistant) | RunnableLambda(lambda answer: answer.citations[0].quote)
    assert "شمخانی" in chain.invoke(QUESTION)
    follow_up = KhabarRunnable(assistant).invoke({"question": "او درباره معامله قرن چه گفت؟", "history": [QUESTION]})
    assert follow_up.found and "صالح العاروری" in follow_up.text  # «او» is the Hamas deputy, not Shamkhani
    assert "معامله قرن" not in follow_up.text
    with pytest.raises(ValueError, match="question"):
        KhabarRunnable(assistant).invoke({"text": QUESTION})
