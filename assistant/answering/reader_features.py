"""What the reader knows of a candidate sentence: e5 similarities, IDF coverage, answer-type cues, place."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.query.kinds import QUESTION_KINDS
from assistant.query.terms import QuestionTerms, TermLookup
from index.text.normalize import normalize
from index.text.tokens import words

_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
_YEAR = re.compile(r"^[12۱۲][0-9۰-۹]{3}$")
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+")
_QUOTED = re.compile(r"«[^»]{2,60}»|\"[^\"]{2,60}\"")
_MONTHS = frozenset(
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه فوریه مارس آوریل مه ژوئن ژوئیه "
    "اوت اوت سپتامبر اکتبر نوامبر دسامبر میلادی شمسی هجری قمری january february march april may june july august "
    "september october november december".split()
)
_QUANTITIES = frozenset("درصد هزار میلیون میلیارد نفر تومان ریال دلار یورو کیلومتر متر percent million billion".split())
_PLACES = frozenset("شهر کشور استان منطقه جزیره شهرستان روستا پایتخت city country province capital".split())
CUES = ("number", "date", "name", "place")
BASE_FEATURES = (
    "passage_similarity", "passage_similarity_z", "passage_similarity_gap", "coverage", "coverage_gap",
    "headline_coverage", "passage_coverage", "novelty", "length", "first_sentence", "relative_position",
    "passage_rank", "top_passage",
)  # fmt: skip
LEXICAL_FEATURES: tuple[str, ...] = (
    BASE_FEATURES
    + tuple(f"asks_{kind}" for kind in QUESTION_KINDS)
    + tuple(f"holds_{cue}" for cue in CUES)
    + tuple(f"asks_{kind}_holds_{cue}" for kind in QUESTION_KINDS for cue in CUES)
)
"""What the reader knows of a sentence from its words and its passage."""
DENSE_FEATURES = ("similarity", "similarity_z", "similarity_gap", "similarity_x_coverage")
FEATURES: tuple[str, ...] = LEXICAL_FEATURES + DENSE_FEATURES
"""What the sentence model sees of every sentence read: the lexical features and its e5 similarity."""


@dataclass(frozen=True)
class Background:
    """How close a question is to the corpus at large: the mean and spread of its e5 cosines to a sample of the
    corpus's passages. Similarities are read against it, so that a question in another language than the news
    (whose cosines all run lower and closer together) is judged on the same scale."""

    mean: float
    spread: float

    @classmethod
    def of(cls, similarities: np.ndarray) -> Background:
        """The background of a question from its cosines to the sampled passages."""
        return cls(float(similarities.mean()), max(float(similarities.std()), 1e-3))

    def z(self, similarity: np.ndarray) -> np.ndarray:
        """Similarities as spreads above the background."""
        return (similarity - self.mean) / self.spread


@dataclass(frozen=True)
class SentenceView:
    """A candidate sentence as the reader sees it: its words and terms, and its passage's rank and e5 similarity."""

    text: str
    normalized: str
    terms: frozenset[str]
    headline_terms: frozenset[str]
    passage_terms: frozenset[str]
    position: int
    sentences_in_passage: int
    passage_rank: int
    passage_similarity: float


def _novel_name(text: str, asked: TermLookup) -> bool:
    """The sentence names someone or something the question does not: a capitalized word past the sentence's
    first, or a quoted phrase, with words the question lacks."""
    names = [m.group() for m in _LATIN_NAME.finditer(text) if m.start() > 0]
    quoted = [w for m in _QUOTED.finditer(text) for w in words(normalize(m.group()))]
    return any(not asked.has(w) for w in [*words(normalize(" ".join(names))), *quoted])


def sentence_cues(view: SentenceView, question: QuestionTerms) -> frozenset[str]:
    """What the sentence holds beyond the question's words: numbers, dates, names, places."""
    asked = TermLookup(question.weights)
    novel = [w for w in words(view.normalized) if not asked.has(w)]
    cues = set()
    if any(_DIGIT.search(w) for w in novel) or _QUANTITIES.intersection(novel):
        cues.add("number")
    if any(_YEAR.match(w) for w in novel) or _MONTHS.intersection(novel):
        cues.add("date")
    if _novel_name(view.text, asked):
        cues.add("name")
    if _PLACES.intersection(novel):
        cues.add("place")
    return frozenset(cues)


def lexical_matrix(
    question: QuestionTerms, kinds: frozenset[str], pool: list[SentenceView], background: Background
) -> np.ndarray:
    """One row of `LEXICAL_FEATURES` per candidate sentence; gaps compare a sentence with the best of its pool."""
    if not pool:
        return np.zeros((0, len(LEXICAL_FEATURES)), dtype=np.float32)
    coverage = np.array([question.coverage(set(v.terms)) for v in pool])
    passage_similarity = np.array([v.passage_similarity for v in pool])
    passage_z = background.z(passage_similarity)
    passage_coverage: dict[frozenset[str], float] = {}  # sentences of one passage share its terms
    rows = []
    for i, view in enumerate(pool):
        if view.passage_terms not in passage_coverage:
            passage_coverage[view.passage_terms] = question.coverage(set(view.passage_terms))
        cues = sentence_cues(view, question)
        base = [
            passage_similarity[i], passage_z[i], passage_similarity[i] - passage_similarity.max(), coverage[i],
            coverage[i] - coverage.max(), question.coverage(set(view.terms | view.headline_terms)),
            passage_coverage[view.passage_terms], np.log1p(question.novelty(view.terms)),
            np.log1p(len(view.text)), float(view.position == 0),
            view.position / max(1, view.sentences_in_passage - 1), float(view.passage_rank),
            float(view.passage_rank == 0),
        ]  # fmt: skip
        asks = [float(kind in kinds) for kind in QUESTION_KINDS]
        holds = [float(cue in cues) for cue in CUES]
        rows.append(base + asks + holds + [a * h for a in asks for h in holds])
    return np.asarray(rows, dtype=np.float32)


def full_matrix(lexical: np.ndarray, similarity: np.ndarray, background: Background) -> np.ndarray:
    """Rows of `lexical_matrix` with `DENSE_FEATURES` added from their question–sentence cosines."""
    coverage = lexical[:, LEXICAL_FEATURES.index("coverage")]
    gap = similarity - similarity.max() if len(similarity) else similarity
    dense = np.stack([similarity, background.z(similarity), gap, similarity * coverage], axis=1)
    return np.concatenate([lexical, dense.astype(np.float32)], axis=1)
