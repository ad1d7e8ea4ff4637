"""Encounters of their kind on FarsNews articles: phone calls and sports transfers are labelled, not dropped."""

from __future__ import annotations

import pytest
from conftest import CORPUS, need_shared

from index.article import Article
from index.meetings import extract_meetings


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    """The FarsNews articles by id (their link)."""
    from index.meetings.evaluate import load_articles

    return load_articles(need_shared(CORPUS))


def _kinds(corpus, fragment: str) -> set[tuple[str, str, str, str]]:
    """(kind, status, first who, first whom) of the meetings of the article whose link holds `fragment`."""
    (link,) = [link for link in corpus if fragment in link]
    return {(m.kind, m.status, m.who[0].text, m.whom[0].text) for m in extract_meetings(corpus[link])}


def test_phone_calls_are_calls_with_both_sides(corpus):
    assert ("call", "happened", "وزير امور خارجه ايتاليا", "كمال خرازي همتاي ايراني") in _kinds(corpus, "8204240021")
    assert ("call", "happened", "رياست محترم جمهور", "پوتين") in _kinds(corpus, "8212230014")


def test_talks_with_a_club_or_a_coach_are_transfers(corpus):
    assert ("transfer", "happened", "آرش برهاني", "پرسپوليس") in _kinds(corpus, "8604270500")
    assert {k[:2] for k in _kinds(corpus, "14000217000191")} == {("transfer", "denied")}


def test_a_meeting_of_ministers_stays_a_meeting(corpus):
    kinds = _kinds(corpus, "8307120185") | _kinds(corpus, "8306080186")
    assert {kind for kind, *_ in kinds} == {"meeting"}
