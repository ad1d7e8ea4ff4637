"""detect_agency names the agency a lead credits, in its modern spelling, and nothing when none is credited."""

from __future__ import annotations

import pytest
from conftest import CORPUS, SEED, need_shared

from index.agency import agency_from_url, attribution, detect_agency
from index.loaders import load_source


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        ("به گزارش خبرگزاری فارس، وزیر نیرو امروز گفت", "خبرگزاری فارس"),
        ("به نقل از خبرگزاری مهر، جلسه فردا برگزار می‌شود", "خبرگزاری مهر"),
        ("به گزارش ایرنا، رئیس‌جمهور وارد نیویورک شد", "ایرنا"),
        ("به گزارش ایسنا، کنکور امسال دو نوبته است", "ایسنا"),
        ("به گزارش تسنیم، تیم ملی به دوحه رفت", "خبرگزاری تسنیم"),
        ("به گزارش باشگاه خبرنگاران جوان، بازار طلا آرام است", "باشگاه خبرنگاران جوان"),
        ("به گزارش خبرنگار اقتصادی فارس، قیمت خودرو ثابت ماند", "خبرگزاری فارس"),
        ("وزیر در گفت‌وگو با خبرنگار مهر افزود", "خبرگزاری مهر"),
        ("خبرگزاری فارس: استاندار گفت", "خبرگزاری فارس"),
        ("TEHRAN (Reuters) - Iran said on Monday", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted", "AP"),
        ("The talks stalled, according to Reuters.", "Reuters"),
        ("PARIS (AFP) - Protesters gathered", "AFP"),
        ("According to IRNA, the minister arrived", "IRNA"),
        ("Tasnim News Agency reported the launch", "Tasnim News Agency"),
    ],
)
def test_attribution_phrases_name_the_agency(lead, agency):
    assert detect_agency(lead + " و سپس متن خبر ادامه دارد.") == agency


def test_arabic_letter_variants_and_missing_joiners_are_folded_for_matching():
    assert detect_agency("خبرگزاري فارس: رئيس اداره گفت") == "خبرگزاری فارس"
    assert detect_agency("به گزارش خبر گزاری مهر، نشست برگزار شد") == "خبرگزاری مهر"
    assert detect_agency("به گزارش خبر\u200cگزاری تسنیم، بازی لغو شد") == "خبرگزاری تسنیم"
    assert detect_agency("به نقل از ايسنا، آزمون برگزار شد") == "ایسنا"


def test_the_quoted_original_agency_wins_over_the_outlet_repeating_it():
    assert detect_agency("به گزارش اتاق خبر، به نقل از خبرگزاری مهر، نایب رئیس") == "خبرگزاری مهر"
    assert detect_agency("به گزارش فارس به نقل از ایسنا، دانشگاه‌ها باز شد") == "ایسنا"
    assert detect_agency("به گزارش خبرگزاری فارس به نقل از رویترز، قیمت نفت بالا رفت") == "رویترز"


def test_the_seed_credits_mehr():
    assert detect_agency(SEED.read_text(encoding="utf-8")) == "خبرگزاری مهر"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "استاندار فارس امروز از طرح تازه خبر داد",
        "کشتی‌ها در خلیج فارس لنگر انداختند",
        "مدارس از اول مهر بازگشایی می‌شوند",
        "به گزارش روابط عمومی استانداری فارس، جلسه برگزار شد",
        "The minister spoke to reporters on Monday.",
    ],
)
def test_names_outside_attribution_are_not_agencies(text):
    assert detect_agency(text) == ""


def test_only_the_lead_is_searched():
    assert detect_agency("متن خبر. " * 60 + "به گزارش ایرنا، پایان") == ""


def test_agency_from_url():
    assert agency_from_url("https://www.farsnews.ir/news/13990512000001") == "خبرگزاری فارس"
    assert agency_from_url("https://en.mehrnews.com/news/1") == "خبرگزاری مهر"
    assert agency_from_url("https://notfarsnews.ir/x") == ""
    assert agency_from_url("seeds/000.txt") == ""


def test_the_publisher_is_the_source_and_a_quoted_agency_is_kept_beside_it():
    url = "https://www.farsnews.ir/news/8304080274"
    assert attribution("به گزارش خبرگزاری آسوشیتدپرس، رئیس‌جمهور گفت", url) == ("خبرگزاری فارس", "آسوشیتدپرس")
    assert attribution("به گزارش فارس به نقل از ایسنا، دانشگاه‌ها باز شد") == ("خبرگزاری فارس", "ایسنا")
    assert attribution("خبرگزاری فارس: استاندار گفت", url) == ("خبرگزاری فارس", "")
    assert attribution("TEHRAN (Fars News Agency) - The minister said", url) == ("خبرگزاری فارس", "")
    assert attribution("به گزارش رویترز، قیمت نفت بالا رفت", url, "Fars") == ("Fars", "رویترز")


def test_a_farsnews_article_quoting_ap_is_filed_under_farsnews():
    articles = {article.url: article for article in load_source(need_shared(CORPUS))}
    quoting_ap = articles["https://www.farsnews.ir/news/8304080274"]
    assert "به نقل از آسوشيتد پرس" in quoting_ap.text[:400]
    assert (quoting_ap.source, quoting_ap.quoting) == ("خبرگزاری فارس", "آسوشیتدپرس")
    assert {article.source for article in articles.values()} == {"خبرگزاری فارس"}
