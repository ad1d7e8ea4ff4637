"""Sentence spans cover the original text verbatim and do not cut decimals."""

import itertools

from conftest import SEED

from index.text.sentences import split_sentences


def test_seed_sentences_are_verbatim_slices():
    text = SEED.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) >= 10
    assert spans[0].of(text).startswith("به گزارش اتاق خبر")
    assert spans[0].of(text).endswith("دیدار و گفتگو کرد.")
    assert all(s.of(text) == s.of(text).strip() and s.of(text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_decimal_points_are_not_sentence_ends():
    text = "نرخ تورم ۱۲.۵ درصد شد و رشد 3.75 بود. سپس جلسه تمام شد."
    sentences = [s.of(text) for s in split_sentences(text)]
    assert sentences == ["نرخ تورم ۱۲.۵ درصد شد و رشد 3.75 بود.", "سپس جلسه تمام شد."]


def test_english_sentences_and_abbreviations():
    text = "Mr. Lavrov met Zarif in Moscow. Growth was 2.5 percent!\nA new line."
    sentences = [s.of(text) for s in split_sentences(text)]
    assert sentences == ["Mr. Lavrov met Zarif in Moscow.", "Growth was 2.5 percent!", "A new line."]
