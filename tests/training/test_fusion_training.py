"""The fusion is trained on the BM25 scores it is served: the training's scores of real chunks equal what khabar's
lexical backend returns for them (up to its one-byte chunk lengths)."""

from __future__ import annotations

import bm25s
import pytest
from conftest import SEEDS

from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings
from index.text.normalize import normalize
from index.text.tokens import terms
from training.fusion.__main__ import served_scores

QUESTIONS = ("شمخانی درباره معامله قرن چه گفت؟", "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟")


@pytest.mark.parametrize("question", QUESTIONS)
def test_training_scores_a_chunk_as_the_served_lexical_index_does(tmp_path, embedder, question):
    news_index = NewsIndex(IndexSettings(home=tmp_path / "index"))
    Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    rows = news_index.manifest.connection.execute("SELECT id, search_text FROM chunks ORDER BY id").fetchall()
    documents = [terms(text) for _, text in rows]
    bm25 = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    bm25.index(documents, show_progress=False)
    asked = [t for t in terms(normalize(question)) if t in bm25.vocab_dict]
    trained = dict(zip((chunk_id for chunk_id, _ in rows), served_scores(bm25, asked, len(rows)), strict=True))
    served = news_index.lexical.search(normalize(question), len(rows))
    assert len(served) > 1
    for chunk_id, score in served:
        assert trained[chunk_id] == pytest.approx(score, rel=0.05)
    news_index.close()
