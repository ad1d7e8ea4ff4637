"""One person per article: the long and short forms of a name, a title, and «وی» after them are one speaker.

Within an article a person is named once in full («دریابان علی شمخانی دبیر شورای عالی امنیت ملی») and then by a
shorter form («شمخانی»), a title alone («دبیر شورای عالی امنیت ملی») or a pronoun. A mention is the same person as
an earlier one when its family name matches (the grouping key of `name_key`, or one key ending the other), or,
naming only a title, when that title opens like one of theirs and uses only its words. News introduces a speaker by
title and names them in the next statement («مدیرعامل ... نیز گفت ...» then «روح‌الله طاهریان‌پور افزود»): a new
name right after a nameless speaker is that speaker's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.meetings.fold import words
from index.meetings.model import Participant
from index.meetings.participants import name_key, title_key


@dataclass
class Person:
    """A speaker of one article: their fullest name, their titles, and every form the article writes."""

    number: int
    name: str = ""
    titles: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The grouping key: of the name when the article gives one, else of the title."""
        return name_key(self.name) if self.name else title_key(self.title)

    @property
    def title(self) -> str:
        """The longest title the article gives them."""
        return max(self.titles, key=len, default="")

    def add(self, mention: Participant) -> None:
        """Record a mention of this person: a fuller name, a new title, the form as written."""
        if mention.name and len(mention.name) > len(self.name):
            self.name = mention.name
        if mention.title and mention.title not in self.titles:
            self.titles.append(mention.title)
        if mention.text not in self.forms:
            self.forms.append(mention.text)


def _same_name(a: str, b: str) -> bool:
    """Two name keys of one person: equal, or one ends the other («شمخانی» and «علی شمخانی»)."""
    first, second = a.split(), b.split()
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    return longer[-len(shorter) :] == shorter


def same_title(a: str, b: str) -> bool:
    """Two titles of one post: the same head word, and the shorter's words all in the longer."""
    first, second = words(title_key(a)), words(title_key(b))
    if not first or not second or first[0] != second[0]:
        return False
    shorter, longer = sorted((first, second), key=len)
    return first == second or (len(shorter) >= 2 and set(shorter) <= set(longer))


class People:
    """The persons of one article, built mention by mention in reading order."""

    def __init__(self) -> None:
        self.persons: list[Person] = []

    def _match(self, mention: Participant) -> Person | None:
        """The latest person this mention names, if any."""
        for person in reversed(self.persons):
            if mention.name and person.name and _same_name(mention.key, person.key):
                return person
            if not mention.name and any(same_title(mention.title, t) for t in person.titles):
                return person
        return None

    def resolve(self, mention: Participant, last: Person | None) -> Person:
        """The person a named mention is: an earlier one, the nameless speaker just before it (`last`, None when
        the sentence marks a new speaker), or someone new."""
        person = self._match(mention)
        if (
            person is None
            and mention.name
            and last is not None
            and not last.name
            and (not mention.title or any(same_title(mention.title, t) for t in last.titles))
        ):
            person = last
        if person is None:
            person = Person(len(self.persons))
            self.persons.append(person)
        person.add(mention)
        return person

    def enrich(self, mention: Participant) -> None:
        """Add a fuller form of someone already speaking («دریابان علی شمخانی نماینده ...» from a meeting)."""
        person = self._match(mention)
        if person is not None:
            person.add(mention)
