"""The NER training data: PEYMA and ParsTwiNER read as their READMEs count them, tags carried to pieces."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SHARED, need_shared

from index.entities.tags import TAGS, chunks
from training.ner.corpora import read_split
from training.ner.features import piece_tags


@pytest.mark.parametrize(("corpus", "sentences", "words"), [("peyma", 1026, 32176), ("parstwiner", 303, 10000)])
def test_test_splits_read_as_their_readmes_count_them(corpus, sentences, words):
    data = need_shared(SHARED / "data" / corpus).parent
    read = read_split(data, corpus, "test")
    assert (len(read), sum(len(s.words) for s in read)) == (sentences, words)
    kinds = Counter(tag[2:] for s in read for tag in s.tags if tag != "O")
    assert set(kinds) == {"PER", "ORG", "LOC"}


def test_a_malformed_line_names_its_file_and_line(tmp_path):
    (tmp_path / "peyma").mkdir()
    (tmp_path / "peyma" / "test.txt").write_text("سعید|B_PER\nپورعلی\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"test\.txt:2"):
        read_split(tmp_path, "peyma", "test")


def test_each_words_pieces_carry_its_entity(embedder):
    data = need_shared(SHARED / "data" / "peyma").parent
    for sentence in read_split(data, "peyma", "test")[:50]:
        _, spans = embedder._tokenizer.pieces(sentence.text)
        tags, firsts = piece_tags(sentence, spans)
        assert all(first >= 0 for first in firsts)
        word_entities = chunks(list(sentence.tags))
        piece_entities = chunks([TAGS[t] for t in tags])
        assert [kind for kind, _, _ in piece_entities] == [kind for kind, _, _ in word_entities]


def test_chunks_read_bio_like_conlleval():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-PER"]
    assert chunks(tags) == [("PER", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5), ("ORG", 5, 6), ("PER", 6, 7)]
