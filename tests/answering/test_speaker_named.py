"""An answering sentence that writes its speaker only as «وی» or by title is led by the speaker as the article names
them, cited with the sentence that names them; a sentence that names its speaker is shown as it is."""

from __future__ import annotations

import pytest
from conftest import SEED_ID

from assistant.app import Assistant, AssistantSettings
from index.meetings.said import named_elsewhere
from index.text.normalize import normalize


@pytest.fixture(scope="module")
def reader_alone(seed_alone, embedder):
    """The extractive answerer alone over the seed (the quotes answerer would answer these first)."""
    return Assistant(seed_alone, embedder, AssistantSettings(answerers=("extractive",)))


def test_a_sentence_saying_vi_is_led_by_the_speaker_and_cites_where_he_is_named(reader_alone):
    answer = reader_alone.ask("طرح معامله قرن چگونه توصیف شد؟")
    assert answer.found and answer.text.startswith("دریابان شمخانی: «وی طرح موسوم به «معامله قرن»")
    said, naming = answer.citations[:2]
    assert said.n == naming.n == 1 and said.quote.startswith("وی طرح موسوم")
    assert "شمخانی" in normalize(naming.quote) and naming.article_id == SEED_ID
    assert naming.chunk_id in {p.chunk_id for p in answer.passages}


def test_a_sentence_that_names_its_speaker_is_shown_as_written(reader_alone):
    answer = reader_alone.ask("شمخانی درباره کشورهای عربی چه گفت؟")
    assert answer.found and answer.text.startswith("دریابان شمخانی گفت: برخی کشورهای عربی")
    assert len({c.start for c in answer.citations if c.n == 1}) == len([c for c in answer.citations if c.n == 1])


def test_the_naming_statement_is_found_only_for_a_statement_that_does_not_name_its_speaker(seed_alone):
    db = seed_alone.manifest.connection
    rows = list(db.execute('SELECT start, "end", mention, sentence FROM statements WHERE article_id = ?', (SEED_ID,)))
    by_pronoun = [r for r in rows if r[2] == "وی"]
    by_name = [r for r in rows if "شمخانی" in normalize(r[2])]
    assert by_pronoun and by_name
    found = named_elsewhere(db, SEED_ID, by_pronoun[0][0], by_pronoun[0][1])
    assert found is not None and "شمخانی" in normalize(found.mention) and found.speaker.key == "شمخانی"
    assert named_elsewhere(db, SEED_ID, by_name[0][0], by_name[0][1]) is None
