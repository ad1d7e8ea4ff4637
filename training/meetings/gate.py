"""Train the meetings gate: `python -m training.meetings.gate --index DIR [--seed N] [--shared DIR] [--out FILE]`.

DIR is a FarsNews index (`khabar ingest ../shared/corpus/farsnews --index DIR`). Questions are asked about the named
people the index knows (`people`, `person_mentions`, `person_links`), in the usual who-met-whom phrasings, the
counterpart asked about by a title the person's counterparts carry:
- a person with meetings, with everything in view: the answer is right when the best meeting found is one of theirs;
- the same questions with the articles of all their meetings hidden from retrieval and from the meetings table: any
  meeting shown is wrong (the Argentine-president-in-Tokyo case: the news holds other meetings, none of theirs);
- as many people with no meeting in the corpus (a seeded sample), the counterpart's title drawn from all the
  corpus's: any meeting shown is wrong.
Each outcome gives rows for two models: one for questions in the meeting's script (the question's words, the
meeting's meaning and rank), and two for the model of questions across scripts: how alike the person's name in Latin
letters (`training/meetings/latin.py`) sounds to a participant's, with the same meaning and rank, and the same asked
without a name (an English question that names no one, "Which coach did the federation deny talks with?").

People mentioned in an article of a dev set (`../shared/eval/*.jsonl`) are left out. A seeded fifth of the people is
held out as the test; on the rest each model's threshold is the one that handles the most questions right as five
models fitted without them predict them (by person), and the model written is fitted on all of the rest. The test
figures and curve are printed; the artifact, with the words of the index's meetings outside the dev articles as the
reference of word rarity for smaller indexes, is written to --out.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answering.meetings import MeetingAnswerer
from assistant.answering.meetings_gate import (
    ACROSS_FEATURES,
    GATE_PATH,
    WORD_FEATURES,
    MeetingGate,
    across_row,
    word_row,
)
from assistant.config import index_settings
from assistant.meetings.question import meeting_question
from assistant.meetings.rank import latin_names
from assistant.retrieval.hybrid import HybridRetriever
from index.embeddings import make_embedder
from index.embeddings.base import Embedder
from index.meetings.query import meeting_words
from index.news_index import NewsIndex
from training.meetings.calibration import PASSAGES, Samples, dev_articles, fit_gate, gate_arguments, split_people
from training.meetings.latin import romanized

QUESTIONS = 4  # questions per person with meetings, each asked in view and hidden
WIDER = 20  # searched when articles are hidden, so that PASSAGES remain
ASKED = (
    "{person} با چه کسی دیدار کرد؟",
    "{person} با کدام {title} دیدار و گفتگو کرد؟",
    "چه کسی با {person} ملاقات کرد؟",
    "{person} با کدام مقام دیدار داشت؟",
)
"""Ways of asking who someone met, the counterpart's title filled from the corpus's titles (`{title}`)."""


@dataclass(frozen=True)
class Person:
    """Someone the index knows: how one article names them, the ids of their meetings and their articles, and the
    titles their counterparts carry."""

    id: str
    name: str
    title: str
    meetings: frozenset[str]
    meeting_articles: frozenset[str]
    counterparts: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One question's outcome: the best meeting's features for each model, whether it was right, and whether the
    question had an answer in view."""

    words: list[float]
    across: list[float]
    across_unnamed: list[float]
    right: bool
    answerable: bool


def people(db: sqlite3.Connection, excluded_articles: set[str]) -> list[Person]:
    """Every person mentioned by name outside the excluded articles, as their first named mention names them (a title
    alone, «رئیس جمهور», is held by many people: whether another's meeting answers it cannot be told)."""
    meetings: dict[str, set[str]] = {}
    articles: dict[str, set[str]] = {}
    counterparts: dict[str, set[str]] = {}
    for person, meeting, article, title in db.execute(
        "SELECT l.person_id, l.meeting_id, l.article_id, p.title FROM person_links l LEFT JOIN meeting_participants p "
        "ON p.meeting_id = l.meeting_id AND p.side != l.side WHERE l.meeting_id IS NOT NULL"
    ):
        meetings.setdefault(person, set()).add(meeting)
        articles.setdefault(person, set()).add(article)
        counterparts.setdefault(person, set()).update([title] if title else [])
    mentioned: dict[str, tuple[str, str]] = {}
    touched: set[str] = set()
    for person, article, name, title in db.execute(
        "SELECT person_id, article_id, name, title FROM person_mentions ORDER BY article_id, number"
    ):
        if article in excluded_articles:
            touched.add(person)
        elif name.strip():
            mentioned.setdefault(person, (name.strip(), title.strip()))
    return [
        Person(
            p,
            name,
            title,
            frozenset(meetings.get(p, ())),
            frozenset(articles.get(p, ())),
            tuple(sorted(counterparts.get(p, ()))),
        )
        for p, (name, title) in sorted(mentioned.items())
        if p not in touched
    ]


def sample_people(found: list[Person], seed: int) -> list[Person]:
    """Everyone with meetings, and as many people without any (seeded)."""
    met = [p for p in found if p.meetings]
    others = [p for p in found if not p.meetings]
    return met + random.Random(seed).sample(others, min(len(met), len(others)))


def question(person: Person, titles: list[str], rng: random.Random) -> str:
    """A Persian who-met-whom question about the person, named as their article names them, their counterpart by a
    title one of their counterparts carries (else any title of the corpus)."""
    forms = [person.name, f"{person.name} {person.title}", f"{person.title} {person.name}"]
    title = rng.choice(person.counterparts or titles)
    return rng.choice(ASKED).format(person=rng.choice(forms).strip(), title=title)


class Asker:
    """Asks the gate's training questions through the product's own retrieval and meeting ranking."""

    def __init__(self, news_index: NewsIndex, embedder: Embedder) -> None:
        self.index = news_index
        self.retriever = HybridRetriever(news_index, embedder)
        self.answerer = MeetingAnswerer(news_index, embedder)

    def titles(self) -> list[str]:
        """The titles participants of the stored meetings carry (what a question may ask the counterpart to be)."""
        rows = self.index.manifest.connection.execute(
            "SELECT DISTINCT title FROM meeting_participants WHERE title != '' ORDER BY title"
        )
        return [title for (title,) in rows]

    def row(self, text: str, person: Person, hidden: frozenset[str]) -> Row | None:
        """The outcome of one question with the hidden articles out of view; None when no meeting is a candidate
        (the answerer declines before any gate)."""
        asked = meeting_question(text)
        if asked is None:
            raise ValueError(f"not read as a who-met-whom question: {text!r}")
        query = self.retriever.prepare(text)
        found = self.retriever.search(query, k=WIDER if hidden else PASSAGES)
        passages = [p for p in found if p.article_id not in hidden][:PASSAGES]
        candidates = [m for m in self.answerer.candidates(asked, passages, False) if m.article_id not in hidden]
        ranked = self.answerer.ranked(asked, query, passages, candidates)  # a corpus: no rarities to fill up
        if not ranked:
            return None
        answerable = bool(person.meetings) and not hidden
        right = answerable and ranked[0].meeting.id in person.meetings
        across = across_row(latin_names(romanized(person.name)), ranked)
        return Row(word_row(ranked), across, across_row([], ranked), right, answerable)


def ask_all(asker: Asker, found: list[Person], seed: int) -> Iterator[tuple[str, Row]]:
    """Each person with meetings asked `QUESTIONS` questions, each with everything in view and with their meetings
    hidden; each person without asked one."""
    rng = random.Random(seed)
    titles = asker.titles()
    for number, person in enumerate(found, start=1):
        if number % 100 == 0:
            print(f"  asked about {number} of {len(found)} people", flush=True)
        asked = [question(person, titles, rng) for _ in range(QUESTIONS if person.meetings else 1)]
        views = [frozenset(), person.meeting_articles] if person.meetings else [frozenset()]
        for text in asked:
            for hidden in views:
                row = asker.row(text, person, hidden)
                if row is not None:
                    yield person.id, row


def main() -> None:
    """Ask, fit, calibrate, print the held-out figures and write the gate."""
    args = gate_arguments(__doc__.splitlines()[0], GATE_PATH)

    news_index = NewsIndex(index_settings(args.index, None, None))
    asker = Asker(news_index, make_embedder(news_index.settings.embedder))
    db = news_index.manifest.connection
    excluded = dev_articles(args.shared, news_index.manifest)
    print(f"{len(excluded)} articles of the dev sets left out")
    everyone = people(db, excluded)
    found = sample_people(everyone, args.seed)
    part = split_people(found, args.seed)
    met = sum(1 for p in found if p.meetings)
    print(f"{len(everyone)} named people, {met} with meetings; {len(found)} asked about")
    asked = [(part[person], row) for person, row in ask_all(asker, found, args.seed)]
    for name, rows in (("fitted on", [r for f, r in asked if f >= 0]), ("test", [r for f, r in asked if f < 0])):
        right, answerable = sum(r.right for r in rows), sum(r.answerable for r in rows)
        print(
            f"{name}: {len(rows)} questions with a candidate, {answerable} with an answer in view, {right} with "
            "the right meeting ranked first"
        )
    models = {
        kind: fit_gate(kind, Samples.of(asked, views), features, args.seed)
        for kind, features, views in (
            ("words", WORD_FEATURES, lambda r: [r.words]),
            ("across", ACROSS_FEATURES, lambda r: [r.across, r.across_unnamed]),
        )
    }
    reference = meeting_words(db, excluded)
    gate = MeetingGate(*models["words"], *models["across"], tuple(reference))
    args.out.write_text(json.dumps({"gate": gate.to_json()}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
