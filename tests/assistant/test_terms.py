"""How a question's terms meet a text's: exactly, with a Persian suffix, or by a stem of four letters or more."""

from __future__ import annotations

from conftest import SEED

from assistant.query.terms import TermLookup, matches
from index.text.normalize import normalize
from index.text.tokens import terms


def _seed_terms() -> set[str]:
    """The search terms of the seed article."""
    return set(terms(normalize(SEED.read_text(encoding="utf-8"))))


def test_a_term_meets_the_text_exactly_or_with_a_suffix_or_by_its_stem():
    seed = _seed_terms()
    assert "شمخانی" in seed and matches("شمخانی", seed)
    longer = next(t for t in sorted(seed) if len(t) >= 6)
    assert matches(longer[:4], seed)  # a longer word of the text extends it
    assert matches(longer + "ها", seed)  # the text holds its stem
    short = next(t[:3] for t in sorted(seed) if len(t) >= 4 and t[:3] not in seed)
    assert not matches(short, seed)  # three letters meet only exactly
    assert not matches("بیت‌کوین", seed)


def test_a_lookup_read_many_times_answers_as_matches_does():
    seed = _seed_terms()
    lookup = TermLookup(seed)
    probes = [*sorted(seed)[:40], *(t[:4] for t in sorted(seed)[:40]), *(t + "ها" for t in sorted(seed)[:40]), "xyzw"]
    assert [lookup.has(t) for t in probes] == [matches(t, seed) for t in probes]
    assert any(lookup.has(t) for t in probes) and not lookup.has("xyzw")
