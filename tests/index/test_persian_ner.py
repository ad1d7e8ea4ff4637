"""The Persian NER shipped in index/entities: whole-word spans of people, organisations and places in real text."""

from __future__ import annotations

import pytest
from conftest import SEED, SHARED, need_shared

from index.entities.persian import PersianNer

FLOOR = 0.8  # the whole PEYMA test split scores 0.852 (ner-fa.json), these 200 sentences 0.863; the old head 0.618


@pytest.fixture(scope="module")
def ner(embedder) -> PersianNer:
    """The shipped NER on the session's e5."""
    return PersianNer(embedder)


def test_the_seed_lead_names_its_people_and_organisations(ner):
    lead = SEED.read_text(encoding="utf-8").splitlines()[0]
    [entities] = ner.entities([lead])
    assert all(lead[e.start : e.end] == e.text for e in entities)
    assert all(not lead[e.start - 1 : e.start].isalpha() and not lead[e.end : e.end + 1].isalpha() for e in entities)
    people = [e.text for e in entities if e.kind == "PER"]
    assert any("شمخانی" in text for text in people)
    organisations = [e.text for e in entities if e.kind == "ORG"]
    assert "خبرگزاری مهر" in organisations and "شورای عالی امنیت ملی" in organisations


def test_the_seeds_second_paragraph_has_a_place_and_a_person_named_by_surname(ner):
    paragraph = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()][1]
    [entities] = ner.entities([paragraph])
    kinds = {(e.kind, e.text) for e in entities}
    assert ("LOC", "فلسطین") in kinds and ("PER", "شمخانی") in kinds
    assert not any(e.kind == "PER" and "فلسطین" in e.text for e in entities)


def test_a_text_without_names_has_no_entities_and_empty_texts_are_fine(ner):
    assert ner.entities(["", "قیمت طلا امروز کاهش یافت."]) == [[], []]


def test_a_missing_artifact_is_named(embedder, tmp_path):
    with pytest.raises(FileNotFoundError, match=r"ner-fa\.safetensors"):
        PersianNer(embedder, tmp_path / "ner-fa")


def test_arabic_letter_forms_read_as_persian_with_spans_of_the_original(ner):
    lead = SEED.read_text(encoding="utf-8").splitlines()[0]
    arabic = lead.replace("ی", "ي").replace("ک", "ك")
    [persian_entities], [arabic_entities] = ner.entities([lead]), ner.entities([arabic])
    assert [(e.kind, e.start, e.end) for e in arabic_entities] == [(e.kind, e.start, e.end) for e in persian_entities]
    assert all(arabic[e.start : e.end] == e.text for e in arabic_entities)


def test_the_shipped_head_scores_on_held_out_peyma_as_its_artifact_records(embedder, ner):
    from training.ner.corpora import read_split
    from training.ner.features import extract, select
    from training.ner.train import scores

    data = need_shared(SHARED / "data" / "peyma").parent
    layers = tuple(ner.config["layers"])
    features = select(extract(embedder, read_split(data, "peyma", "test")[:200], layers), layers)
    f1 = scores(ner._head, [features])["all"][2]
    assert f1 >= FLOOR
