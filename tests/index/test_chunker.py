"""Chunks are runs of whole sentences within the token window, with stable ids and exact spans."""

import itertools

import pytest
from conftest import SEED, SEED_ID

from index.article import Article
from index.text.chunker import Chunker, ChunkingSettings
from index.text.sentences import split_sentences


@pytest.fixture(scope="module")
def seed_article():
    return Article(id=SEED_ID, title="", text=SEED.read_text(encoding="utf-8"))


def test_chunks_are_whole_sentences_with_exact_spans(embedder, seed_article):
    chunks = Chunker(embedder.count_tokens).chunk(seed_article)
    boundaries = {s.start for s in split_sentences(seed_article.text)}
    ends = {s.end for s in split_sentences(seed_article.text)}
    assert len(chunks) >= 2
    for chunk in chunks:
        assert seed_article.text[chunk.start : chunk.end] == chunk.text
        assert chunk.start in boundaries and chunk.end in ends
        assert embedder.count_tokens(chunk.search_text) <= ChunkingSettings().max_tokens
    assert chunks[0].start == 0 and chunks[-1].end == len(seed_article.text.rstrip())


def test_neighbouring_chunks_share_a_sentence(embedder, seed_article):
    chunks = Chunker(embedder.count_tokens, ChunkingSettings(target_tokens=200, overlap_sentences=1)).chunk(
        seed_article
    )
    assert all(b.start < a.end for a, b in itertools.pairwise(chunks))


def test_chunk_ids_are_stable_and_follow_the_text(embedder, seed_article):
    chunker = Chunker(embedder.count_tokens)
    first, again = chunker.chunk(seed_article), chunker.chunk(seed_article)
    assert [c.id for c in first] == [c.id for c in again]
    edited = Article(id=SEED_ID, title="", text=seed_article.text.replace("العاروری تاکید کرد", "العاروری گفت"))
    changed = chunker.chunk(edited)
    assert first[0].id == changed[0].id and first[-1].id != changed[-1].id


def test_a_sentence_longer_than_the_window_is_cut_between_words(embedder):
    text = " ".join(["دیدار"] * 900) + "."
    chunks = Chunker(embedder.count_tokens, ChunkingSettings(target_tokens=100, max_tokens=200)).chunk(
        Article(id="long", title="", text=text)
    )
    assert len(chunks) >= 4
    assert all(embedder.count_tokens(c.search_text) <= 200 for c in chunks)
    assert all(c.text.startswith("دیدار") for c in chunks)


def test_settings_are_checked():
    with pytest.raises(ValueError, match="target_tokens must be greater than 0"):
        ChunkingSettings(target_tokens=0)
    with pytest.raises(ValueError, match="max_tokens must be at least target_tokens"):
        ChunkingSettings(target_tokens=300, max_tokens=200)
