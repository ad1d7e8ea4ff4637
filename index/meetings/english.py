"""Meetings of English sentences read from their parse: the meeting word ("met", "held talks with", "a meeting
between", "visited", "spoke with", "phoned") and its arguments decide who met whom, each side split into the
people it lists, a person's name taken from the entity the sentence names them by.

A side must name someone: its head word is in a person, organisation, place or nationality the NER finds, is a
proper noun, or is a word for people (officials, leaders, a counterpart). "He" or "she" is the person the sentence
itself names as the subject of a verb above the meeting ("Weitz said he had visited Pullman"), else the article's
last named person. Status: denied under a negation or "denied"; planned under "will", "would", "to", a modal or "is
meeting"; else happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from index.entities.english import parse, parse_many
from index.meetings.fold import key_of
from index.meetings.model import Kind, Participant, Status
from index.meetings.speech import Speech
from index.text.tokens import ARABIC_SCRIPT

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NAMED = frozenset(("PERSON", "ORG", "GPE", "NORP"))
_PEOPLE_WORDS = frozenset(
    (
        "official officials leader leaders member members representative representatives minister ministers president "
        "chief chiefs boss bosses delegation delegates counterpart counterparts mission government executive "
        "executives industrialist industrialists envoy envoys ambassador spokesman spokeswoman agent manager director "
        "chairman chairwoman board council committee premier chancellor king queen prince secretary senator senators "
        "mp mps diplomat diplomats negotiator negotiators lawyer lawyers union unions family families group"
    ).split()
)
"""Head nouns that name people without a name ("Sky executives", "trade union leaders", "his counterpart")."""
_HONORIFICS = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Gen|General|Prof|Professor|Rev)\.?(?:\s+|$))+")
_PRONOUNS = frozenset(("he", "she"))
_TALK_NOUNS = frozenset(("talk", "meeting", "discussion", "negotiation"))
_TALKS_BEGUN = frozenset(("begin", "start", "open", "resume", "enter", "continue"))
"""Verbs that make "talks" a process between two sides rather than one meeting (kind `talks`)."""
_HOLD = frozenset(("hold", "have", *_TALKS_BEGUN))
_SPEAK = frozenset(("speak", "talk"))
_SAY = frozenset(("say", "tell", "add", "state", "warn", "explain", "insist", "note", "argue"))
"""Speech verbs: their subject is the speaker of the sentence."""
_SAYING = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|add|adds|added|adding|stat(?:e|es|ed|ing)"
    r"|warn(?:s|ed|ing)?|explain(?:s|ed|ing)?|insist(?:s|ed|ing)?|not(?:e|es|ed|ing)"
    r"|argu(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
"""Any form of a speech verb: a sentence without one is not parsed for a speaker."""
_CALL = frozenset(("phone", "telephone", "call", "ring"))
_SEE = frozenset(("visit", "host", "receive"))
_PLANNED_AUX = frozenset(("will", "would", "shall", "could", "may", "might", "to", "'ll"))
_DENYING = frozenset(("deny", "reject"))
_SPORTS = re.compile(r"\b(?:match|game|goals?|league|cup|beat|defeated|scored?|tournament|fixture|draw|race)\b", re.I)
"""Words of a sporting contest: there "meet" is to play against."""
_DROPPED = frozenset(("det", "poss", "punct", "cc", "case", "predet"))
_CLAUSES = frozenset(("relcl", "acl", "advcl", "appos", "conj", "cc", "punct"))


def _parties(head: Token) -> list[Token]:
    """The people a side lists: the head and the heads it is joined to by "and" or commas."""
    found = [head]
    appositive = next((c for c in head.children if c.dep_ == "appos"), None)
    for child in [*head.children, *(appositive.children if appositive is not None else [])]:
        if child.dep_ == "conj":  # "his counterpart, Ariel Sharon, and the Palestinian leader": on the appositive
            found.extend(_parties(child))
    return found


def _phrase(head: Token) -> list[Token]:
    """The words of one party: its subtree without the parties joined to it, clauses and prepositions other than
    "of" ("leaders in Baghdad" is "leaders"), determiners, possessives and punctuation."""
    kept = [head]
    for child in head.children:
        if child.dep_ in _CLAUSES or child.dep_ == "npadvmod" or (child.dep_ == "prep" and child.lower_ != "of"):
            continue
        kept.extend(child.subtree)
    return sorted((t for t in kept if t is head or t.dep_ not in _DROPPED), key=lambda t: t.i)


def _person_name(doc: Doc, tokens: list[Token], heads: frozenset[int] = frozenset()) -> tuple[str, set[int]]:
    """The PERSON entity among the tokens (the one holding a head word first: "Lib Dem leader Charles Kennedy" is
    Charles Kennedy), honorifics dropped, and the positions it covers; ("", {}) when none."""
    indices = {t.i for t in tokens}
    found = []
    for entity in doc.ents:
        modifier = entity.end < len(doc) and doc[entity.end].text == "-"  # "Oscar-nominated actor"
        if entity.label_ == "PERSON" and entity.start in indices and not modifier:
            covered = set(range(entity.start, entity.end))
            found.append((not covered & heads, entity.start, _HONORIFICS.sub("", entity.text).strip(), covered))
    if not found:
        return "", set()
    _, _, name, covered = min(found)
    return name, covered


def _participant(doc: Doc, head: Token) -> Participant | None:
    """One party as a participant, or None when it names no one: "his Israeli counterpart, Ariel Sharon" is Ariel
    Sharon with the title Israeli counterpart."""
    appositive = next((c for c in head.children if c.dep_ == "appos"), None)
    phrases = [_phrase(head)] + ([_phrase(appositive)] if appositive is not None else [])
    tokens = [t for phrase in phrases for t in phrase]
    heads = {head.i} | ({appositive.i} if appositive is not None else set())
    named = any(e.label_ in _NAMED and heads & set(range(e.start, e.end)) for e in doc.ents)
    proper = any(doc[i].pos_ == "PROPN" for i in heads)  # a name the NER missed ("talks with LSE")
    if not (named or proper or head.lower_ in _PEOPLE_WORDS):
        return None  # "the tomb of Yasser Arafat", "a hostile reception": the head is no one
    name, in_name = _person_name(doc, tokens, frozenset(heads))
    written = [doc[phrase[0].i : phrase[-1].i + 1] for phrase in phrases]
    text = ", ".join(span.text for span in written)
    rest = [
        " ".join("".join(t.text_with_ws for t in span if t.i not in in_name).split()).strip(" ,") for span in written
    ]
    title = _HONORIFICS.sub("", ", ".join(r for r in rest if r)).strip(" ,")
    key = key_of(name.split()[-1] if name else title)
    return Participant(text, name, title, key) if key else None


def _side(doc: Doc, head: Token, last: Participant | None) -> list[Participant]:
    """Every party of a side; "he" or "she" as the sentence's own subject above it, else the article's last person."""
    if head.lower_ in _PRONOUNS:
        named = _subject_above(doc, head)
        return [named] if named else ([last] if last else [])
    return [p for p in (_participant(doc, party) for party in _parties(head)) if p is not None]


def _subject_above(doc: Doc, pronoun: Token) -> Participant | None:
    """The person named as the subject of a verb above the pronoun's ("Weitz said he had visited Pullman")."""
    for verb in pronoun.head.ancestors:
        for child in verb.children:
            if child.dep_ == "nsubj" and _person_name(doc, _phrase(child))[0]:
                return _participant(doc, child)
    return None


def named_subjects(sentences: list[str]) -> list[Participant]:
    """The people English sentences name as the subjects of their main verbs, in order, for a "he" after them."""
    found = []
    for doc in parse_many(sentences):
        for token in doc:
            if token.dep_ == "ROOT":
                subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                named = _participant(doc, subject) if subject is not None else None
                if named is not None and named.name:
                    found.append(named)
    return found


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the nearest verb above it that has one ("is due to hold talks")."""
    for candidate in (verb, *verb.ancestors):
        if candidate.pos_ in ("VERB", "AUX"):
            subject = next((c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
    return None


def _with(token: Token, prepositions: tuple[str, ...] = ("with",)) -> Token | None:
    """The object of the token's "with" (or another preposition given)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _object(verb: Token) -> Token | None:
    """The direct object of a verb, or the object of its "with"."""
    return next((c for c in verb.children if c.dep_ == "dobj"), None) or _with(verb)


def _status(verb: Token) -> Status:
    """Denied, planned or happened, from the verb's own auxiliaries and the verbs above it."""
    chain = [verb, *verb.ancestors]
    if any(c.dep_ == "neg" for c in verb.children) or any(t.lemma_ in _DENYING for t in chain):
        return "denied"
    for token in chain[:3]:
        auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _PLANNED_AUX for a in auxiliaries):
            return "planned"
        if token.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
            return "planned"  # "is meeting Ms Furse on Thursday"
    return "happened"


def _governing_verb(noun: Token) -> Token:
    """The verb a noun ("talks", "meeting") hangs from, or the noun itself when none."""
    return next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), noun)


def _encounters(doc: Doc) -> Iterator[tuple[Token | None, Token | None, Token, Kind, bool]]:
    """(subject head, object head, the word deciding status, kind, reciprocal) of each meeting word."""
    sporting = bool(_SPORTS.search(doc.text))
    for token in doc:
        lemma, pos = token.lemma_.lower(), token.pos_
        if lemma == "meet" and pos == "VERB" and not sporting:
            yield _subject(token), _object(token), token, "meeting", False
        elif lemma in _HOLD and pos == "VERB":
            talks = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in _TALK_NOUNS), None)
            if talks is not None:
                kind: Kind = "talks" if lemma in _TALKS_BEGUN and talks.lower_ == "talks" else "meeting"
                yield _subject(token), _with(talks) or _with(token), token, kind, False
        elif lemma in _TALK_NOUNS and pos == "NOUN" and not (token.dep_ == "dobj" and token.head.lemma_ in _HOLD):
            between = _with(token, ("between",))
            if between is not None:
                yield between, None, _governing_verb(token), "meeting", True
            elif (whom := _with(token)) is not None:
                verb = _governing_verb(token)
                yield (_subject(verb) if verb is not token else None), whom, verb, "meeting", False
        elif lemma in _SEE | _SPEAK | _CALL and pos == "VERB":
            whom = (
                _with(token, ("with", "to"))
                if lemma in _SPEAK
                else next((c for c in token.children if c.dep_ == "dobj"), None)
            )
            if whom is not None and _person_name(doc, _phrase(whom))[0]:
                yield _subject(token), whom, token, "call" if lemma in _CALL else "meeting", False


def english_meetings(
    sentence: str, last: Participant | None
) -> list[tuple[list[Participant], list[Participant], Status, Kind]]:
    """(who, whom, status, kind) of every meeting an English sentence reports; `last` is the article's last named
    person, for a "he" the sentence does not name itself."""
    doc = parse(sentence)
    found = []
    for subject, whom, verb, kind, reciprocal in _encounters(doc):
        if subject is None:
            continue
        if reciprocal:
            parties = _side(doc, subject, last)
            who, others = parties[:1], parties[1:]
        elif whom is None:
            listed = _side(doc, subject, last)
            inner = _with(subject, ("of",))  # "Bosses of Deutsche Boerse and the LSE are to meet"
            if len(listed) < 2 and inner is not None:
                listed = _side(doc, inner, last)
            who, others = listed[:1], listed[1:]
        else:
            who, others = _side(doc, subject, last), _side(doc, whom, last)
        if who and others:
            found.append((who, others, _status(verb), kind))
    return found


def english_speech(sentence: str) -> tuple[Speech, Participant | None] | None:
    """The first speech verb of an English sentence ("said", "told", "added") with its speaker: a named subject as a
    participant ("Home Secretary Charles Clarke said", "..., said Mr Smith"), "he" or "she" (the last speaker), or no
    subject ("..., adding that"); None without a speech verb or when the subject names no one ("It said", "The
    figures show")."""
    if not _SAYING.search(sentence):
        return None
    doc = parse(sentence)
    verb = next((t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in _SAY), None)
    if verb is None:
        return None
    verb_span = (verb.idx, verb.idx + len(verb.text))
    after = doc[verb.i + 1 :].text.lstrip()
    opens = after.startswith((":", "“", '"'))
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return Speech(verb_span, None, "none", opens), None
    span = (subject.idx, subject.idx + len(subject.text))
    if subject.lower_ in _PRONOUNS:
        return Speech(verb_span, span, "pronoun", opens), None
    speaker = _participant(doc, subject) if subject.pos_ != "PRON" else None
    if speaker is None:
        return None
    tokens = _phrase(subject)
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return Speech(verb_span, span, "named", opens), speaker


def read_english(sentences: list[str]) -> None:
    """Parse in one batch the English sentences of an article that `english_speech` will read."""
    parse_many([s for s in sentences if _SAYING.search(s) and not ARABIC_SCRIPT.search(s)])
