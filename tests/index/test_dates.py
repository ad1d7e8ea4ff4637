"""Dates in both calendars: what people type, what agency URLs and datelines carry, and relative times."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest
from conftest import CORPUS, need_shared

from index.dates import (
    URL_DATES,
    DateError,
    date_from_text,
    date_from_url,
    find_relative,
    jalali_text,
    parse_day,
    published_date,
)
from index.loaders import load_source
from index.meetings.when import find_when

ORDIBEHESHT_25_1400 = date(2021, 5, 15)


@pytest.mark.parametrize(
    "written",
    ["1400-02-25", "1400/2/25", "۱۴۰۰/۰۲/۲۵", "۲۵ اردیبهشت ۱۴۰۰", "«۲۵ اردیبهشت ۱۴۰۰»", "25 ارديبهشت ماه 1400",
     "2021-05-15", "2021/05/15", "15 May 2021", "May 15, 2021", "25/02/1400", "15/05/2021"],
)  # fmt: skip
def test_one_day_written_in_either_calendar(written):
    assert parse_day(written) == ORDIBEHESHT_25_1400


def test_a_year_below_1700_is_jalali_and_from_1700_gregorian():
    assert parse_day("1699-01-01") == date(2320, 3, 21)
    assert parse_day("1700-01-01") == date(1700, 1, 1)
    assert parse_day("1398-01-01") == date(2019, 3, 21) and parse_day("1398-12-29") == date(2020, 3, 19)


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("03/04/2021", "ambiguous date '03/04/2021': day and month could be either way round"),
        ("99/02/25", "ambiguous date '99/02/25': a two-digit year"),
        ("25 اردیبهشت 2021", "Jalali month but 2021 a Gregorian year"),
        ("15 May 1400", "Gregorian month but 1400 a Jalali year"),
        ("25 اردیبهشت", "has no year"),
        ("1400", "a year alone"),
        ("1400/12/30", "1400/12/30 is not a Jalali date"),
        ("2021-02-29", "2021-02-29 is not a date"),
        ("دیروز", "not a date"),
        ("", "empty"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused_saying_why(written, reason):
    with pytest.raises(DateError) as refused:
        parse_day(written)
    assert reason in str(refused.value)


def test_jalali_text_of_a_gregorian_date():
    assert jalali_text(date(2020, 3, 20)) == "1399/01/01"
    assert jalali_text(ORDIBEHESHT_25_1400, "-") == "1400-02-25"


# --- agency URLs: a test per row of the table, on real URLs --------------------------------------------------------


def _corpus_links() -> list[str]:
    """Every FarsNews link of the shared corpus."""
    folder = need_shared(CORPUS)
    return [record["link"] for path in sorted(folder.glob("*.json")) for record in json.loads(path.read_text())]


def test_farsnews_urls_carry_the_jalali_date_in_both_id_formats():
    links = _corpus_links()
    assert "https://www.farsnews.ir/news/8707060255" in links
    assert date_from_url("https://www.farsnews.ir/news/8707060255") == parse_day("1387-07-06")
    new = next(link for link in links if "/news/13911222000865/" in link)
    assert date_from_url(new) == parse_day("1391-12-22")
    assert date_from_url("https://www.farsnews.ir/news/13960431000857/x") == parse_day("1396-04-31")


def test_tasnim_urls_carry_the_date_as_path_segments():
    url = "https://www.tasnimnews.com/fa/news/1398/09/16/2155218/%D9%82%D9%85-%D9%86%D8%B4%D8%B3%D8%AA"
    assert date_from_url(url) == parse_day("1398-09-16")


def test_isna_urls_carry_the_date_with_a_two_or_four_digit_year():
    assert date_from_url("https://www.isna.ir/news/98030903723/%DA%A9%D8%A7%D8%B1") == parse_day("1398-03-09")
    assert date_from_url("http://www.isna.ir/news/95102918901/") == parse_day("1395-10-29")
    assert date_from_url("https://www.isna.ir/news/1400093023473/") == parse_day("1400-09-30")


def test_mehr_and_irna_number_their_articles_without_a_date():
    assert date_from_url("https://www.mehrnews.com/news/5217539/%D9%85%D8%B1%D8%A7%DA%A9%D8%B2") is None
    assert date_from_url("https://www.irna.ir/news/85250499/Some-new-achievements-in-nanotechnology") is None
    assert {row.domain for row in URL_DATES} == {"farsnews.ir", "tasnimnews.com", "isna.ir"}


def test_urls_of_other_sites_or_of_no_day_give_no_date():
    assert date_from_url("https://example.com/news/13960431000857/x") is None
    assert date_from_url("https://www.farsnews.ir/news/13961331000857/x") is None  # month 13
    assert date_from_url("seeds/000_e8a22bdbff0c4942.txt") is None


# --- published dates and where they came from ---------------------------------------------------------------------


def test_the_source_field_wins_then_the_url_then_the_dateline():
    url = "https://www.farsnews.ir/news/13960431000857/x"
    dateline = "تهران - ایرنا - ۲۵ اردیبهشت ۱۴۰۰ - وزیر گفت"
    assert published_date(date(2017, 1, 1), url, dateline) == (date(2017, 1, 1), "source")
    assert published_date(None, url, dateline) == (parse_day("1396-04-31"), "url")
    assert published_date(None, "", dateline) == (ORDIBEHESHT_25_1400, "text")
    assert published_date(None, "", "وزیر گفت که جلسه برگزار شد.") == (None, "")


def test_a_dateline_is_only_read_from_the_top_of_the_text():
    assert date_from_text("WASHINGTON, May 15, 2021 (AP) — The Senate voted") == ORDIBEHESHT_25_1400
    assert date_from_text("متن خبر. " * 40 + "در ۲۵ اردیبهشت ۱۴۰۰ برگزار شد") is None


def test_at_least_95_percent_of_the_farsnews_corpus_is_dated():
    origins = Counter(article.published_from for article in load_source(need_shared(CORPUS)))
    total = sum(origins.values())
    assert total == 1200
    assert (total - origins[""]) / total >= 0.95
    assert origins["url"] >= 1190


# --- relative times -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written", "resolved"),
    [
        ("وزیر صبح امروز با سفیر دیدار کرد", "صبح امروز", "1400/02/20"),
        ("این دیدار فردا برگزار می‌شود", "فردا", "1400/02/21"),
        ("دیروز نشست برگزار شد", "دیروز", "1400/02/19"),
        ("رئیس‌جمهور هفته آینده به مسکو می‌رود", "هفته آینده", "1400/02/25"),  # the next week's Saturday
        ("ماه آینده قرارداد امضا می‌شود", "ماه آینده", "1400/03/01"),
        ("They will meet tomorrow in Vienna", "tomorrow", "1400/02/21"),
    ],
)
def test_relative_times_resolve_against_the_article_date(sentence, written, resolved):
    published = parse_day("1400-02-20")  # Monday 2021-05-10
    found = find_relative(sentence, published)
    assert found is not None and (found.text, jalali_text(found.day)) == (written, resolved)
    undated = find_relative(sentence, None)
    assert undated is not None and undated.day is None


def test_words_that_only_contain_a_relative_time_are_not_one():
    assert find_relative("امروزی‌ترین فناوری‌ها عرضه شد", parse_day("1400-02-20")) is None


def test_meeting_dates_resolve_next_week_against_the_article():
    when = find_when("ظریف هفته آینده با لاوروف دیدار می‌کند", parse_day("1400-02-20"))
    assert (when.text, when.jalali) == ("هفته آینده", "1400/02/25")
