"""Dates and counts as each reader reads them: Jalali in Persian digits with «٬» grouping, Gregorian in English."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from web.support import SEED_ID, SEED_TEXT

from assistant.answer import Answer, Passage
from assistant.web.locale import ENGLISH, PERSIAN
from assistant.web.render import answer_html, status_html
from assistant.web.schemas import Filters


def test_persian_readers_get_jalali_dates_and_english_readers_gregorian():
    assert PERSIAN.day(date(2021, 5, 15)) == "۱۴۰۰/۰۲/۲۵"
    assert ENGLISH.day(date(2021, 5, 15)) == "2021-05-15"
    assert PERSIAN.day(None) == "بی‌تاریخ"


def test_counts_are_grouped_with_the_persian_thousands_separator():
    line = status_html({"articles": 1333, "chunks": 12045, "last_ingest": None}, PERSIAN)
    assert "۱٬۳۳۳ خبر" in line and "۱۲٬۰۴۵ بخش" in line and "," not in line
    assert "1,333 articles" in status_html({"articles": 1333, "chunks": 0, "last_ingest": None}, ENGLISH)


def test_an_answer_under_a_date_filter_says_how_many_undated_articles_it_left_out():
    sentence = SEED_TEXT.splitlines()[0]
    passage = Passage("c", SEED_ID, "دیدار", "", "خبرگزاری مهر", None, "", sentence, 0, len(sentence), 1.0)
    answer = Answer("شمخانی با چه کسی دیدار کرد؟", "پاسخی نیامد.", False, [], [passage], "", undated_excluded=3)
    assert "۳ خبر بی‌تاریخ بیرون از بازه تاریخ ماند" in answer_html(answer, {}, 1)
    english = Answer("Whom did Shamkhani meet?", "No answer.", False, [], [passage], "", undated_excluded=3)
    assert "3 undated articles were left out by the date filter." in answer_html(english, {}, 1)
    assert "kh-undated" not in answer_html(Answer("Whom?", "No.", False, [], [passage], ""), {}, 1)


def test_api_date_fields_take_either_calendar_and_refuse_ambiguity():
    assert Filters(since="1400-02-25", until="۱۴۰۰/۰۳/۰۱").search_filters().since == date(2021, 5, 15)
    assert Filters(until="2021-05-22").until == date(2021, 5, 22)
    with pytest.raises(ValidationError, match="ambiguous date '03/04/2021'"):
        Filters(since="03/04/2021")
    with pytest.raises(ValidationError, match="must not be after"):
        Filters(since="1400-03-01", until="2021-05-15")
