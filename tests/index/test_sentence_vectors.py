"""The sentences the answerers read are prepared at ingest and stored beside the chunks: their e5 vectors, equal to what
the reader would embed at question time, and their normalized forms, equal to what it would normalize; read instead
of embedding or normalizing, removed with their article, and completed in an index from before them by its next
ingest (resumable), which answers the same meanwhile."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from conftest import SEED_ID, SEEDS

from assistant.answering import extractive
from assistant.app import Assistant, AssistantSettings
from index.embeddings.base import Embedder
from index.ingest import SENTENCE_TEXTS_KEY, SENTENCE_VECTORS_KEY, Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings
from index.store.sentence_forms import decode_sentences, encode_sentences
from index.text.sentences import normalized_sentences, passage_sentences

QUESTIONS = ("معاون هنیه گفت هدف این سفر چیست؟", "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟")


class _Counting(Embedder):
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.passages = inner, 0
        self.name, self.dimension, self.max_tokens = inner.name, inner.dimension, inner.max_tokens

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        self.passages += len(texts)
        return self.inner.encode_documents(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.inner.encode_query(text)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)


class _OlderIngestor(Ingestor):
    """What an older khabar wrote: chunk vectors only, and no normalized sentences."""

    def _write_sentence_vectors(self, chunks, report) -> None:
        return None

    def _complete_sentence_vectors(self, report, progress) -> None:
        return None

    def _complete_sentence_texts(self, report, progress) -> None:
        return None


class _StopsAfterFirstStep:
    """Progress that interrupts the ingest (as Ctrl-C does) once the first backfill step is written."""

    def advance(self, articles: int, chunks: int, tokens: int) -> None:
        raise KeyboardInterrupt

    def close(self) -> None:
        return None


def _keys(news_index: NewsIndex) -> dict[tuple[str, int], str]:
    """Every sentence the reader can read in the index, by (chunk id, position), with its normalized text."""
    keys = {}
    for article_id in news_index.manifest.article_ids():
        for chunk in news_index.manifest.chunks_of(news_index.manifest.find_article(article_id)):
            for position, (_, normalized) in enumerate(passage_sentences(chunk.text)):
                keys[(chunk.id, position)] = normalized
    return keys


def _answers(news_index: NewsIndex, embedder: Embedder) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """The reader's answers to the questions: text and cited spans."""
    assistant = Assistant(news_index, embedder, AssistantSettings(answerers=("extractive",)))
    answers = [assistant.ask(question) for question in QUESTIONS]
    return [(a.text, [(c.article_id, c.start, c.end) for c in a.citations]) for a in answers]


@pytest.fixture
def seed_index(tmp_path, embedder):
    news_index = NewsIndex(IndexSettings(home=tmp_path / "index"))
    report = Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    yield news_index, report
    news_index.close()


def test_every_sentence_of_the_seed_has_its_stored_vector_equal_to_the_one_embedded_at_question_time(
    seed_index, embedder
):
    news_index, report = seed_index
    keys = _keys(news_index)
    stored = news_index.vectors.sentence_vectors(list(keys))
    assert set(stored) == set(keys) and len(keys) > 10
    assert report.sentences_embedded == len(set(keys.values())), "the sentence two chunks share is embedded once"
    for key, normalized in list(keys.items())[:12]:
        asked = embedder.encode_documents([normalized])[0]  # what the reader embedded per question before
        if "engine=torch-fp32" in embedder.name:  # the same vector up to float rounding of another batch
            assert np.abs(stored[key] - asked).max() < 1e-6
        else:  # int8 quantizes by its batch's range, bf16 rounds by its padding: as close as either is to fp32
            assert float(stored[key] @ asked) >= 0.999


def test_every_chunk_stores_its_sentences_normalized_as_the_reader_would_normalize_them(seed_index):
    news_index, _ = seed_index
    chunk_ids = news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID]
    records = news_index.manifest.records(chunk_ids)
    assert len(records) == len(chunk_ids) > 1
    for record in records.values():
        assert record.sentences == normalized_sentences(record.text) and len(record.sentences) > 1
    seed = news_index.manifest.find_article(SEED_ID)
    assert [c.sentences for c in news_index.manifest.chunks_of(seed)] == [records[i].sentences for i in chunk_ids]
    stored = sum(len(r.sentences_column) for r in records.values())
    assert stored < sum(len(s) for r in records.values() for s in r.sentences) / 4, "kept as places in the search text"


def test_a_sentence_that_its_search_text_spells_otherwise_is_stored_whole(seed_index):
    news_index, _ = seed_index
    record = next(iter(news_index.manifest.records(news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID]).values()))
    elsewhere = "این جمله در این خبر نیست"
    sentences = (*record.sentences, elsewhere)
    column = encode_sentences(record.search_text, sentences)
    assert decode_sentences(record.search_text, column) == sentences and elsewhere in column


def test_answering_normalizes_no_sentence_of_a_chunk_that_stores_them(seed_index, embedder, monkeypatch):
    news_index, _ = seed_index
    normalized: list[str] = []

    def counted(text: str) -> tuple[str, ...]:
        normalized.append(text)
        return normalized_sentences(text)

    monkeypatch.setattr(extractive, "normalized_sentences", counted)
    extractive._sentences.cache_clear()
    answers = _answers(news_index, embedder)
    assert answers[0][1] and answers[0][1][0][0] == SEED_ID
    assert normalized == []


def test_answering_reads_the_stored_vectors_and_embeds_no_sentence(seed_index, embedder):
    news_index, _ = seed_index
    counting = _Counting(embedder)
    answers = _answers(news_index, counting)
    assert answers[0][1] and answers[0][1][0][0] == SEED_ID
    assert counting.passages == 0


def test_who_met_whom_and_who_said_what_read_their_sentences_stored_vectors_too(seed_index, embedder):
    news_index, _ = seed_index
    counting = _Counting(embedder)
    assistant = Assistant(news_index, counting)  # the default chain: meetings, quotes, then the reader
    met = assistant.ask(QUESTIONS[1])
    said = assistant.ask("شمخانی درباره معامله قرن چه گفت؟")
    assert (met.answerer, said.answerer) == ("meetings", "quotes")
    assert "شمخانی" in met.text and "معامله قرن" in said.citations[0].quote
    assert counting.passages == 0


def test_a_removed_or_edited_article_leaves_no_sentence_vector_behind(seed_index, embedder):
    news_index, _ = seed_index
    chunk_ids = news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID]
    seed = news_index.manifest.find_article(SEED_ID)
    edited = replace(seed, text="خبر تازه: " + seed.text)
    Ingestor(news_index, embedder).ingest([edited])
    replaced = set(chunk_ids) - set(news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID])
    assert replaced and not news_index.vectors.sentence_counts(sorted(replaced))
    assert set(news_index.vectors.sentence_vectors(list(_keys(news_index)))) == set(_keys(news_index))
    current = news_index.manifest.chunk_ids_of([SEED_ID])[SEED_ID]
    assert news_index.remove(SEED_ID) == SEED_ID
    assert news_index.vectors.sentence_counts(current + chunk_ids) == {}


def test_an_index_from_before_them_answers_the_same_and_its_next_ingest_completes_them(tmp_path, embedder):
    older = NewsIndex(IndexSettings(home=tmp_path / "older"))
    seed = next(iter(load_source(SEEDS)))
    paragraphs = [p for p in seed.text.splitlines() if len(p) > 40]
    articles = [seed] + [
        replace(seed, id=f"p{n}", url="", text=f"{paragraphs[n % len(paragraphs)]} ({n})") for n in range(20)
    ]
    assert len(articles) > 16, "more articles than one backfill step"
    _OlderIngestor(older, embedder).ingest(articles)
    older.manifest.connection.execute("UPDATE chunks SET sentences = NULL")
    keys = _keys(older)
    assert older.vectors.sentence_vectors(list(keys)) == {}
    assert all(r.sentences is None for r in older.manifest.records([key[0] for key in keys]).values())
    extractive._sentences.cache_clear()
    counting = _Counting(embedder)
    before = _answers(older, counting)
    assert counting.passages > 0, "without stored vectors the reader embeds the sentences it reads"

    chunks = older.stats()["chunks"]
    first = Ingestor(older, embedder).ingest(articles, _StopsAfterFirstStep())
    assert first.interrupted and 0 < first.sentences_stored < chunks, "the first step of normalized sentences is kept"
    second = Ingestor(older, embedder).ingest(articles, _StopsAfterFirstStep())
    assert second.sentences_stored == chunks - first.sentences_stored, "and the next ingest resumes after it"
    stopped = Ingestor(older, embedder).ingest(articles, _StopsAfterFirstStep())
    assert stopped.interrupted and stopped.sentences_stored == 0 and older.manifest.meta(SENTENCE_TEXTS_KEY)
    assert older.manifest.meta(SENTENCE_VECTORS_KEY) is None
    assert 0 < len(older.vectors.sentence_vectors(list(keys))) < len(keys), "the first step is kept"
    resumed = Ingestor(older, embedder).ingest(articles)
    assert resumed.unchanged == len(articles) and resumed.chunks_embedded == 0 and resumed.sentences_stored == 0
    assert 0 < resumed.chunks_backfilled < chunks, "the resumed backfill skips the step done"
    assert set(older.vectors.sentence_vectors(list(keys))) == set(keys)
    records = older.manifest.records([key[0] for key in keys]).values()
    assert all(r.sentences == normalized_sentences(r.text) for r in records)
    assert Ingestor(older, embedder).ingest(articles).chunks_backfilled == 0, "recorded once complete"

    counting = _Counting(embedder)
    assert _answers(older, counting) == before and counting.passages == 0
    older.close()
