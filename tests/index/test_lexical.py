"""Both lexical backends pass the contract and score as Lucene's BM25 (the IDF the rest of retrieval weighs terms by),
on real BBC text: FTS5 exactly as bm25s, tantivy exactly as Lucene with its one-byte chunk lengths."""

from __future__ import annotations

import math
from collections import Counter

import bm25s
import pytest
from conftest import SHARED, need_shared
from lexical_contract import LexicalIndexContract

from index.loaders import load_source
from index.settings import IndexSettings
from index.store.lexical_fts5 import Fts5LexicalIndex, Fts5Terms
from index.store.lexical_tantivy import TantivyLexicalIndex
from index.store.manifest import Manifest
from index.text.chunker import Chunker
from index.text.normalize import normalize
from index.text.tokens import terms

QUESTIONS = [
    "What is the slogan at the heart of Labour's general election campaign?",
    "What was the death toll of hurricane Katrina in New Orleans?",
    "Which company said its profits rose in the last quarter?",
]


def open_fts5(home):
    """A manifest keeping FTS5 rows, and the FTS5 search over them."""
    manifest = Manifest(home / "manifest.sqlite3", [Fts5Terms()])
    return manifest, Fts5LexicalIndex(manifest.connection)


def open_tantivy(home):
    """A manifest keeping a tantivy index beside it, and that index."""
    lexical = TantivyLexicalIndex(home / "lexical")
    return Manifest(home / "manifest.sqlite3", [lexical]), lexical


BACKENDS = {"fts5": open_fts5, "tantivy": open_tantivy}


class _Contract(LexicalIndexContract):
    backend = ""

    @pytest.fixture
    def make_lexical(self):
        opened = []

        def make(home):
            home.mkdir(parents=True, exist_ok=True)
            opened.append(BACKENDS[self.backend](home))
            return opened[-1]

        yield make
        for manifest, _ in opened:
            manifest.close()


class TestFts5Contract(_Contract):
    backend = "fts5"


class TestTantivyContract(_Contract):
    backend = "tantivy"


@pytest.fixture(scope="module", params=sorted(BACKENDS))
def bbc(request, tmp_path_factory):
    """The first 120 articles of the BBC corpus in a manifest with one backend (chunked by words, not embedded)."""
    corpus = need_shared(SHARED / "corpus" / "bbc" / "bbc-dev-corpus.jsonl")
    articles = [item for _, item in zip(range(120), load_source(corpus), strict=False)]
    chunker = Chunker(lambda text: len(text.split()))
    manifest, lexical = BACKENDS[request.param](tmp_path_factory.mktemp(request.param))
    manifest.commit([(article, chunker.chunk(article)) for article in articles])
    yield request.param, manifest, lexical
    manifest.close()


def _lucene_length(length: int) -> int:
    """A chunk length as Lucene (and tantivy) keep it: one byte, exact below 24 (Lucene's `SmallFloat.intToByte4`
    and back)."""

    def to_int4(value: int) -> int:
        shift = value.bit_length() - 4
        return value if shift < 0 else ((value >> shift) & 0x07) | ((shift + 1) << 3)

    def from_int4(code: int) -> int:
        bits, shift = code & 0x07, (code >> 3) - 1
        return bits if shift < 0 else (bits | 0x08) << shift

    exact = 255 - to_int4(2**31 - 1)
    return length if length < exact else exact + from_int4(to_int4(length - exact))


@pytest.mark.parametrize("question", QUESTIONS)
def test_search_ranks_and_scores_as_lucene_bm25(bbc, question):
    backend, manifest, lexical = bbc
    rows = manifest.connection.execute("SELECT id, search_text FROM chunks ORDER BY id").fetchall()
    documents = [terms(text) for _, text in rows]
    reference = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    reference.index(documents, show_progress=False)
    tokens = [token for token in terms(normalize(question)) if token in reference.vocab_dict]
    ranked, scores = reference.retrieve([tokens], k=10, show_progress=False, n_threads=0)
    expected = [(rows[d][0], float(s)) for d, s in zip(ranked[0], scores[0], strict=True)]
    found = lexical.search(normalize(question), 10)
    if backend == "fts5":
        assert [chunk for chunk, _ in found] == [chunk for chunk, _ in expected]
        for (_, score), (_, lucene) in zip(found, expected, strict=True):
            assert score == pytest.approx(2.2 * lucene, rel=1e-4)  # FTS5 keeps BM25's (k1 + 1) factor; Lucene drops it
        return
    assert found[0][0] == expected[0][0] and len({c for c, _ in found} & {c for c, _ in expected}) >= 9
    row_of = {chunk_id: number for number, (chunk_id, _) in enumerate(rows)}
    frequency = Counter(term for document in documents for term in set(document))
    average = sum(map(len, documents)) / len(documents)
    for chunk_id, score in found:
        counts, length = Counter(documents[row_of[chunk_id]]), _lucene_length(len(documents[row_of[chunk_id]]))
        lucene = sum(
            math.log(1 + (len(documents) - frequency[t] + 0.5) / (frequency[t] + 0.5))
            * counts[t] * 2.2 / (counts[t] + 1.2 * (0.25 + 0.75 * length / average))
            for t in tokens
        )  # fmt: skip
        assert score == pytest.approx(lucene, rel=1e-5)


def test_a_term_in_most_chunks_still_weighs_in(bbc):
    _, _, index = bbc
    common = max(("the", "said", "in"), key=lambda term: index.frequencies([term])[term])
    assert index.frequencies([common])[common] > index.size / 2
    idf = index.idf([common])[common]
    alone = index.search(common, 5)
    assert alone and all(score > idf for _, score in alone), "FTS5's own IDF would weigh it 1e-6"


def test_an_unknown_backend_is_refused_by_name(tmp_path):
    with pytest.raises(ValueError, match=r"lexical must be one of tantivy, fts5\. Currently, lexical is 'bm25s'"):
        IndexSettings(home=tmp_path, lexical="bm25s")
