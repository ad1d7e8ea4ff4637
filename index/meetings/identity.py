"""Whether two mentions name one person: within an article (name forms, a title, a pronoun) and across articles.

Across articles two named mentions are one person when their family names agree — the same grouping key in one
script, or one name in two scripts by the learned spelling model (`same_name.py`) — and their given names do not
contradict each other («علی لاریجانی» is not «صادق لاریجانی»). A mention with a family name only joins the one person
of that name whose title it shares, or the only person of that name when there is just one and no title of theirs
contradicts it; when several people share the name and nothing tells them apart it stays its own. A title alone
(«وزیر خارجه روسیه») is the person who holds that title under the same key.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.meetings.fold import words
from index.meetings.lexicon import HONORIFICS
from index.meetings.participants import name_key, title_key
from index.meetings.people import same_title
from index.meetings.same_name import spelling_model
from index.meetings.spelling import is_latin, skeleton

LATIN_HONORIFICS = frozenset("mr mrs ms dr sir prof lord lady president".split())


@dataclass(frozen=True)
class NameParts:
    """A mention reduced to what identity reads: its family key, its given names, its titles and its script."""

    name: str
    titles: tuple[str, ...]
    key: str
    given: tuple[str, ...]
    latin: bool

    @property
    def sound(self) -> str:
        """The sound skeleton of the family name (for the cross-script lookup)."""
        return skeleton(self.key) if self.name else ""

    @property
    def head(self) -> str:
        """The first consonant class of the family name: candidates across scripts are looked up by it."""
        return next((s for s in self.sound if s.isupper()), "")


def name_parts(name: str, titles: tuple[str, ...]) -> NameParts:
    """A mention's parts: a Latin name keyed by its last word, a Persian one by `name_key`, a title by `title_key`."""
    latin = is_latin(name or " ".join(titles))
    if not name:
        return NameParts("", titles, title_key(max(titles, key=len, default="")), (), latin)
    tokens = [w for w in words(name) if w not in HONORIFICS and w not in LATIN_HONORIFICS]
    key = (tokens[-1] if tokens else "") if latin else name_key(name)
    family = set(key.split())
    return NameParts(name, titles, key, tuple(w for w in tokens if w not in family), latin)


def _given_agree(first: tuple[str, ...], second: tuple[str, ...], latin_pair: bool) -> bool | None:
    """True when both give the same given name, False when they contradict, None when one gives none."""
    if not first or not second:
        return None
    if latin_pair:  # across scripts: a contradiction only when the two cannot sound alike
        model = spelling_model()
        if model.probability(first[-1], second[-1]) == 0.0:
            return False
        return True if model.same([(first[-1], second[-1])]) else None
    a, b = "".join(first), "".join(second)
    return a.startswith(b) or b.startswith(a)


def _titles_agree(first: NameParts, second: NameParts) -> bool:
    """Whether the two share a title (same head word, the shorter's words in the longer)."""
    return any(same_title(a, b) for a in first.titles for b in second.titles)


def same_family(mention: NameParts, person: NameParts) -> bool:
    """Whether the family names agree: the same key in one script, one name by sound across scripts."""
    if mention.latin == person.latin:
        return mention.key == person.key
    parts = [(mention.key, person.key)]
    if mention.given and person.given:
        parts.append((mention.given[-1], person.given[-1]))  # the given name just before the family name
    return spelling_model().same(parts)


def choose_person(mention: NameParts, candidates: list[tuple[str, NameParts]]) -> str | None:
    """The id of the person this mention names among candidates (id, parts), or None for a new person."""
    if not mention.name:
        return next((pid for pid, p in candidates if not p.name and p.key == mention.key), None)
    named = [(pid, p) for pid, p in candidates if p.name and same_family(mention, p)]
    fitting = [
        (pid, p) for pid, p in named if _given_agree(mention.given, p.given, mention.latin != p.latin) is not False
    ]
    if not fitting:
        return None
    exact = [pid for pid, p in fitting if _given_agree(mention.given, p.given, mention.latin != p.latin)]
    titled = [pid for pid, p in fitting if _titles_agree(mention, p)]
    for group in ([pid for pid in exact if pid in titled], exact, titled):
        if group:
            return group[0]
    if len(fitting) == 1 and not (mention.titles and fitting[0][1].titles):
        return fitting[0][0]
    return None
