"""Stateless replicas: indexes on one real `chroma run` server share a corpus through its change log."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import httpx
import pytest
from conftest import SEED_ID, SEEDS
from web.support import ADMIN_TOKEN, running_server

from index.chunk import chunk_id
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings
from index.store.chroma_changes import ChromaChangeLog
from index.store.records import record_from_json, record_json
from index.text.normalize import normalize
from index.text.sentences import normalized_sentences, passage_sentences

QUESTION = "گنجایش سد تازه استان نمونه چقدر است؟"
DAM = {"id": "replica-dam", "text": "سد تازه استان نمونه امروز آبگیری شد و گنجایش آن دو میلیون متر مکعب است."}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def _replica(home, url: str, collection: str) -> NewsIndex:
    """An index whose cache lives in `home` and whose truth is the server's collection."""
    return NewsIndex(IndexSettings(home, url, collection=collection, sync_seconds=0.0))


def _sentence_keys(news_index: NewsIndex, article_id: str) -> list[tuple[str, int]]:
    """Every sentence of the article's chunks in this replica's cache, as the reader looks its vector up."""
    chunks = news_index.manifest.chunks_of(news_index.manifest.find_article(article_id))
    return [(chunk.id, position) for chunk in chunks for position in range(len(passage_sentences(chunk.text)))]


def _found(news_index: NewsIndex, words: str) -> list[str]:
    """The articles of the chunks BM25 finds for these words in this replica's cache."""
    hits = news_index.lexical.search(normalize(words), 5)
    records = news_index.manifest.records([chunk for chunk, _ in hits])
    return list(dict.fromkeys(record.article_id for record in records.values()))


def test_a_replica_follows_adds_edits_and_removals_made_through_another(chroma_server, tmp_path, embedder):
    url, _ = chroma_server
    writer, reader = _replica(tmp_path / "a", url, "replicas-follow"), _replica(tmp_path / "b", url, "replicas-follow")
    Ingestor(writer, embedder).ingest(load_source(SEEDS))
    assert reader.sync() == 1
    assert _found(reader, "شمخانی معامله قرن") == [SEED_ID]
    assert reader.manifest.connection.execute("SELECT count(*) FROM meetings").fetchone()[0] > 0
    assert reader.sync() == 0, "a second sync with nothing new applies nothing"

    seed = writer.manifest.find_article(SEED_ID)
    edited = replace(seed, title="دیدار نایب رئیس حماس با شمخانی", text=seed.text + "\nاین دیدار در تهران برگزار شد.")
    Ingestor(writer, embedder).ingest([edited])
    assert reader.sync() == 1
    assert reader.manifest.find_article(SEED_ID).text.endswith("در تهران برگزار شد.")
    assert reader.manifest.chunk_ids_of([SEED_ID]) == writer.manifest.chunk_ids_of([SEED_ID])
    assert reader.manifest.orphans() == [], "the writer, not a replica, deletes the vectors its edit replaced"
    keys = _sentence_keys(reader, SEED_ID)
    assert set(reader.vectors.sentence_vectors(keys)) == set(keys), "the reader's sentence vectors are on the server"
    cached = reader.manifest.records(reader.manifest.chunk_ids_of([SEED_ID])[SEED_ID]).values()
    assert all(r.sentences == normalized_sentences(r.text) for r in cached), "normalized sentences come with the record"

    assert writer.remove(SEED_ID) == SEED_ID
    assert reader.sync() == 1
    assert reader.manifest.find_article(SEED_ID) is None and reader.lexical.size == 0
    assert _found(reader, "شمخانی") == [] and reader.vectors.count() == 0
    assert reader.vectors.sentence_vectors(keys) == {}


def test_a_new_replica_builds_its_cache_from_the_server_alone(chroma_server, tmp_path, embedder):
    url, _ = chroma_server
    writer = _replica(tmp_path / "a", url, "replicas-new")
    Ingestor(writer, embedder).ingest(load_source(SEEDS))
    fresh = _replica(tmp_path / "fresh", url, "replicas-new")
    assert fresh.sync() == 1
    assert fresh.stats()["chunks"] == writer.stats()["chunks"] == fresh.stats()["vectors"] > 0
    assert _found(fresh, "دبیر شورای عالی امنیت ملی") == [SEED_ID]


def test_a_server_index_from_before_the_change_log_publishes_its_articles_once(chroma_server, tmp_path, embedder):
    url, _ = chroma_server
    older = _replica(tmp_path / "old", url, "replicas-older")
    older.changes = older.replica = None  # what an older khabar wrote: vectors on the server, articles on its disk
    Ingestor(older, embedder).ingest(load_source(SEEDS))
    older.close()
    reopened = _replica(tmp_path / "old", url, "replicas-older")
    assert reopened.sync() == 0
    other = _replica(tmp_path / "other", url, "replicas-older")
    assert other.sync() == 1 and other.manifest.find_article(SEED_ID) is not None


def test_a_record_written_before_chunks_carried_their_sentences_reads_with_them_normalized(tmp_path, embedder):
    writer = NewsIndex(IndexSettings(home=tmp_path / "index"))
    Ingestor(writer, embedder).ingest(load_source(SEEDS))
    seed = writer.manifest.find_article(SEED_ID)
    chunks = writer.manifest.chunks_of(seed)
    current = json.loads(record_json(seed, chunks))
    older = {**current, "chunks": [entry[:6] for entry in current["chunks"]]}
    read = [record_from_json(SEED_ID, json.dumps(record)) for record in (older, current)]
    assert read == [(seed, chunks), (seed, chunks)]
    writer.close()


class _DiesBeforeItsHead(ChromaChangeLog):
    """A writer's change log that dies between writing its entries and moving the head."""

    def _move_head(self) -> None:
        raise SystemExit("killed between the entries and the head")


def test_a_sync_that_finds_the_head_unmoved_reads_nothing_until_the_full_read_is_due(chroma_server, tmp_path, embedder):
    url, _ = chroma_server
    writer, reader = _replica(tmp_path / "a", url, "replicas-head"), _replica(tmp_path / "b", url, "replicas-head")
    Ingestor(writer, embedder).ingest(load_source(SEEDS))
    assert reader.sync() == 1
    seed = writer.manifest.find_article(SEED_ID)
    copy = replace(seed, id="replica-copy", url="")
    moved = writer.manifest.chunks_of(seed)
    chunks = [replace(c, id=chunk_id(copy.id, c.position, c.text), article_id=copy.id) for c in moved]
    dying = _DiesBeforeItsHead(tmp_path / "a", url, "replicas-head")
    with pytest.raises(SystemExit):
        dying.publish([(copy, chunks)])
    assert reader.sync() == 0, "the head did not move: one small read, nothing applied"
    reader.replica.full_read_seconds = 0.0  # as when the last full read is older than the interval (30 s)
    assert reader.sync() == 1 and reader.manifest.find_article("replica-copy") is not None


def _until(check, limit: float) -> float:
    """Seconds until `check()` holds, polled every 0.1 s; fails past `limit`."""
    started = time.monotonic()
    while not check():
        elapsed = time.monotonic() - started
        assert elapsed < limit, f"not seen within {limit} s"
        time.sleep(0.1)
    return time.monotonic() - started


def test_two_serve_processes_on_one_server_answer_within_five_seconds(chroma_server, tmp_path):
    url, _ = chroma_server
    env = {"KHABAR_CHROMA_URL": url, "KHABAR_ADMIN_TOKEN": ADMIN_TOKEN}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        running_server(tmp_path / "a" / "index", tmp_path / "a", env) as a,
        running_server(tmp_path / "b" / "index", tmp_path / "b", env) as b,
        httpx.Client(timeout=60) as http,
    ):

        def answered() -> bool:
            answer = http.post(f"{b.url}/api/ask", json={"question": QUESTION}).json()
            return answer["found"] and answer["citations"][0]["article_id"] == DAM["id"]

        assert not answered()
        assert http.post(f"{a.url}/api/articles", json={"articles": [DAM]}, headers=ADMIN).json()["new"] == 1
        assert _until(answered, 5.0) < 5.0
        assert http.delete(f"{a.url}/api/articles/{DAM['id']}", headers=ADMIN).json() == {"removed": DAM["id"]}
        assert _until(lambda: not answered(), 5.0) < 5.0
        assert http.get(f"{b.url}/api/articles/{DAM['id']}").status_code == 404
