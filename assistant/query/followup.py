"""Follow-up questions: a pronoun («او», "he") stands for the entity the previous question was about.

Extractive mode has no language model to rewrite a question, so a follow-up is resolved by rule: when the question
holds a personal pronoun and the conversation has an earlier question, the pronoun is replaced by that question's
entity: its longest run of capitalized names in Latin script, else its first run of content words
(«شمخانی با چه کسی دیدار کرد؟» → «شمخانی»). The resolved question is what retrieval searches and what the answer
reports as `searched`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.query.terms import QUESTION_WORDS
from index.text.normalize import normalize

PRONOUNS = frozenset(
    ["او", "وی", "ایشان", "آنها", "آن\u200cها", "آنان", "he", "she", "him", "her", "his", "they", "them", "their"]
)
"""Words that point back at someone named earlier in the conversation."""

FUNCTION_WORDS = QUESTION_WORDS | frozenset(
    [
        "درباره",
        "گفته",
        "دربارهٔ",
        "برای",
        "تا",
        "هم",
        "نیز",
        "اما",
        "ولی",
        "پس",
        "بر",
        "روی",
        "مورد",
        "سوی",
        "said",
        "say",
        "says",
        "meet",
        "met",
        "tell",
        "told",
        "at",
        "by",
        "from",
        "has",
        "have",
        "had",
    ]
)
"""Words that are never part of an entity: interrogatives, prepositions, common verbs."""

_TOKEN = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")
_EDGE_PUNCTUATION = "؟?!.,،؛;:«»\"'()[]"


def _bare(token: str) -> str:
    """A token without surrounding punctuation."""
    return token.strip(_EDGE_PUNCTUATION)


def _key(token: str) -> str:
    """The comparable form of a token (normalized letters, lower case)."""
    return normalize(_bare(token)).lower()


def _is_pronoun(token: str) -> bool:
    """Whether a token is a personal pronoun."""
    return _key(token) in PRONOUNS or _bare(token).lower() in PRONOUNS


def _runs(tokens: list[str], keep) -> list[list[str]]:
    """Consecutive tokens that satisfy `keep`, as runs of bare tokens."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if keep(token):
            current.append(_bare(token))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def entity(question: str) -> str:
    """What a question is about: its longest run of capitalized names (Latin script), else its first content run."""
    tokens = [t for t in _TOKEN.findall(question) if _bare(t)]

    def content(token: str) -> bool:
        return _key(token) not in FUNCTION_WORDS and not _is_pronoun(token)

    first_letter = _LETTER.search(question)
    if first_letter and first_letter.group().isascii():
        names = _runs(tokens, lambda t: content(t) and _bare(t)[:1].isupper())
        if names:
            return " ".join(max(names, key=len))
    runs = _runs(tokens, content)
    return " ".join(runs[0]) if runs else ""


def resolve_followup(question: str, history: Sequence[str]) -> str:
    """The question with its first pronoun replaced by the latest earlier question's entity; unchanged otherwise."""
    tokens = _TOKEN.findall(question)
    position = next((i for i, token in enumerate(tokens) if _is_pronoun(token)), None)
    if position is None or not history:
        return question
    for index in range(len(history) - 1, -1, -1):
        earlier = resolve_followup(history[index], history[:index])
        found = entity(earlier)
        if found:
            pronoun = tokens[position]
            bare = _bare(pronoun)
            start = pronoun.find(bare)
            tokens[position] = pronoun[:start] + found + pronoun[start + len(bare) :]
            return " ".join(tokens)
    return question
