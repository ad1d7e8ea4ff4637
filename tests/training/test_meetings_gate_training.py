"""The meetings gate's training: people of the dev articles left out, a seeded split by person, English names
written so that they sound like the Persian, and each question's outcome labelled by whose meeting came first."""

from __future__ import annotations

import random

import pytest
from conftest import SHARED, need_shared

from index.meetings.spelling import sound_similarity
from training.meetings.calibration import FOLDS, dev_articles, split_people
from training.meetings.gate import Asker, Person, people, question, sample_people
from training.meetings.latin import romanized


@pytest.mark.parametrize(
    ("persian", "english"),
    [("سرگئی لاوروف", "Sergei Lavrov"), ("حسن روحانی", "Hassan Rouhani"), ("علی شمخانی", "Ali Shamkhani")],
)
def test_a_name_in_latin_letters_sounds_like_the_persian_and_the_english(persian, english):
    written = romanized(persian)
    assert written.isascii() and all(part[0].isupper() for part in written.split())
    assert sound_similarity(written, persian) >= 0.85
    assert sound_similarity(written, english) >= 0.6


@pytest.fixture(scope="module")
def found(seed_among_40):
    """The named people of the seed and 40 FarsNews articles, the dev sets' articles left out."""
    db = seed_among_40.manifest.connection
    return people(db, dev_articles(need_shared(SHARED), seed_among_40.manifest))


def test_people_of_the_dev_articles_are_left_out(seed_among_40, found):
    db = seed_among_40.manifest.connection
    excluded = dev_articles(SHARED, seed_among_40.manifest)
    seed = "000_e8a22bdbff0c4942"
    assert seed in excluded, "the seed, named «seed:…» by the dev sets"
    assert "https://www.farsnews.ir/news/8707060255" in excluded, "fact-dev-001's article, named by its URL"
    in_seed = {p for (p,) in db.execute("SELECT person_id FROM person_mentions WHERE article_id = ?", (seed,))}
    assert in_seed, "the seed names people"
    assert not in_seed & {p.id for p in found}
    assert found and all(p.name for p in found)


def test_the_split_is_by_person_seeded_and_holds_a_test(found):
    sampled = sample_people(found, 13)
    assert sum(1 for p in sampled if p.meetings) * 2 == len(sampled) or all(p.meetings for p in found)
    parts = split_people(found, 13)
    assert parts == split_people(found, 13) and parts != split_people(found, 14)
    assert set(parts.values()) <= {-1, *range(FOLDS)} and -1 in parts.values()


def test_an_outcome_is_right_only_with_the_persons_meeting_in_view(seed_among_40, embedder, found):
    asker = Asker(seed_among_40, embedder)
    met = [p for p in found if p.meetings]
    assert met, "someone of the 40 articles met someone"
    person = met[0]
    text = question(person, asker.titles(), random.Random(13))
    in_view = asker.row(text, person, frozenset())
    hidden = asker.row(text, person, person.meeting_articles)
    assert in_view is not None and in_view.answerable
    assert in_view.right == (in_view.words[2] > 0), "the person's meeting first: their name is on it"
    assert hidden is None or (not hidden.answerable and not hidden.right)
    nobody = Person("p-none", "وارسته", "", frozenset(), frozenset(), ())
    row = asker.row("وارسته با چه کسی دیدار کرد؟", nobody, frozenset())
    assert row is None or (not row.right and not row.answerable)
