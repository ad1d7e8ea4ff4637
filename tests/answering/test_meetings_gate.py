"""The learned meetings gate: the seed's meeting is answered in Persian and English, over the seed alone and among
news; someone the news shows meeting no one, or a meeting the news does not hold, is refused instead of answered with
another meeting."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import draft_of

from assistant.answering.meetings import MeetingAnswerer
from assistant.answering.meetings_gate import (
    ACROSS_FEATURES,
    GATE_PATH,
    WORD_FEATURES,
    MeetingGate,
    load_meeting_gate,
)

SEED_MEETING = {
    "fa": "صالح العاروری نایب رئیس دفتر سیاسی حماس با کدام مقام ایرانی دیدار و گفتگو کرد؟",
    "en": "Which Iranian official did Saleh al-Arouri, deputy head of Hamas's political bureau, meet?",
}
README_MEETING = {  # the README's questions
    "fa": "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟",
    "en": "Who did the deputy head of Hamas's political bureau meet?",
}
NOT_IN_THE_NEWS = {
    "fa": "رئیس جمهور آرژانتین در سفر به توکیو با کدام مقام ژاپنی دیدار کرد؟",
    "en": "Which Japanese official did Argentina's president meet on his trip to Tokyo?",
}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_seed_meeting_is_answered_over_the_seed_alone(seed_alone, embedder, language):
    """Word rarities are filled up from the training corpus's meetings, so one meeting is not every word's."""
    draft = draft_of(MeetingAnswerer, seed_alone, embedder, README_MEETING[language])
    assert draft is not None and draft.answerer == "meetings"
    assert "شمخانی" in draft.text and draft.citations[0].article_id.endswith("e8a22bdbff0c4942")


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_seed_meeting_is_answered_among_news(seed_among_40, embedder, language):
    draft = draft_of(MeetingAnswerer, seed_among_40, embedder, SEED_MEETING[language])
    assert draft is not None and "شمخانی" in draft.text


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_meeting_the_news_does_not_hold_is_refused(seed_among_40, embedder, language):
    """The index holds meetings (the seed's among them), none of Argentina's president: none is shown."""
    assert seed_among_40.manifest.connection.execute("SELECT count(*) FROM meetings").fetchone()[0] > 1
    assert draft_of(MeetingAnswerer, seed_among_40, embedder, NOT_IN_THE_NEWS[language]) is None


def test_someone_the_news_shows_meeting_no_one_is_refused(seed_among_40, embedder):
    """«وارسته» speaks in one of the 40 articles and meets no one there."""
    db = seed_among_40.manifest.connection
    assert db.execute("SELECT count(*) FROM people WHERE name = 'وارسته'").fetchone()[0] == 1
    assert draft_of(MeetingAnswerer, seed_among_40, embedder, "وارسته با چه کسی دیدار کرد؟") is None
    assert draft_of(MeetingAnswerer, seed_among_40, embedder, "Whom did Varasteh meet?") is None


def test_the_shipped_gate_is_calibrated_and_reads_its_features():
    gate = load_meeting_gate()
    assert 0 < gate.words_threshold < 1 and 0 < gate.across_threshold < 1
    assert gate.words.features == WORD_FEATURES and gate.across.features == ACROSS_FEATURES
    assert len(gate.reference) > 50, "the words of the training corpus's meetings"
    weights = dict(zip(ACROSS_FEATURES, gate.across.weights, strict=True))
    assert weights["name_sound"] > 0, "a name that sounds like a participant's speaks for the meeting"
    assert dict(zip(WORD_FEATURES, gate.words.weights, strict=True))["missing"] < 0
    assert MeetingGate.from_json(json.loads(json.dumps(gate.to_json()))).to_json() == gate.to_json()


def test_a_broken_gate_file_names_itself_and_its_command(tmp_path):
    broken = tmp_path / "meetings-gate.json"
    broken.write_text(json.dumps({"gate": {"words": {}}}), encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"meetings-gate\.json.*python -m training\.meetings\.gate"):
        load_meeting_gate(broken)
    assert GATE_PATH.name == "meetings-gate.json"
    assert np.isfinite(load_meeting_gate().words.weights).all()
