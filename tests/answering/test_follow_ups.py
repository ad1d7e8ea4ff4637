"""A follow-up that leaves its subject to the question before it («او») is answered from the sentence that answers
it, read with that question (first, or as the runner-up an unsure reader shows beside its best); one the article
does not answer is still refused."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answering.reader_model import load_reader_model
from assistant.app import Assistant, AssistantSettings
from training.reader.followups import follow_ups
from training.reader.pquad import Question

FIRST = "وارسته از بهره‌برداری چند دفتر ICT روستایی خبر داد؟"


@pytest.fixture(scope="module")
def assistant(seed_among_40, embedder):
    """The reader alone over the seed and the first 40 FarsNews articles (rural ICT offices among them)."""
    return Assistant(seed_among_40, embedder, AssistantSettings(answerers=("extractive",)))


@pytest.mark.parametrize(
    ("follow_up", "answer"),
    [
        ("این دفاتر چند روستا را تحت پوشش قرار می‌دهند؟", "24 هزار"),
        ("او چند حساب در این دفاتر افتتاح شده اعلام کرد؟", "308 هزار"),
    ],
)
def test_a_follow_up_is_answered_from_the_sentence_that_answers_it(assistant, follow_up, answer):
    found = assistant.ask(follow_up, history=[FIRST])
    assert found.found
    holding = [n for n, citation in enumerate(found.citations) if answer in citation.quote]
    assert holding, "the sentence that answers is cited"
    assert holding[0] == 0 or len(found.citations) == 2, "second only as the runner-up an unsure reader shows"


def test_a_follow_up_the_article_does_not_answer_is_refused(assistant):
    answer = assistant.ask("او در چه سالی به دنیا آمد؟", history=[FIRST])
    assert not answer.found


def test_the_shipped_follow_up_reading_trusts_both_readings():
    reading = load_reader_model().follow_up
    assert reading is not None and 0 < reading.threshold < reading.sure <= 1
    low, high = np.array([0.05, 0.05]), np.array([0.6, 0.6])
    for share in (0.2, 0.8):  # a follow-up that says little of what it asks itself, and one that says most
        asked_raised = reading.probabilities(high[:1], low[:1], share)[0]
        together_raised = reading.probabilities(low[:1], high[:1], share)[0]
        neither = reading.probabilities(low[:1], low[:1], share)[0]
        assert asked_raised > neither and together_raised > neither


def test_a_question_becomes_a_follow_up_without_the_words_it_shares_with_the_one_before():
    earlier = Question("1", "چه کسی به عنوان مدیرعامل جدید سازمان میادین معرفی شد؟", 0, "میادین", ())
    later = Question("2", "مدیرعامل جدید سازمان میادین جانشین چه کسی شد؟", 0, "میادین", ())
    elsewhere = Question("3", "مدیرعامل جدید چه کسی است؟", 1, "دیگر", ())
    (made,) = follow_ups([earlier, later, elsewhere])
    assert made.question.text == "جانشین چه کسی شد؟"
    assert made.together == f"{earlier.text} جانشین چه کسی شد؟"
