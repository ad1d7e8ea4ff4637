"""The contract every vector store backend passes (haystack's document-store tests are the model).

A backend's test module subclasses `VectorStoreContract` and gives a `make_store(fingerprint, reuse=False)`
fixture: a new, empty store each call, or (reuse) the last one's collection opened again. The chunks are the
seed's paragraphs as three articles of different agencies, categories and days, embedded by the bundled model.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import SEED

from index.article import Article
from index.store.errors import IndexMismatchError
from index.store.filters import SearchFilters
from index.text.chunker import Chunker, ChunkingSettings

QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"
_METADATA = (
    ("خبرگزاری فارس", "سیاسی", date(2024, 1, 10)),
    ("خبرگزاری مهر", "سیاسی", date(2024, 2, 20)),
    ("خبرگزاری مهر", "اقتصادی", None),
)


class VectorStoreContract:
    """Behaviour any `index.store.base.VectorStore` must show."""

    @pytest.fixture(scope="class")
    @classmethod
    def contract_chunks(cls, embedder):
        """(article, chunk) pairs of three articles cut from the seed, and their vectors."""
        paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 40]
        thirds = [paragraphs[i::3] for i in range(3)]
        chunker = Chunker(embedder.count_tokens, ChunkingSettings(target_tokens=60, max_tokens=120))
        pairs = []
        for number, ((source, category, published), text) in enumerate(zip(_METADATA, thirds, strict=True)):
            article = Article(f"contract-{number}", f"خبر {number}", "\n".join(text), "", source, published, category)
            pairs.extend((article, chunk) for chunk in chunker.chunk(article))
        return pairs, embedder.encode_documents([chunk.search_text for _, chunk in pairs])

    @pytest.fixture
    def store(self, make_store):
        return make_store("contract-fingerprint")

    @pytest.fixture
    def filled(self, store, contract_chunks):
        pairs, vectors = contract_chunks
        store.upsert(pairs, vectors)
        return store

    def test_an_empty_store_holds_and_finds_nothing(self, store, contract_chunks):
        _, vectors = contract_chunks
        assert store.count() == 0
        assert store.search(vectors[0], 5) == []
        assert store.existing(["nope"]) == set() and store.vectors(["nope"]) == {}
        assert len(store.sample(8)) == 0
        store.delete(["nope"])  # unknown ids are ignored

    def test_written_vectors_are_counted_and_read_back(self, filled, contract_chunks):
        pairs, vectors = contract_chunks
        ids = [chunk.id for _, chunk in pairs]
        assert filled.count() == len(pairs) > 3
        assert filled.existing([ids[0], ids[-1], "nope"]) == {ids[0], ids[-1]}
        stored = filled.vectors([*ids, "nope"])
        assert set(stored) == set(ids)
        assert all(float(stored[i] @ v) > 0.9999 for i, v in zip(ids, vectors, strict=True))

    def test_a_sample_is_stored_vectors_spread_over_the_store(self, filled, contract_chunks):
        _, vectors = contract_chunks
        sample = filled.sample(len(vectors) + 10)
        assert 0 < len(sample) <= len(vectors)
        assert all(float((vectors @ row).max()) > 0.9999 for row in sample)  # every row is a stored vector
        assert len(filled.sample(2)) <= 2

    def test_search_ranks_by_cosine_and_returns_at_most_n(self, filled, contract_chunks, embedder):
        pairs, vectors = contract_chunks
        own = filled.search(vectors[2], 3)
        assert own[0][0] == pairs[2][1].id and own[0][1] == pytest.approx(1.0, abs=1e-3)
        assert len(own) == 3 and [s for _, s in own] == sorted((s for _, s in own), reverse=True)
        question = embedder.encode_query(QUESTION)
        best_id, best = filled.search(question, 1)[0]
        expected = max(range(len(pairs)), key=lambda i: float(vectors[i] @ question))
        assert best_id == pairs[expected][1].id and best == pytest.approx(float(vectors[expected] @ question), abs=1e-3)

    @pytest.mark.parametrize(
        ("filters", "articles"),
        [
            (SearchFilters(source="خبرگزاری مهر"), {"contract-1", "contract-2"}),
            (SearchFilters(category="سیاسی"), {"contract-0", "contract-1"}),
            (SearchFilters(source="خبرگزاری مهر", category="سیاسی"), {"contract-1"}),
            (SearchFilters(since=date(2024, 2, 1)), {"contract-1"}),
            (SearchFilters(until=date(2024, 1, 31)), {"contract-0"}),
            (SearchFilters(since=date(2024, 1, 10), until=date(2024, 2, 20)), {"contract-0", "contract-1"}),
            (SearchFilters(source="خبرگزاری ایسنا"), set()),
        ],
    )
    def test_filters_keep_exactly_the_matching_articles(self, filled, contract_chunks, filters, articles):
        pairs, vectors = contract_chunks
        article_of = {chunk.id: article.id for article, chunk in pairs}
        found = filled.search(vectors[0], len(pairs), filters)
        assert {article_of[chunk_id] for chunk_id, _ in found} == articles
        assert len(found) == sum(1 for article, _ in pairs if article.id in articles)

    def test_upserting_again_replaces_and_delete_removes(self, filled, contract_chunks):
        pairs, vectors = contract_chunks
        first = pairs[0][1].id
        filled.upsert(pairs[:1], vectors[1:2])
        assert filled.count() == len(pairs)
        assert float(filled.vectors([first])[first] @ vectors[1]) > 0.9999
        filled.delete([first, "nope"])
        assert filled.count() == len(pairs) - 1 and filled.existing([first]) == set()
        assert first not in {chunk_id for chunk_id, _ in filled.search(vectors[1], len(pairs))}

    def test_a_store_built_for_another_embedder_is_refused(self, make_store, contract_chunks):
        pairs, vectors = contract_chunks
        make_store("embedder-a").upsert(pairs[:1], vectors[:1])
        with pytest.raises(IndexMismatchError, match="embedder-a"):
            make_store("embedder-b", reuse=True).count()

    def test_sentence_vectors_are_read_back_by_chunk_and_position_and_go_with_their_chunk(
        self, filled, contract_chunks
    ):
        pairs, vectors = contract_chunks
        first, second = pairs[0][1].id, pairs[1][1].id
        keys = [(first, 0), (first, 1), (second, 0)]
        filled.upsert_sentences(keys, vectors[:3])
        assert filled.count() == len(pairs), "sentence vectors are not chunk vectors"
        stored = filled.sentence_vectors([*keys, (first, 7), ("nope", 0)])
        assert set(stored) == set(keys)
        assert all(float(stored[key] @ vectors[i]) > 0.9999 for i, key in enumerate(keys))
        assert filled.sentence_counts([first, second, "nope"]) == {first: 2, second: 1}
        filled.delete([first])
        assert filled.sentence_counts([first, second]) == {second: 1}
        assert set(filled.sentence_vectors(keys)) == {(second, 0)}
