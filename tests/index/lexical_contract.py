"""The contract every lexical backend passes (`index.store.lexical.LexicalIndex`), on the seed's Persian text.

A backend's test module subclasses `LexicalIndexContract` and gives a `make_lexical(home)` fixture: the manifest of
an index directory opened with that backend as its extension, and the backend to search (a second call on the same
directory opens it again, as another process would).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conftest import SEED

from index.article import Article
from index.store.filters import SearchFilters
from index.text.chunker import Chunker, ChunkingSettings
from index.text.normalize import normalize
from index.text.tokens import terms

_METADATA = (
    ("خبرگزاری فارس", "سیاسی", date(2024, 1, 10)),
    ("خبرگزاری مهر", "سیاسی", date(2024, 2, 20)),
    ("خبرگزاری مهر", "اقتصادی", None),
)


def _articles() -> list[tuple[Article, list]]:
    """Three articles cut from the seed's paragraphs, of different agencies, categories and days, chunked by words."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 40]
    chunker = Chunker(lambda text: len(text.split()), ChunkingSettings(target_tokens=60, max_tokens=120))
    articles = []
    for number, (source, category, published) in enumerate(_METADATA):
        text = "\n".join(paragraphs[number::3])
        article = Article(f"contract-{number}", f"خبر {number}", text, "", source, published, category)
        articles.append((article, chunker.chunk(article)))
    return articles


def _only_in(articles, number: int) -> str:
    """A term found in article `number`'s chunks and in no other article."""
    mine = {t for chunk in articles[number][1] for t in terms(chunk.search_text)}
    others = {t for i, (_, chunks) in enumerate(articles) if i != number for c in chunks for t in terms(c.search_text)}
    return sorted(mine - others, key=len)[-1]


class LexicalIndexContract:
    """Behaviour any `index.store.lexical.LexicalIndex` must show."""

    @pytest.fixture
    def opened(self, make_lexical, tmp_path):
        return make_lexical(tmp_path / "index")

    @pytest.fixture
    def filled(self, opened):
        manifest, lexical = opened
        articles = _articles()
        manifest.commit(articles)
        return manifest, lexical, articles

    def test_an_empty_index_finds_nothing(self, opened):
        _, lexical = opened
        assert lexical.size == 0
        assert lexical.search(normalize("شمخانی"), 5) == []
        assert lexical.frequencies(["شمخانی"]) == {"شمخانی": 0}

    def test_committed_chunks_are_counted_and_found(self, filled):
        _, lexical, articles = filled
        chunks = [chunk for _, article_chunks in articles for chunk in article_chunks]
        assert lexical.size == len(chunks)
        word = _only_in(articles, 1)
        holding = [chunk.id for chunk in chunks if word in terms(chunk.search_text)]
        assert lexical.frequencies([word]) == {word: len(holding)}
        found = lexical.search(word, 10)
        assert sorted(chunk_id for chunk_id, _ in found) == sorted(holding)
        assert all(score > 0 for _, score in found)
        idf = lexical.idf([word, "zqxjv"])
        assert idf["zqxjv"] > idf[word] > 0  # an unknown term weighs as the rarest

    def test_best_first_and_at_most_n(self, filled):
        _, lexical, _ = filled
        found = lexical.search(normalize("شمخانی دیدار حماس"), 3)
        assert len(found) == 3
        assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)

    def test_a_term_asked_twice_counts_twice(self, filled):
        _, lexical, articles = filled
        word = _only_in(articles, 0)
        once, twice = lexical.search(word, 5), lexical.search(f"{word} {word}", 5)
        assert [c for c, _ in once] == [c for c, _ in twice]
        assert [s for _, s in twice] == pytest.approx([2 * s for _, s in once], rel=1e-6)

    def test_an_edit_replaces_the_old_chunks(self, filled):
        manifest, lexical, articles = filled
        article, _ = articles[2]
        edited = replace(article, text=article.text + "\nسد تازه استان نمونه امروز آبگیری شد.")
        new_chunks = Chunker(lambda text: len(text.split()), ChunkingSettings(60, 120)).chunk(edited)
        manifest.commit([(edited, new_chunks)])
        found = {chunk_id for chunk_id, _ in lexical.search(normalize("آبگیری سد"), 10)}
        assert found and found <= {chunk.id for chunk in new_chunks}
        assert lexical.size == sum(len(c) for _, c in articles[:2]) + len(new_chunks)

    def test_a_removed_article_is_never_found(self, filled):
        manifest, lexical, articles = filled
        word = _only_in(articles, 1)
        manifest.remove(articles[1][0].id)
        assert lexical.search(word, 10) == []
        assert lexical.size == len(articles[0][1]) + len(articles[2][1])

    @pytest.mark.parametrize(
        ("filters", "allowed"),
        [
            (SearchFilters(source="خبرگزاری مهر"), {1, 2}),
            (SearchFilters(category="سیاسی"), {0, 1}),
            (SearchFilters(since=date(2024, 2, 1)), {1}),
            (SearchFilters(until=date(2024, 1, 31)), {0}),
            (SearchFilters(source="خبرگزاری مهر", category="اقتصادی"), {2}),
            (SearchFilters(source="خبرگزاری ایسنا"), set()),
        ],
    )
    def test_filters_keep_only_the_articles_they_allow(self, filled, filters, allowed):
        _, lexical, articles = filled
        question = normalize("شمخانی دیدار حماس نایب رئیس امنیت ملی")
        everything = lexical.search(question, 50)
        found = lexical.search(question, 50, filters)
        article_of = {chunk.id: number for number, (_, chunks) in enumerate(articles) for chunk in chunks}
        assert {article_of[chunk_id] for chunk_id, _ in found} <= allowed
        assert found == [(c, s) for c, s in everything if article_of[c] in allowed][: len(found)]
        assert bool(found) == bool(allowed & {article_of[c] for c, _ in everything})

    def test_another_process_sees_what_one_commits(self, make_lexical, tmp_path):
        writer_manifest, _ = make_lexical(tmp_path / "index")
        reader_manifest, reader = make_lexical(tmp_path / "index")
        assert reader.size == 0
        articles = _articles()
        writer_manifest.commit(articles)
        word = _only_in(articles, 0)
        assert {c for c, _ in reader.search(word, 10)} == {c.id for c in articles[0][1] if word in terms(c.search_text)}
        writer_manifest.remove(articles[0][0].id)
        assert reader.search(word, 10) == []
        reader_manifest.close()
        writer_manifest.close()
