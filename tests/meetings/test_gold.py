"""Extraction measured on the gold sets: the fair sample (drawn by a seed, split dev/test) and the older regression
set of hand-picked cases; precision, recall, and no sports match as a meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, need_shared

from index.meetings.evaluate import load_articles
from index.meetings.extract import extract_meetings
from index.meetings.gold import load_gold, score
from index.meetings.sample import sample_rows

GOLD = Path(__file__).parent / "gold" / "regression.jsonl"
FAIR = Path(__file__).parent / "gold" / "fair.jsonl"
MIN_PRECISION = 0.90
MIN_RECALL = 0.80
FAIR_TEST_MIN_PRECISION = 0.90
FAIR_TEST_MIN_RECALL = 0.60
"""Floors under the fair test split's present figures (0.931 · 0.667), so that a change that loses meetings fails;
the issue's targets (0.95 · 0.90) are above them and reported in docs/meetings.md."""
FAIR_DEV_MIN_PRECISION = 0.95
FAIR_DEV_MIN_RECALL = 0.88
"""Floors under the dev split's present figures (1.000 · 0.907), the split the rules are read against."""


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


@pytest.fixture(scope="module")
def fair():
    """The fair gold set and the corpus articles."""
    return load_gold(FAIR), load_articles(need_shared(CORPUS))


def test_the_fair_set_is_the_seeded_draw_split_by_article(fair):
    gold, articles = fair
    rows = sample_rows(articles, [400, 300], 12, 40)
    drawn = {(row["article"], row["split"]) for row in rows if row["drawn"] == "cue"}
    assert {(row.article, row.split) for row in gold} == drawn
    splits = {row.split for row in gold}
    assert splits == {"dev", "test"}
    assert {m.kind for row in gold for m in row.meetings} == {"meeting", "call", "transfer", "talks"}


@pytest.mark.parametrize(
    ("split", "least_precision", "least_recall"),
    [("test", FAIR_TEST_MIN_PRECISION, FAIR_TEST_MIN_RECALL), ("dev", FAIR_DEV_MIN_PRECISION, FAIR_DEV_MIN_RECALL)],
)
def test_meetings_on_each_fair_split_stay_above_their_floor(fair, split, least_precision, least_recall):
    gold, articles = fair
    found = score([row for row in gold if row.split == split], articles, extract_meetings, kinds=frozenset({"meeting"}))
    assert found.gold >= 30
    assert found.precision >= least_precision, "\n".join(found.errors)
    assert found.recall >= least_recall, "\n".join(found.errors)
