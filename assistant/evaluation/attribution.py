"""Who says each sentence of a news article, among a few named people: for scoring who-said-what answers.

News reports a statement by naming its speaker once («معصومه ابتکار ... گفت») and going on with «وی» or «او»; a
sentence therefore belongs to the person of the list named in it (the first named, when several are), else to the
one named last before it, else to nobody. A person counts as named by their full name or their surname (the last
space-separated word, half-spaces kept, so «طاهریان‌پور» stays one name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from assistant.evaluation.metrics import answer_text, contains, fold
from index.text.sentences import split_sentences

CONTINUING = frozenset(["وی", "او", "ایشان", "he", "she"])
"""Pronouns by which a report goes on quoting the person it named last."""
CONTINUING_WITHIN = 3  # words: «وی افزود», «همچنین وی گفت», «به گفته وی» (chosen on how news sentences open)


def _name_forms(person: str) -> list[str]:
    """The ways a person is named: the full name and the surname."""
    parts = person.split()
    return list(dict.fromkeys([person, parts[-1]])) if parts else []


def _first_mention(sentence: str, person: str) -> int | None:
    """Where the sentence first names the person (a position in its folded, space-free form), or None."""
    joined = fold(sentence).replace(" ", "")
    forms = [form for form in _name_forms(person) if contains(sentence, [form])]
    positions = [joined.find(fold(form).replace(" ", "")) for form in forms]
    return min((p for p in positions if p >= 0), default=None)


def _goes_on(sentence: str) -> bool:
    """Whether a sentence that names nobody goes on with the last speaker: a pronoun among its first words."""
    return any(word in CONTINUING for word in fold(sentence).split()[:CONTINUING_WITHIN])


def speakers_of(text: str, people: Sequence[str]) -> list[tuple[str, str | None]]:
    """Each sentence of the text with the person of `people` it belongs to (None before anyone is named)."""
    attributed: list[tuple[str, str | None]] = []
    current: str | None = None
    for span in split_sentences(text):
        sentence = span.of(text)
        named = [(position, person) for person in people if (position := _first_mention(sentence, person)) is not None]
        if named:
            current = min(named, key=lambda pair: pair[0])[1]
        elif not _goes_on(sentence):
            current = None
        attributed.append((sentence, current))
    return attributed


def quotes_statement_of(quotes: Sequence[str], text: str, person: str, people: Sequence[str]) -> bool:
    """Whether any quote is (part of) a sentence of the text that belongs to `person`."""
    theirs = [fold(sentence) for sentence, speaker in speakers_of(text, people) if speaker == person]
    for quote in quotes:
        folded = fold(quote)
        if folded and any(folded in sentence or sentence in folded for sentence in theirs if sentence):
            return True
    return False


def misattributed_pct(
    questions: Iterable[Mapping], answers: Iterable[Mapping], article_text: Callable[[Mapping], str | None]
) -> float | None:
    """Share of who-said-what questions whose answer quotes the statement of `distractor_speaker` instead of
    `speaker`'s (read from the gold article's text); an answer holding the keywords (which only the asked person's
    statement has) is never counted. None when no question names both."""
    by_id = {a["id"]: a for a in answers}
    asked = [q for q in questions if q.get("speaker") and q.get("distractor_speaker") and not q.get("unanswerable")]
    wrong = 0
    for question in asked:
        answer = by_id.get(question["id"], {})
        keywords, match = question.get("answer_keywords") or [], question.get("match", "any")
        if not answer.get("found") or contains(answer.get("answer", ""), keywords, match):
            continue
        text = article_text(question)
        if not text:
            continue
        quotes = [c.get("quote", "") for c in answer.get("citations") or []] or [answer_text(answer.get("answer", ""))]
        people = [question["speaker"], question["distractor_speaker"]]
        wrong += quotes_statement_of(quotes, text, question["distractor_speaker"], people)
    return round(100.0 * wrong / len(asked), 1) if asked else None
