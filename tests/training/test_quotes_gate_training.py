"""The quotes gate's training: topics are runs of a statement's content words that do not name its speaker, the
questions read as who-said-what questions, and a question about another's words has no answer."""

from __future__ import annotations

import random

from conftest import SHARED, need_shared

from assistant.meetings.quoted import quoted_question
from index.meetings.fold import words
from training.meetings.calibration import dev_articles
from training.meetings.quotes_gate import TOPIC_WORDS, QuoteAsker, Speaker, phrased, questions, speakers, topic

SENTENCE = "دریابان علی شمخانی طرح موسوم به معامله قرن را اقدامی شکست خورده دانست"


def test_a_topic_is_a_run_of_the_statements_words_not_naming_its_speaker():
    rng = random.Random(13)
    for _ in range(20):
        about = topic(SENTENCE, "علی شمخانی", rng)
        assert len(about.split()) == TOPIC_WORDS and set(words(about)) <= set(words(SENTENCE))
        assert not {"علی", "شمخانی"} & set(words(about))
    assert topic("شمخانی گفت", "شمخانی", rng) == ""


def test_every_phrasing_reads_as_a_who_said_what_question():
    rng = random.Random(13)
    for about in ("معامله قرن", ""):
        for _ in range(10):
            asked = quoted_question(phrased("علی شمخانی", about, rng))
            assert asked is not None and not asked.pronoun


def test_questions_about_anothers_words_have_no_answer_and_the_persons_own_do(seed_among_40, embedder):
    db = seed_among_40.manifest.connection
    found = speakers(db, dev_articles(need_shared(SHARED), seed_among_40.manifest))
    assert found and not any(s.id for s in found if "شمخانی" in s.name), "the seed's people are left out"
    asked = list(questions(found, 13))
    own = [q for q in asked if q.article is not None]
    assert own and len(own) < len(asked)
    assert all(q.article in {a for _, a, _ in q.speaker.statements} for q in own)
    asker = QuoteAsker(seed_among_40, embedder)
    outcomes = [asker.row(q) for q in asked[:30]]
    for question, outcome in zip(asked[:30], outcomes, strict=True):
        if outcome is not None and question.article is None:
            assert (outcome.right, outcome.answerable) == (False, False), (
                "a statement shown for another's words is wrong"
            )
    assert any(o is not None and o.right for o in outcomes), "some person's own words are found first"
    assert Speaker("p", "x", ()).statements == ()
