"""Questions that ask two things are cut into the questions they ask; the rest stay whole."""

from __future__ import annotations

import pytest

from assistant.query.clauses import clauses
from index.text.normalize import normalize


def test_a_persian_question_asking_two_things_is_cut_at_its_conjunction():
    asked = clauses(normalize("معاون دفتر سیاسی حماس هدف سفر خود را چه دانست و بلیکس با کدام روزنامه گفت‌وگو کرد؟"))
    assert len(asked) == 2
    assert asked[0].endswith("چه دانست") and asked[1].startswith("بلیکس")


def test_an_english_question_asking_two_things_is_cut_and_three_parts_give_three():
    assert clauses("Which paper did Blix talk to, and who hosted the Hamas deputy?") == [
        "Which paper did Blix talk to",
        "who hosted the Hamas deputy?",
    ]
    assert len(clauses("Who won and where was it held and when did it end?")) == 3


@pytest.mark.parametrize(
    "question",
    [
        "What did Lavrov and Zarif discuss?",  # one question about two people
        "چه کسی و کجا با لاوروف دیدار کرد؟",  # «چه کسی» alone asks about nothing
        "در مرکز استان سیستان و بلوچستان کدام ناحیه کار قیرریزی را انجام داد؟",  # a name with «و» inside
        "آیا ایران و روسیه توافق کردند؟",  # a yes-no question
        "شمخانی درباره معامله قرن چه گفت؟",
    ],
)
def test_a_question_asking_one_thing_stays_whole(question):
    assert clauses(normalize(question)) == [normalize(question)]
