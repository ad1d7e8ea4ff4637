"""BM25 over FTS5 ranks as Lucene's BM25 does (the IDF the rest of retrieval weighs terms by), on real BBC text."""

from __future__ import annotations

import bm25s
import pytest
from conftest import SHARED, need_shared

from index.loaders import load_source
from index.store.lexical import LexicalIndex
from index.store.lexical_terms import LexicalTerms
from index.store.manifest import Manifest
from index.text.chunker import Chunker
from index.text.normalize import normalize
from index.text.tokens import terms

QUESTIONS = [
    "What is the slogan at the heart of Labour's general election campaign?",
    "What was the death toll of hurricane Katrina in New Orleans?",
    "Which company said its profits rose in the last quarter?",
]


@pytest.fixture(scope="module")
def bbc(tmp_path_factory):
    """The first 120 articles of the BBC corpus in a manifest with its FTS5 rows (chunked by words, not embedded)."""
    corpus = need_shared(SHARED / "corpus" / "bbc" / "bbc-dev-corpus.jsonl")
    articles = [item for _, item in zip(range(120), load_source(corpus), strict=False)]
    chunker = Chunker(lambda text: len(text.split()))
    manifest = Manifest(tmp_path_factory.mktemp("bbc") / "manifest.sqlite3", [LexicalTerms()])
    manifest.commit([(article, chunker.chunk(article)) for article in articles])
    yield manifest
    manifest.close()


@pytest.mark.parametrize("question", QUESTIONS)
def test_fts5_search_ranks_and_scores_as_lucene_bm25(bbc, question):
    rows = bbc.connection.execute("SELECT id, search_text FROM chunks ORDER BY id").fetchall()
    reference = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    reference.index([terms(text) for _, text in rows], show_progress=False)
    tokens = [token for token in terms(normalize(question)) if token in reference.vocab_dict]
    documents, scores = reference.retrieve([tokens], k=10, show_progress=False, n_threads=0)
    expected = [(rows[d][0], float(s)) for d, s in zip(documents[0], scores[0], strict=True)]
    found = LexicalIndex(bbc.connection).search(normalize(question), 10)
    assert [chunk for chunk, _ in found] == [chunk for chunk, _ in expected]
    for (_, score), (_, lucene) in zip(found, expected, strict=True):
        assert score == pytest.approx(2.2 * lucene, rel=1e-4)  # FTS5 keeps BM25's (k1 + 1) factor; Lucene drops it


def test_a_term_in_most_chunks_still_weighs_in(bbc):
    index = LexicalIndex(bbc.connection)
    common = max(("the", "said", "in"), key=lambda term: index.frequencies([term])[term])
    assert index.frequencies([common])[common] > index.size / 2
    idf = index.idf([common])[common]
    alone = index.search(common, 5)
    assert alone and all(score > idf for _, score in alone), "FTS5's own IDF would weigh it 1e-6"
