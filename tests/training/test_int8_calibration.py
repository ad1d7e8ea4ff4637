"""The int8 calibration: its splits by article are disjoint and seeded, and scales calibrated on real FarsNews
chunks keep int8 vectors of text it never saw within cosine 0.999 of fp32; the shipped scales are that command's."""

from __future__ import annotations

import pytest
import torch
from conftest import CORPUS, SEED, need_shared

from index.embeddings import EmbedderSettings, make_embedder
from index.embeddings.e5_int8 import QUANTIZED_PROJECTIONS, load_smoothing, smoothing_key
from index.text.chunker import Chunker
from training.embedder.int8 import TEST_CHUNKS, corpus_chunks, split


def test_calibration_validation_and_test_chunks_come_from_different_articles_and_the_seed_fixes_them():
    articles = [[f"article {a} chunk {c}" for c in range(2)] for a in range(400)]
    calibration, validation, test = split(articles, seed=13)
    assert len(test) == TEST_CHUNKS and not set(calibration) & set(validation)
    assert not (set(calibration) | set(validation)) & set(test)
    assert split(articles, seed=13) == (calibration, validation, test) != split(articles, seed=14)


def test_scales_calibrated_on_farsnews_chunks_keep_unseen_text_within_cosine_0_999_of_fp32():
    fp32 = make_embedder(EmbedderSettings(precision="fp32"))
    articles = corpus_chunks(need_shared(CORPUS / "fars-news-1.json"), Chunker(fp32.count_tokens))[:12]
    calibration = [chunk for article in articles for chunk in article]
    [smoothing] = fp32.int8_smoothings(calibration, (0.8,)).values()
    assert set(smoothing) == {smoothing_key(layer, name) for layer in range(12) for name in QUANTIZED_PROJECTIONS}
    assert all(scales.shape == (384,) and bool((scales > 0).all()) for scales in smoothing.values())
    unseen = [p for p in SEED.read_text(encoding="utf-8").splitlines() if len(p) > 40][:4]
    calibrated = make_embedder(EmbedderSettings(precision="fp32"))
    calibrated.quantize(smoothing)
    assert (calibrated.encode_documents(unseen) * fp32.encode_documents(unseen)).sum(axis=1).min() >= 0.999
    with pytest.raises(ValueError, match=r"int8 scales are calibrated on the fp32 engine\. Currently, it runs int8"):
        make_embedder(EmbedderSettings(precision="int8")).int8_smoothings(calibration, (0.8,))


def test_the_shipped_scales_cover_every_quantized_projection():
    shipped = load_smoothing()
    assert set(shipped) == {smoothing_key(layer, name) for layer in range(12) for name in QUANTIZED_PROJECTIONS}
    assert all(bool(torch.isfinite(scales).all() and (scales > 0).all()) for scales in shipped.values())
