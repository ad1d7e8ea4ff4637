"""Meeting extraction on the seed and on real FarsNews sentences: sides, keys, status, dates, traps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conftest import CORPUS, SEED, SEED_ID, need_shared

from assistant.meetings.lines import short_label, whole_roles
from index.article import Article
from index.dates import jalali_text
from index.meetings import extract_meetings
from index.meetings.participants import participant
from index.meetings.when import find_when

SEED_ARTICLE = Article(SEED_ID, "", SEED.read_text(encoding="utf-8"), source="خبرگزاری مهر")


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    """The FarsNews articles by id (their link)."""
    from index.meetings.evaluate import load_articles

    return load_articles(need_shared(CORPUS))


def test_the_seed_holds_one_meeting_with_title_name_and_evidence():
    (meeting,) = extract_meetings(SEED_ARTICLE)
    (hamas,), (shamkhani,) = meeting.who, meeting.whom
    assert (hamas.title, hamas.name, hamas.key) == ("نایب رئیس دفتر سیاسی حماس", "صالح العاروری", "العاروری")
    assert (shamkhani.name, shamkhani.key) == ("علی شمخانی", "شمخانی")
    assert shamkhani.title == "نماینده مقام معظم رهبری و دبیر شورای عالی امنیت ملی"
    assert meeting.status == "happened" and meeting.when.text == "صبح امروز"
    assert SEED_ARTICLE.text[meeting.start : meeting.end] == meeting.evidence
    assert meeting.evidence.endswith("دیدار و گفتگو کرد.")


def test_spellings_of_one_person_share_a_key():
    keys = {participant(text).key for text in ("شمخانی", "دریابان علی شمخانی", "علی شمخانی", "دریابان شمخانی")}
    assert keys == {"شمخانی"}
    assert participant("وزیر امور خارجه روسیه").key == participant("وزير خارجه روسيه").key == "وزیر خارجه روسیه"


def test_relative_days_resolve_against_the_article_date_in_both_calendars():
    dated = replace(SEED_ARTICLE, published=date(2019, 1, 5))
    (meeting,) = extract_meetings(dated)
    assert (meeting.when.gregorian, meeting.when.jalali) == (date(2019, 1, 5), "1397/10/15")
    assert jalali_text(date(2020, 3, 20)) == "1399/01/01"
    explicit = find_when("در دیدار روز چهارشنبه 30 شهریور 1395 با اعضای مجلس", None)
    assert (explicit.gregorian, explicit.jalali) == (date(2016, 9, 20), "1395/06/30")


def test_english_articles_yield_meetings_and_skip_match_reports():
    text = (
        "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Mohammad Javad Zarif in Moscow.\n"
        "Prime Minister Boris Johnson is due to meet Jean-Claude Juncker on Monday.\n"
        "Germany met Spain in the Nations League match and the game ended in a draw."
    )
    meetings = extract_meetings(Article("en-1", "Talks", text))
    assert [(m.who[0].text, m.whom[0].text, m.status) for m in meetings] == [
        ("Russian Foreign Minister Sergei Lavrov", "Iranian Foreign Minister Mohammad Javad Zarif", "happened"),
        ("Prime Minister Boris Johnson", "Jean-Claude Juncker", "planned"),
    ]


@pytest.mark.parametrize(
    ("link", "status", "who", "whom"),
    [
        ("https://www.farsnews.ir/news/8610210345", "denied", "لاریجانی", "سارکوزی"),
        ("https://www.farsnews.ir/news/8202190019", "planned", "شارون", "بوش"),
        ("https://www.farsnews.ir/news/8211070220", "happened", "روحانی", "فراتینی"),
    ],
)
def test_status_of_corpus_meetings(corpus, link, status, who, whom):
    found = {(m.status, m.who[0].key, m.whom[0].key) for m in extract_meetings(corpus[link])}
    assert any(s == status and who in a and whom in b for s, a, b in found), found


def test_football_matches_and_host_cities_are_not_meetings(corpus):
    traps = [
        "https://www.farsnews.ir/news/13990524000078/زمان-آغاز-اردوی-تیم-ملی-آلمان-مشخص-شد",
        "https://www.farsnews.ir/news/13940609001376/لغو-چند-دیدار-از-رقابت‌های-جام-حذفی-فوتبال",
        "https://www.farsnews.ir/news/13961012000749/اراک-میزبان-تیم-بسکتبال-مانیزان-کرمانشاه-است",
    ]
    assert [extract_meetings(corpus[link]) for link in traps] == [[], [], []]


def test_a_shortened_title_keeps_whole_roles_on_the_seed():
    [meeting] = extract_meetings(SEED_ARTICLE)
    shamkhani = next(p for p in (*meeting.who, *meeting.whom) if "شمخانی" in p.name)
    label = short_label(shamkhani, 200)
    assert label == "علی شمخانی (نماینده مقام معظم رهبری)"
    assert whole_roles("دبیر شورای عالی امنیت ملی و نماینده رهبری", 3) == "دبیر شورای عالی امنیت ملی"
