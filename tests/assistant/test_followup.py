"""Follow-up questions: one that refers back is searched with the questions before it, never rewritten."""

from __future__ import annotations

import pytest

from assistant.query.followup import HISTORY_READ, FollowUp, follow_up, refers_back

SHAMKHANI = "شمخانی با چه کسی دیدار کرد؟"


@pytest.mark.parametrize(
    "question",
    ["او درباره معامله قرن چه گفت؟", "به گفته وی چه شد؟", "آن‌ها کجا بودند؟", "این گروه چند سال فعالیت کرده است؟",
     "What did he say about the deal?", "Which singer performs during that week?", "What do these packages hold?"],
)  # fmt: skip
def test_pronouns_and_demonstratives_refer_back(question):
    assert refers_back(question)


@pytest.mark.parametrize("question", ["شمخانی چه گفت؟", "Who did Shamkhani meet?", "اوضاع بازار چطور است؟"])
def test_a_question_naming_what_it_asks_about_stands_alone(question):
    assert not refers_back(question)  # «اوضاع» starts with «او» but is another word


def test_a_follow_up_is_searched_with_the_questions_before_it_and_kept_as_asked():
    asked = follow_up("او درباره معامله قرن چه گفت؟", [SHAMKHANI])
    assert asked == FollowUp("او درباره معامله قرن چه گفت؟", (SHAMKHANI,))
    assert asked.search_text == f"{SHAMKHANI} او درباره معامله قرن چه گفت؟"


def test_only_the_latest_earlier_questions_are_read():
    history = ["لاوروف با چه کسی دیدار کرد؟", SHAMKHANI, "او درباره معامله قرن چه گفت؟"]
    assert follow_up("او کجا بود؟", history).context == tuple(history[-HISTORY_READ:])


def test_without_history_or_reference_nothing_is_added():
    assert follow_up("او چه گفت؟", []).context == ()
    assert follow_up("او چه گفت؟", ["", "  "]).context == ()
    assert follow_up("شمخانی چه گفت؟", ["لاوروف با چه کسی دیدار کرد؟"]).context == ()
