"""Meeting sides over the real FarsNews corpus: whole names and roles, no phrase, no glued word, no cut title."""

from __future__ import annotations

import pytest
from conftest import CORPUS, need_shared

from index.article import Article
from index.meetings import extract_meetings
from index.meetings.fold import words
from index.meetings.participants import is_fragment, participant
from index.meetings.subject import LEADS

DANGLING = LEADS | {"ها", "های", "خود", "را", "و"}
"""Words that never end a participant: a connective, a plural ending cut from its noun, an object marker."""


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    """The FarsNews articles by id (their link)."""
    from index.meetings.evaluate import load_articles

    return load_articles(need_shared(CORPUS))


@pytest.fixture(scope="module")
def meetings(corpus):
    """Every meeting extracted from the corpus, by article id."""
    return {link: extract_meetings(article) for link, article in corpus.items()}


def _meetings_of(meetings, fragment: str):
    """The meetings of the one article whose link holds `fragment`."""
    (link,) = [link for link in meetings if fragment in link]
    return meetings[link]


def test_no_side_in_the_corpus_is_a_fragment_or_ends_in_a_dangling_word(meetings):
    sides = [p for found in meetings.values() for m in found for p in (*m.who, *m.whom)]
    assert len(sides) > 150
    bad = [p.text for p in sides if is_fragment(p.text) or words(p.text)[-1] in DANGLING or p.name.endswith("،")]
    assert bad == []


def test_phrases_are_not_participants():
    assert participant("يكي از علل اصلي") is None
    assert participant("برخي از اين نگراني‌ها") is None
    assert participant("يكي اينكه اين كشورها خواستار مهلت احتمالا دو روزه") is None
    assert participant("جمعی از بازاریان").title == "جمعی از بازاریان"
    assert participant("یکی از نامزدهای احتمالی انتخابات").title == "یکی از نامزدهای احتمالی انتخابات"


@pytest.mark.parametrize(
    ("link", "side", "glued"),
    [
        ("8508250067", "محمود احمدي‌نژاد", "كردستان محمود احمدي‌نژاد"),
        ("13980705000510", "روحانی", "روحانی تحریم‌ها"),
        ("13980624000710", "ژان کلود یونکر", "رئیس کمیسیون اروپا ارائه"),
    ],
)
def test_a_place_object_or_verb_noun_is_not_glued_to_a_name(meetings, link, side, glued):
    texts = [p.text for m in _meetings_of(meetings, link) for p in (*m.who, *m.whom)]
    assert any(text.startswith(side) for text in texts), texts
    assert not any(glued in text for text in texts), texts


def test_a_title_with_an_enumeration_is_not_cut_at_its_comma(meetings):
    sides = [p.text for found in meetings.values() for m in found for p in (*m.who, *m.whom)]
    assert "مدیرکل میراث فرهنگی، صنایع‌دستی و گردشگری استان گلستان" in sides
    assert "مدیرکل میراث فرهنگی" not in sides and "سرپرست میراث فرهنگی" not in sides


def test_a_place_is_only_place_names(meetings):
    places = {m.place for found in meetings.values() for m in found if m.place}
    assert {"چین", "دمشق"} <= places
    assert not {p for p in places if "بحران" in p or "مساله" in p}


def test_a_bracketed_aside_or_a_complement_does_not_cut_a_role(meetings):
    sides = [p.text for found in meetings.values() for m in found for p in (*m.who, *m.whom)]
    assert "مدیران سازمان‌های مردم نهاد فعال در زمینه ارتقای سطح آگاهی در مورد کشاورزی پایدار" in sides
    assert any(text.endswith("مدرسه علمیه سلیمانیه حوزه علمیه خراسان") for text in sides)
    assert "دبير شورايعالي امنيتي ملي" in sides, "a topic («در مورد ...») after a role is not part of it"
