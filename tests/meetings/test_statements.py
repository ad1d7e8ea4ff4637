"""Who said what on real text: speakers found, pronouns resolved, one person per article, the tables in step."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, EVAL, SEED, SEED_ID, need_shared

from index.article import Article
from index.meetings.evaluate import load_articles
from index.meetings.said import search_speakers, speakers_of_articles, statements_of
from index.meetings.statements import extract_statements
from index.meetings.statements_store import StatementsExtension
from index.store.manifest import Manifest

SEED_TEXT = SEED.read_text(encoding="utf-8")


def _speaker_at(text: str, start: int) -> tuple[str, str]:
    """(name, kind) of the person the seed statement starting at `start` belongs to."""
    found = extract_statements(Article(SEED_ID, "", text))
    statement = next(s for s in found.statements if s.start == start)
    return found.people[statement.person].name, statement.mention


def test_a_pronoun_speaker_is_the_person_named_before_it():
    # «وی طرح موسوم به «معامله قرن» را ... دانست و افزود» follows «دریابان شمخانی ... تاکید کرد»
    start = SEED_TEXT.index("وی طرح موسوم")
    assert _speaker_at(SEED_TEXT, start) == ("علی شمخانی", "وی")
    assert _speaker_at(SEED_TEXT, SEED_TEXT.index("وی خاطرنشان کرد"))[0] == "صالح العاروری"


def test_the_long_and_short_forms_of_a_name_are_one_person():
    people = extract_statements(Article(SEED_ID, "", SEED_TEXT)).people
    shamkhani = next(p for p in people if p.name == "علی شمخانی")
    assert "دریابان شمخانی" in shamkhani.forms
    assert shamkhani.title == "نماینده مقام معظم رهبری و دبیر شورای عالی امنیت ملی"  # the role whole, from the lead
    aruri = [p for p in people if "العاروری" in p.forms]
    assert len(aruri) == 1 and aruri[0].name == "صالح العاروری"


def test_a_title_then_a_name_in_the_next_statement_are_one_speaker():
    url = "https://www.farsnews.ir/news/13940420000489/اجرای-پروژه-برق\u200cرسانی-در-شبانکاره"
    article = load_articles(need_shared(CORPUS))[url]
    found = extract_statements(article)
    water = next(p for p in found.people if p.name == "روح\u200cالله طاهریان\u200cپور")
    assert water.title == "مدیر عامل شرکت آب و فاضلاب روستایی استان بوشهر"
    said = [s.sentence for s in found.statements if s.person == water.number]
    assert any("سد کوثر" in s for s in said)
    electricity = next(p for p in found.people if p.name == "امرالله پاراد")
    assert not any("سد کوثر" in s.sentence for s in found.statements if s.person == electricity.number)


def test_a_colon_quote_goes_on_to_the_end_of_its_paragraph():
    rows = [json.loads(line) for line in (need_shared(EVAL) / "quotes-dev.jsonl").open(encoding="utf-8")]
    row = next(r for r in rows if r["id"] == "quote-dev-20")
    found = extract_statements(load_articles(need_shared(CORPUS))[row["article_url"]])
    statement = next(s for s in found.statements if "پنجاه نوع قلم" in s.sentence)
    assert statement.kind == "continued"
    assert found.people[statement.person].name == "آزاده پشوتني زاده"


def test_english_said_with_a_pronoun():
    text = "Boris Johnson said the plan would work. He added that talks would go on."
    found = extract_statements(Article("en", "", text))
    assert [(found.people[s.person].name, s.mention) for s in found.statements] == [
        ("Boris Johnson", "Boris Johnson"),
        ("Boris Johnson", "He"),
    ]


@pytest.fixture
def manifest(tmp_path):
    """A manifest keeping statements, with the seed committed."""
    manifest = Manifest(tmp_path / "manifest.sqlite3", [StatementsExtension()])
    manifest.commit([(Article(SEED_ID, "", SEED_TEXT), [])])
    yield manifest
    manifest.close()


def test_speakers_are_searched_by_any_of_their_forms_and_statements_read_back(manifest):
    db = manifest.connection
    found = search_speakers(db, ["شمخانی"])
    assert [s.name for s in found] == ["علی شمخانی"]
    said = statements_of(db, found)
    assert len(said) == 4 and all(SEED_TEXT[s.start : s.end] == s.sentence for s in said)
    assert {s.name for s in speakers_of_articles(db, [SEED_ID])} >= {"علی شمخانی", "صالح العاروری"}
    manifest.remove(SEED_ID)
    assert db.execute("SELECT count(*) FROM statements").fetchone()[0] == 0
    assert search_speakers(db, ["شمخانی"]) == []
