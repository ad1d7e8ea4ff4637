"""Ingestion is idempotent, replaces edited articles, resumes after an interruption, and stays consistent."""

from __future__ import annotations

import pytest
from conftest import SEED, SEED_ID

from index.article import Article
from index.embeddings import EmbedderSettings
from index.ingest import Ingestor
from index.loaders.errors import LoaderError
from index.news_index import NewsIndex
from index.settings import IndexSettings
from index.store.errors import IndexMismatchError
from index.text.normalize import normalize

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _article(article_id: str, text: str, title: str = "") -> Article:
    return Article(id=article_id, title=title, text=text, source="خبرگزاری مهر")


def _paragraph_articles(count: int) -> list[Article]:
    """Articles made of the seed's paragraphs, one article per paragraph."""
    paragraphs = [p for p in SEED_TEXT.splitlines() if len(p) > 40]
    return [_article(f"p{i}", paragraphs[i % len(paragraphs)] + f" ({i})") for i in range(count)]


@pytest.fixture
def news_index(tmp_path):
    index = NewsIndex(IndexSettings(home=tmp_path / "index"))
    yield index
    index.close()


def test_reingesting_an_unchanged_article_embeds_nothing(news_index, embedder):
    first = Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT)])
    assert (first.new, first.chunks_embedded) == (1, news_index.vectors.count())
    assert first.tokens_embedded > 300
    again = Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT)])
    assert (again.new, again.unchanged, again.chunks_embedded, again.tokens_embedded) == (0, 1, 0, 0)
    assert news_index.vectors.count() == first.chunks_embedded


def test_an_edited_article_replaces_its_chunks(news_index, embedder):
    Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT)])
    before = news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID]
    edited = SEED_TEXT.replace("از تهدیدات رژیم صهیونیستی بیمی نداریم", "از تهدیدها هراسی نداریم")
    report = Ingestor(news_index, embedder).ingest([_article(SEED_ID, edited)])
    after = news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID]
    assert report.updated == 1 and 0 < report.chunks_embedded < len(after)
    assert after[0] == before[0] and after[-1] != before[-1]
    assert news_index.vectors.count() == len(after)
    assert news_index.vectors.existing(before) == set(before) & set(after)
    assert news_index.manifest.orphans() == []
    assert news_index.lexical.search("هراسی", 5) and not news_index.lexical.search("بیمی", 5)


def test_an_interrupted_ingest_keeps_committed_batches_and_resumes(news_index, embedder):
    articles = _paragraph_articles(40)

    def interrupted():
        for number, article in enumerate(articles):
            if number == 25:
                raise KeyboardInterrupt
            yield article

    report = Ingestor(news_index, embedder, batch_articles=10).ingest(interrupted())
    assert report.interrupted
    committed = news_index.manifest.stats()["articles"]
    assert committed == 20  # two whole batches; the third is not half-written
    assert news_index.vectors.count() >= committed
    resumed = Ingestor(news_index, embedder).ingest(articles)
    assert not resumed.interrupted
    assert (resumed.unchanged, resumed.new) == (committed, 40 - committed)
    assert news_index.manifest.stats()["articles"] == 40
    assert news_index.vectors.count() == news_index.manifest.stats()["chunks"]


def test_identical_text_is_embedded_once(news_index, embedder):
    text = SEED_TEXT.splitlines()[1]
    report = Ingestor(news_index, embedder).ingest([_article("copy-a", text, "t"), _article("copy-b", text, "t")])
    assert report.new == 2 and report.chunks_embedded == 1 and report.chunks_reused == 1
    assert news_index.vectors.count() == 2


def test_failures_and_duplicates_are_reported_and_the_rest_is_indexed(news_index, embedder):
    items = [
        LoaderError("broken.json", "not JSON: Expecting value", line=3),
        _article(SEED_ID, SEED_TEXT),
        _article(SEED_ID, SEED_TEXT),
        _article(SEED_ID, SEED_TEXT + "\nافزوده"),
    ]
    report = Ingestor(news_index, embedder).ingest(items)
    assert report.new == 1 and report.duplicates == 1 and len(report.failed) == 2
    assert "broken.json, line 3" in report.failed[0][1]
    assert "with different text; the first was kept" in report.failed[1][1]
    assert "1 new, 0 updated, 0 unchanged, 2 failed, 1 repeated in the input" in report.summary()


def test_removing_an_article_removes_its_chunks_everywhere(news_index, embedder):
    Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT), *_paragraph_articles(2)])
    assert news_index.remove(SEED_ID) == SEED_ID
    assert news_index.manifest.find_article(SEED_ID) is None
    assert news_index.vectors.count() == news_index.manifest.stats()["chunks"] == 2
    assert news_index.lexical.search("توکل", 10) == []
    assert news_index.remove("no-such-article") is None


def test_removing_many_articles_together_removes_each_everywhere_in_one_lexical_commit(news_index, embedder):
    Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT), *_paragraph_articles(4)])
    generation = news_index.manifest.generation
    removed = news_index.remove_all([SEED_ID, "p1", "p3", "no-such-article", "p1"])
    assert removed == {SEED_ID: SEED_ID, "p1": "p1", "p3": "p3", "no-such-article": None}
    assert news_index.manifest.generation == generation + 1  # one transaction for all of them
    assert sorted(news_index.manifest.article_ids()) == ["p0", "p2"]
    assert news_index.vectors.count() == news_index.manifest.stats()["chunks"] == 2
    assert news_index.lexical.search("توکل", 10) == []
    kept = _paragraph_articles(4)[2]
    found = [chunk_id for chunk_id, _ in news_index.lexical.search(normalize(kept.text), 10)]
    articles = {record.article_id for record in news_index.manifest.records(found).values()}
    assert "p2" in articles and articles <= {"p0", "p2"}


def test_opening_with_another_embedder_is_refused(tmp_path, news_index, embedder):
    Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT)])
    other = IndexSettings(home=news_index.settings.home, embedder=EmbedderSettings(model="/models/other-model"))
    with pytest.raises(IndexMismatchError, match="was built with"):
        NewsIndex(other)


def test_an_index_of_another_lexical_backend_is_migrated_once_on_opening(tmp_path, embedder):
    home = tmp_path / "index"
    news_index = NewsIndex(IndexSettings(home=home, lexical="fts5"))
    Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT), *_paragraph_articles(3)])
    expected = [chunk for chunk, _ in news_index.lexical.search("توکل شمخانی", 10)]
    news_index.close()
    (home / "bm25").mkdir()  # what an older khabar kept beside the manifest
    (home / "bm25" / "ids.json").write_text("[]")
    reopened = NewsIndex(IndexSettings(home=home))
    assert expected and [chunk for chunk, _ in reopened.lexical.search("توکل شمخانی", 10)] == expected
    assert reopened.lexical.size == reopened.manifest.stats()["chunks"]
    tables = {row[0] for row in reopened.manifest.connection.execute("SELECT name FROM sqlite_master")}
    assert "lexical_terms" not in tables and not (home / "bm25").exists()
    reopened.close()
    back = NewsIndex(IndexSettings(home=home, lexical="fts5"))
    assert [chunk for chunk, _ in back.lexical.search("توکل شمخانی", 10)] == expected
    assert not (home / "lexical").exists()
    back.close()


def test_lexical_search_follows_commits_made_by_another_process_on_the_same_index(tmp_path, news_index, embedder):
    other = NewsIndex(IndexSettings(home=news_index.settings.home))
    assert other.lexical.search("توکل", 10) == []
    Ingestor(news_index, embedder).ingest([_article(SEED_ID, SEED_TEXT)])
    found = other.lexical.search("توکل", 10)
    assert found and all(chunk_id in news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID] for chunk_id, _ in found)
    other.close()
