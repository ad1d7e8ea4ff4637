"""The learned quotes gate: what the seed's speaker said about a topic he spoke on is quoted; asked about a topic he
never spoke on, his words on another are not shown, over the seed alone and among news."""

from __future__ import annotations

import json

import pytest
from conftest import draft_of

from assistant.answering.quotes import QuoteAnswerer
from assistant.answering.quotes_gate import QUOTE_FEATURES, QuoteGate, load_quote_gate

SAID = "شمخانی درباره معامله قرن چه گفت؟"
NEVER_SAID = "شمخانی درباره بیت کوین چه گفت؟"


@pytest.mark.parametrize("where", ["seed_alone", "seed_among_40"])
def test_what_he_said_on_a_topic_is_quoted_and_a_topic_he_never_spoke_on_is_not(request, embedder, where):
    news_index = request.getfixturevalue(where)
    said = draft_of(QuoteAnswerer, news_index, embedder, SAID)
    assert said is not None and said.answerer == "quotes"
    assert "شمخانی" in said.text and "معامله قرن" in said.citations[0].quote
    assert draft_of(QuoteAnswerer, news_index, embedder, NEVER_SAID) is None, (
        "his words on Palestine are not about bitcoin"
    )


def test_the_shipped_quotes_gate_is_calibrated_and_reads_its_features():
    gate = load_quote_gate()
    assert 0 < gate.threshold < 1 and gate.model.features == QUOTE_FEATURES
    weights = dict(zip(QUOTE_FEATURES, gate.model.weights, strict=True))
    assert weights["topic"] > 0 > weights["topic_missing"], "the topic's words in the statement speak for it"
    assert QuoteGate.from_json(json.loads(json.dumps(gate.to_json()))).to_json() == gate.to_json()


def test_a_broken_quotes_gate_file_names_itself_and_its_command(tmp_path):
    broken = tmp_path / "quotes-gate.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"quotes-gate\.json.*python -m training\.meetings\.quotes_gate"):
        load_quote_gate(broken)
