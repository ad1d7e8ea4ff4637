"""The verifier on real passages: the seed's paragraphs and an English BBC article."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import SEED, SHARED, need_shared

from assistant.answer import Passage, Unsupported
from assistant.answering.verification.claims import SentenceCutter, parse_claim, split_reply
from assistant.answering.verification.entailment import bundled_model
from assistant.answering.verification.facts import (
    Evidence,
    dates,
    dictionary_terms,
    latin_names,
    missing_facts,
    passage_words,
    spelled_numbers,
)
from assistant.answering.verification.verifier import Supported, Verifier

SEED_TEXT = SEED.read_text(encoding="utf-8")
QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"


def passages_of(text: str, article_id: str, count: int = 4) -> list[Passage]:
    """The first paragraphs of an article as numbered passages, with their offsets in it."""
    paragraphs = [p for p in text.split("\n") if p.strip()][:count]
    found = []
    for i, paragraph in enumerate(paragraphs):
        start = text.index(paragraph)
        found.append(
            Passage(f"{article_id}:{i}", article_id, "t", "", "", None, "", paragraph, start, start + len(paragraph), 1)
        )
    return found


@pytest.fixture(scope="module")
def seed_check(embedder):
    """A check of one reply to the seed question over the seed's first four paragraphs."""
    return Verifier(bundled_model(), embedder).session(QUESTION, passages_of(SEED_TEXT, "seed"))


def test_a_sentence_the_cited_passage_says_is_kept_with_its_span(seed_check):
    verdict = seed_check.check("نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار و گفتگو کرد [1].")
    assert isinstance(verdict, Supported) and verdict.passage == 0 and not verdict.corrected
    assert "شمخانی" in seed_check.passages[0].text[verdict.start : verdict.end]


def test_a_wrong_marker_is_corrected_to_the_passage_that_supports_the_sentence(seed_check):
    verdict = seed_check.check("شمخانی طرح معامله قرن را شکست خورده دانست [1].")
    assert isinstance(verdict, Supported) and verdict.corrected
    assert "معامله قرن" in seed_check.passages[verdict.passage].text


def test_an_invented_number_is_removed_naming_the_number(seed_check):
    verdict = seed_check.check("نایب رئیس دفتر سیاسی حماس با ۳ نفر از مقامات دیدار کرد [1].")
    assert isinstance(verdict, Unsupported) and verdict.reason.startswith("facts: 3")


def test_a_sentence_without_a_marker_gets_the_marker_of_its_passage_or_is_removed(seed_check):
    verdict = seed_check.check("نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار کرد.")
    assert isinstance(verdict, Supported) and verdict.passage == 0 and verdict.corrected
    unmarked = seed_check.check("هوا امروز در تهران آفتابی است.")
    assert isinstance(unmarked, Unsupported) and unmarked.reason.startswith("no_marker")


def test_a_sentence_in_another_language_than_the_question_is_removed(seed_check):
    verdict = seed_check.check("The deputy head of Hamas met Ali Shamkhani [1].")
    assert isinstance(verdict, Unsupported) and verdict.reason.startswith("language")


def test_a_claim_no_passage_makes_is_removed(seed_check):
    verdict = seed_check.check("هوا امروز در تهران آفتابی است [1].")
    assert isinstance(verdict, Unsupported) and verdict.reason.startswith("not_entailed")


def test_a_marker_beyond_the_passages_shown_is_caught(seed_check):
    verdict = seed_check.check("هوا امروز در تهران آفتابی است [9].")
    assert isinstance(verdict, Unsupported) and verdict.reason.startswith("unknown_marker")


def test_an_invented_english_name_or_date_is_removed(embedder):
    corpus = need_shared(SHARED / "corpus" / "bbc" / "bbc-dev-corpus.jsonl")
    article = json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])
    passages = passages_of(article["text"], article["id"])
    check = Verifier(bundled_model(), embedder).session("How fast did the French economy grow?", passages)
    first = passages[1].text.split(". ")[0]
    assert isinstance(check.check(f"{first} [2]."), Supported)
    invented = check.check(f"{first}, said Barack Obama [2].")
    assert isinstance(invented, Unsupported) and "barack" in invented.reason
    dated = check.check(f"{first} on 12 March [2].")
    assert isinstance(dated, Unsupported) and "12" in dated.reason


def test_sentences_are_cut_as_text_streams_in_with_markers_kept_on_their_sentence():
    cutter, done = SentenceCutter(), []
    for piece in ["Profits rose 76% to 1.1", "3bn. [", "1] Sales ", "fell [2]. Last one"]:
        done += cutter.feed(piece)
    assert done == ["Profits rose 76% to 1.13bn. [1]", "Sales fell [2]."]
    assert cutter.flush() == ["Last one"]
    assert [parse_claim(s).cited for s in split_reply("الف [۱]. ب [1، 2]\nج")] == [(1,), (1, 2), ()]


def test_the_entailment_head_beats_its_stated_validation_accuracy_on_farstail_test(embedder):
    path = need_shared(SHARED / "data" / "farstail" / "Test-word.csv")
    model = bundled_model()
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))[:300]
    right = sum((model.score(r["premise"], r["hypothesis"], embedder) >= 0.5) == (r["label"] == "e") for r in rows)
    assert right / len(rows) >= 0.75


def test_a_name_with_a_possessive_or_an_apostrophe_is_found_in_its_passage():
    passage = "Mr O'Brien said Madagascar replaced the Malagasy franc with the ariary."
    sentence = "O'Brien said Madagascar's new currency is the ariary."
    assert latin_names(sentence) == {"o'brien", "madagascar"}
    assert not missing_facts(Evidence.of(sentence), Evidence.of(passage), passage_words(passage))
    assert missing_facts(Evidence.of("Madagascar's Rajoelina"), Evidence.of(passage), passage_words(passage)) == [
        "rajoelina"
    ]


def test_a_number_the_passage_spells_in_words_holds_the_digits_a_sentence_writes():
    passage = "در اصل یکصد و نهم قانون اساسی، اولین موردی که در شرایط و صفات رهبر قید شده است، صلاحیت علمی است."
    sentence = "با توجه به اصل ۱۰۹ قانون اساسی رهبر می بایست صلاحیت علمی لازم را داشته باشد."
    assert spelled_numbers(passage) == {"109", "1"}
    assert not missing_facts(Evidence.of(sentence), Evidence.of(passage), passage_words(passage))
    assert missing_facts(Evidence.of("اصل ۱۱۰"), Evidence.of(passage), passage_words(passage)) == ["110"]
    assert spelled_numbers("نه، او بیست و نه روز بعد آمد.") == {"29"}  # «نه» alone is "no"


def test_three_alone_is_a_number_word_and_only_before_shanbe_a_weekday():
    assert dates("سه کشور آلمان، ایتالیا و ژاپن عضو عهدنامه بودند.") == set()
    assert dates("روز سه‌شنبه گفت") == {"سه", "شنبه"}
    passage = "او روز سه‌شنبه در تهران گفت."
    assert missing_facts(Evidence.of("او پنج‌شنبه گفت."), Evidence.of(passage), passage_words(passage)) == ["پنج"]


def test_a_conjugated_verb_is_ordinary_but_a_made_up_name_is_not():
    assert "زیسته" in dictionary_terms("سلمان ساوجی، شاعر ایرانی در قرن هشتم می زیسته است.")
    assert not {"زلمونیک", "زرنگ"} & dictionary_terms("زلمونیک با زرنگیان دیدار کرد.")


def test_a_sentence_that_asks_or_restates_the_question_is_not_an_answer(seed_check):
    asked = seed_check.check("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟ [1]")
    assert isinstance(asked, Unsupported) and asked.reason.startswith("question")
    echoed = seed_check.check("نایب رئیس دفتر سیاسی حماس با کسی دیدار کرد [1].")
    assert isinstance(echoed, Unsupported) and echoed.reason.startswith("restates")
