"""Who said what in an article: each statement sentence with its speaker, pronouns and continuations resolved.

A sentence with a speech verb («گفت», «افزود», «تاکید کرد», "said") is a statement of the phrase before the verb; a
pronoun («وی», «او», «این مقام», "he") or no subject at all («... اشاره کرد و افزود») is the last speaker of the
article. A quote opened by a colon goes on to the end of its paragraph: the sentences after it there, without a
speech verb of their own, are that speaker's too (`continued`). The article's meetings add the fuller forms of
their participants to the speakers they name («دریابان علی شمخانی نماینده مقام معظم رهبری ...»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from index.article import Article
from index.meetings.english import english_speech, read_english
from index.meetings.extract import extract_meetings
from index.meetings.fold import fold
from index.meetings.model import Participant
from index.meetings.participants import participant
from index.meetings.people import People, Person
from index.meetings.speech import Speech, persian_speech
from index.text.sentences import split_sentences
from index.text.tokens import ARABIC_SCRIPT

Kind = Literal["said", "continued"]
_NEW_SPEAKER = re.compile(r"^[\s»\"]*(?:نیز|هم)(?!\S)")


@dataclass(frozen=True)
class Statement:
    """One sentence an article attributes to a person: the person's number in the article, the mention as written
    («وی» for a pronoun, "" when none), whether it says or continues a quote, and the sentence with its span."""

    article_id: str
    person: int
    mention: str
    kind: Kind
    sentence: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"sentence span must be 0 <= start < end. Currently, it is [{self.start}, {self.end})")


@dataclass(frozen=True)
class ArticleStatements:
    """The speakers of an article (one per person, every form they are written in) and their statements."""

    people: tuple[Person, ...]
    statements: tuple[Statement, ...]


def _speech(sentence: str, persian: bool) -> tuple[Speech, Participant | None] | None:
    """The sentence's speech verb with its speaker, as a participant when the subject names one."""
    if not persian:
        return english_speech(sentence)
    speech = persian_speech(fold(sentence))
    if speech is None:
        return None
    named = speech.kind == "named" and speech.speaker is not None
    return speech, participant(sentence[speech.speaker[0] : speech.speaker[1]]) if named else None


def extract_statements(article: Article) -> ArticleStatements:
    """The statements of an article in reading order, each with the person who makes it."""
    text = article.text
    people = People()
    statements: list[Statement] = []
    last: Person | None = None
    quoting_until = -1  # the end of the paragraph a colon quote runs to
    spans = split_sentences(text)
    read_english([text[span.start : span.end] for span in spans])
    for span in spans:
        sentence = text[span.start : span.end]
        persian = bool(ARABIC_SCRIPT.search(sentence))
        found = _speech(sentence, persian)
        if found is None:
            if last is not None and span.end <= quoting_until:
                statements.append(Statement(article.id, last.number, "", "continued", sentence, span.start, span.end))
            continue
        speech, mention = found
        person, written = last, ""
        if speech.speaker is not None:
            written = sentence[speech.speaker[0] : speech.speaker[1]]
            written = written.split()[0] if speech.kind == "pronoun" else written
        if speech.kind == "named":
            if mention is None:
                continue
            # a body or role speaking before a named person is not that person in English ("the Tories" ... "Mr Blair")
            fresh = not persian or (
                bool(_NEW_SPEAKER.match(fold(sentence[speech.speaker[1] :]))) if speech.speaker else False
            )
            person = people.resolve(mention, None if fresh else last)
        if person is None:
            continue
        statements.append(Statement(article.id, person.number, written, "said", sentence, span.start, span.end))
        last = person
        paragraph_end = text.find("\n", span.end)
        quoting_until = (len(text) if paragraph_end < 0 else paragraph_end) if speech.opens_quote else -1
    for meeting in extract_meetings(article):
        for side in (*meeting.who, *meeting.whom):
            people.enrich(side)
    return ArticleStatements(tuple(people.persons), tuple(statements))
