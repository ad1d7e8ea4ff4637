"""Follow-up questions: a pronoun resolved from the conversation's earlier questions."""

from __future__ import annotations

import pytest

from assistant.query.followup import entity, resolve_followup

SHAMKHANI = "شمخانی با چه کسی دیدار کرد؟"


@pytest.mark.parametrize(
    ("question", "history", "resolved"),
    [
        ("او درباره معامله قرن چه گفت؟", [SHAMKHANI], "شمخانی درباره معامله قرن چه گفت؟"),
        ("وی چه گفت؟", ["نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"], "نایب رئیس دفتر سیاسی حماس چه گفت؟"),
        ("What did he say about the deal?", ["Who did Shamkhani meet?"], "What did Shamkhani say about the deal?"),
        ("او کجا بود؟", [SHAMKHANI, "او درباره معامله قرن چه گفت؟"], "شمخانی کجا بود؟"),
        ("شمخانی چه گفت؟", ["لاوروف با چه کسی دیدار کرد؟"], "شمخانی چه گفت؟"),
        ("او چه گفت؟", [], "او چه گفت؟"),
        ("او چه گفت؟", ["چه شد؟"], "او چه گفت؟"),
    ],
)
def test_pronoun_is_replaced_by_the_previous_entity(question, history, resolved):
    assert resolve_followup(question, history) == resolved


def test_entity_prefers_names_in_latin_script_and_the_first_content_run_otherwise():
    assert entity("What did the Iranian official Ali Shamkhani say?") == "Ali Shamkhani"
    assert entity("who met the deputy head of hamas?") == "deputy head"
    assert entity("به گفته وارسته چند دفتر ICT روستایی بهره برداری شده؟") == "وارسته"
