"""Extraction measured on the annotated FarsNews gold set: precision, recall, and no sports match as a meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, need_shared

from index.meetings.evaluate import load_articles
from index.meetings.extract import extract_meetings
from index.meetings.gold import load_gold, score

GOLD = Path(__file__).parent / "gold" / "regression.jsonl"
MIN_PRECISION = 0.90
MIN_RECALL = 0.80


@pytest.fixture(scope="module")
def measured():
    """Strict scores (participants and status) of extraction on the gold set."""
    articles = load_articles(need_shared(CORPUS))
    return score(load_gold(GOLD), articles, extract_meetings)


def test_the_gold_set_covers_meetings_and_traps():
    gold = load_gold(GOLD)
    with_meetings = [row for row in gold if row.meetings]
    sports = [row for row in gold if row.trap == "sports"]
    assert len(with_meetings) >= 60 and len(sports) >= 30
    assert {m.status for row in gold for m in row.meetings} == {"happened", "planned", "denied"}
    assert all(row.article.startswith("https://www.farsnews.ir/news/") for row in gold)


def test_extraction_precision_and_recall_meet_the_bar(measured):
    assert measured.articles == len(load_gold(GOLD))
    assert measured.precision >= MIN_PRECISION, "\n".join(measured.errors)
    assert measured.recall >= MIN_RECALL, "\n".join(measured.errors)


def test_no_sports_match_is_reported_as_a_meeting(measured):
    assert measured.trap_hits.get("sports", 0) == 0, measured.trap_hits
