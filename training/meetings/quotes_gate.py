"""Train the quotes gate: `python -m training.meetings.quotes_gate --index DIR [--seed N] [--shared DIR] [--out FILE]`.

DIR is a FarsNews index (`khabar ingest ../shared/corpus/farsnews --index DIR`). Who-said-what questions are asked
about the named people the index knows, through the product's own retrieval and statement ranking:
- a person with statements, about what one of them says (a run of its words: «X درباره Y چه گفت؟» and the like, or
  no topic at all, «X چه گفت؟»): the answer is right when the best statement found is theirs, in that article;
- the same person about what another person said (a run of another statement's words): any statement shown is
  wrong (asked what Shamkhani said about bitcoin, his words on Palestine are not an answer);
- as many people who say nothing in the corpus (a seeded sample), about what someone else said: any statement shown
  is wrong (a person named in passing).
People mentioned in an article of a dev set are left out, and no topic is drawn from those articles. The people are
split as for the meetings gate (`training/meetings/calibration.py`): a seeded fifth is the test, the threshold is the
one that handles the most questions right as five models fitted without them predict them, and the model written is
fitted on the rest. The test figures and curve are printed; the artifact is written to --out.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.answering.quotes import QuoteAnswerer
from assistant.answering.quotes_gate import QUOTE_FEATURES, QUOTES_GATE_PATH, QuoteGate, quote_row
from assistant.config import index_settings
from assistant.meetings.quoted import content_terms, quoted_question
from assistant.retrieval.hybrid import HybridRetriever
from index.embeddings import make_embedder
from index.embeddings.base import Embedder
from index.meetings.fold import words
from index.news_index import NewsIndex
from training.meetings.calibration import PASSAGES, Samples, dev_articles, fit_gate, gate_arguments, split_people

QUESTIONS = 3  # questions per person with statements about their own words, and as many about another's
TOPIC_WORDS = 2  # a run of this many content words of a statement is the topic asked about
NO_TOPIC = 0.25  # the share of questions about a person's own words asked with no topic («X چه گفت؟»)
ASKED = (
    "{person} درباره {topic} چه گفت؟",
    "{person} در مورد {topic} چه اظهار داشت؟",
    "{person} درباره {topic} به چه نکته‌ای اشاره کرد؟",
    "{person} چه گفت؟",
)
"""Ways of asking what someone said, about a topic (`{topic}`) or not."""


@dataclass(frozen=True)
class Speaker:
    """Someone the index knows: how one article names them, and their statements (id, article, sentence)."""

    id: str
    name: str
    statements: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class QuoteRow:
    """One question's outcome: the gate's features of the best statement, whether it was right, and whether the
    question had an answer."""

    features: list[float]
    right: bool
    answerable: bool


@dataclass(frozen=True)
class Asked:
    """One question: its text, the person asked about, and the article of the statement it asks about (None: the
    person never said it)."""

    text: str
    speaker: Speaker
    article: str | None


def speakers(db: sqlite3.Connection, excluded_articles: set[str]) -> list[Speaker]:
    """Every person named outside the excluded articles (as their first named mention names them) with their
    statements; a person mentioned in an excluded article is left out."""
    said: dict[str, list[tuple[str, str, str]]] = {}
    for person, statement, article, sentence in db.execute(
        "SELECT l.person_id, s.id, s.article_id, s.sentence FROM person_links l JOIN statements s "
        "ON s.speaker_id = l.speaker_id WHERE l.speaker_id IS NOT NULL ORDER BY s.article_id, s.position"
    ):
        said.setdefault(person, []).append((statement, article, sentence))
    named: dict[str, str] = {}
    touched: set[str] = set()
    for person, article, name in db.execute(
        "SELECT person_id, article_id, name FROM person_mentions ORDER BY article_id, number"
    ):
        if article in excluded_articles:
            touched.add(person)
        elif name.strip():
            named.setdefault(person, name.strip())
    return [Speaker(p, name, tuple(said.get(p, ()))) for p, name in sorted(named.items()) if p not in touched]


def topic(sentence: str, name: str, rng: random.Random) -> str:
    """A run of `TOPIC_WORDS` content words of a statement, not naming its speaker ("" when it has none)."""
    own = set(words(name))
    kept = [w for w in content_terms(sentence) if w not in own and len(w) > 2]
    if len(kept) < TOPIC_WORDS:
        return ""
    start = rng.randrange(len(kept) - TOPIC_WORDS + 1)
    return " ".join(kept[start : start + TOPIC_WORDS])


def phrased(name: str, about: str, rng: random.Random) -> str:
    """A who-said-what question about the person, on the topic (without one when it is empty)."""
    forms = [f for f in ASKED if "{topic}" in f] if about else [f for f in ASKED if "{topic}" not in f]
    return rng.choice(forms).format(person=name, topic=about)


def questions(found: list[Speaker], seed: int) -> Iterator[Asked]:
    """For each person with statements: `QUESTIONS` about their own statements (one in four without a topic) and as
    many about others'; for as many people without statements (seeded): one about another's."""
    rng = random.Random(seed)
    speaking = [s for s in found if s.statements]
    silent = [s for s in found if not s.statements]
    everyone_said = [(s.name, sentence) for s in speaking for _, _, sentence in s.statements]
    for person in speaking:
        for _ in range(QUESTIONS):
            _, article, sentence = rng.choice(person.statements)
            about = "" if rng.random() < NO_TOPIC else topic(sentence, person.name, rng)
            yield Asked(phrased(person.name, about, rng), person, article)
            other_name, other_sentence = rng.choice(everyone_said)
            elsewhere = topic(other_sentence, other_name, rng)
            if elsewhere and other_name != person.name:
                yield Asked(phrased(person.name, elsewhere, rng), person, None)
    for person in rng.sample(silent, min(len(speaking), len(silent))):
        other_name, other_sentence = rng.choice(everyone_said)
        elsewhere = topic(other_sentence, other_name, rng)
        if elsewhere:
            yield Asked(phrased(person.name, elsewhere, rng), person, None)


class QuoteAsker:
    """Asks the gate's training questions through the product's retrieval and statement ranking."""

    def __init__(self, news_index: NewsIndex, embedder: Embedder) -> None:
        self.retriever = HybridRetriever(news_index, embedder)
        self.answerer = QuoteAnswerer(news_index, embedder)
        self.db = news_index.manifest.connection

    def row(self, asked: Asked) -> QuoteRow | None:
        """The gate's features of the best statement, whether it is right, and whether the question had an answer;
        None when the answerer declines before any gate (no statement, or the best not in the first article)."""
        query = self.retriever.prepare(asked.text)
        question = quoted_question(asked.text)
        if question is None:
            raise ValueError(f"not read as a who-said-what question: {asked.text!r}")
        ranked = self.answerer.ranked(question, query, self.retriever.search(query, k=PASSAGES))
        if not ranked:
            return None
        best = ranked[0].statement
        (person,) = self.db.execute(
            "SELECT count(*) FROM person_links WHERE speaker_id = ? AND person_id = ?",
            (best.speaker.id, asked.speaker.id),
        ).fetchone()
        answerable = asked.article is not None
        right = answerable and bool(person) and best.article_id == asked.article
        return QuoteRow(quote_row(ranked), right, answerable)


def main() -> None:
    """Ask, fit, calibrate, print the held-out figures and write the gate."""
    args = gate_arguments(__doc__.splitlines()[0], QUOTES_GATE_PATH)

    news_index = NewsIndex(index_settings(args.index, None, None))
    asker = QuoteAsker(news_index, make_embedder(news_index.settings.embedder))
    excluded = dev_articles(args.shared, news_index.manifest)
    found = [
        Speaker(s.id, s.name, tuple(st for st in s.statements if st[1] not in excluded))
        for s in speakers(asker.db, excluded)
    ]
    print(
        f"{len(excluded)} dev articles left out; {len(found)} named people, {sum(bool(s.statements) for s in found)} "
        "with statements"
    )
    part = split_people(found, args.seed)
    rows: list[tuple[int, QuoteRow]] = []
    asked = list(questions(found, args.seed))
    for number, question in enumerate(asked, start=1):
        if number % 200 == 0:
            print(f"  asked {number} of {len(asked)} questions", flush=True)
        outcome = asker.row(question)
        if outcome is not None:
            rows.append((part[question.speaker.id], outcome))
    for name, part_rows in (("fitted on", [r for f, r in rows if f >= 0]), ("test", [r for f, r in rows if f < 0])):
        right, answerable = sum(r.right for r in part_rows), sum(r.answerable for r in part_rows)
        print(
            f"{name}: {len(part_rows)} questions with a candidate, {answerable} with an answer, {right} with the "
            "right statement ranked first"
        )
    model, threshold = fit_gate("quotes", Samples.of(rows, lambda r: [r.features]), QUOTE_FEATURES, args.seed)
    args.out.write_text(json.dumps({"gate": QuoteGate(model, threshold).to_json()}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
