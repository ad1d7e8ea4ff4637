"""Reader features for every PQuAD question over its paragraph and the paragraphs e5 ranks nearest to it."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.answering.reader_features import Background, SentenceView, lexical_matrix
from assistant.query.kinds import question_kinds
from assistant.query.terms import QuestionTerms, matches, question_terms
from index.embeddings.base import Embedder
from index.text.chunker import search_text
from index.text.normalize import normalize
from index.text.tokens import ARABIC_SCRIPT, terms
from training.reader.pquad import Paragraph, Question
from training.reader.vectors import cached_vectors

PASSAGES_READ = 4  # as the product reads: the question's paragraph among the 4 nearest by e5
BACKGROUND_SAMPLE = 512  # paragraphs a question's background is measured on, as the product samples its index
ABSENT_SHARE = 0.25  # questions also asked with their article left out (not tuned: answerable questions stay most)
UNMATCHED = "\u2063"  # marks a question term as written in other words: it keeps its weight and matches nothing


def _neutral(found: frozenset[str]) -> frozenset[str]:
    """The terms written the same in any language: numbers and Latin-script words."""
    return frozenset(t for t in found if not ARABIC_SCRIPT.search(t))


def script_neutral(view: SentenceView) -> SentenceView:
    """A sentence as a question in another language meets it: of its words, only numbers and Latin-script names
    can be shared (an English question over Persian news shares "ICT", "2004", not «دفتر»)."""
    return replace(
        view, terms=_neutral(view.terms), headline_terms=_neutral(view.headline_terms),
        passage_terms=_neutral(view.passage_terms),
    )  # fmt: skip


def reworded(question: QuestionTerms, avoided: frozenset[str]) -> QuestionTerms:
    """The question as an asker who avoids the words of its answering sentence and headline writes it: those terms
    keep their IDF weight (the asker's own words weigh as much) but meet nothing."""
    return QuestionTerms({(UNMATCHED + t if matches(t, set(avoided)) else t): w for t, w in question.weights.items()})


class CorpusWeights:
    """BM25 IDF over a set of paragraphs, as khabar's lexical index weighs terms."""

    def __init__(self, texts: list[str]) -> None:
        self.total = len(texts)
        self.frequency = Counter(t for text in texts for t in set(terms(text)))

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each token."""
        return {
            t: float(np.log(1.0 + (self.total - self.frequency[t] + 0.5) / (self.frequency[t] + 0.5))) for t in tokens
        }


@dataclass(frozen=True)
class Pool:
    """One question's candidate sentences: lexical features, e5 cosines, which hold a gold answer, and where."""

    question: Question
    lexical: np.ndarray
    similarity: np.ndarray
    labels: np.ndarray
    sentences: list[tuple[int, int]]  # (paragraph index, sentence index) per row
    background: Background
    across: np.ndarray  # `lexical` as a question in another language sees it: only script-neutral words meet


@dataclass(frozen=True)
class Corpus:
    """The paragraphs as the reader sees them, computed once: normalized sentences, their terms and e5 vectors, the
    paragraphs' vectors and the background sample."""

    paragraphs: list[Paragraph]
    normalized: list[list[str]]
    sentence_vectors: np.ndarray
    offsets: np.ndarray
    paragraph_vectors: np.ndarray
    headline_terms: list[frozenset[str]]
    sentence_terms: list[list[frozenset[str]]]
    passage_terms: list[frozenset[str]]
    sample: np.ndarray

    @classmethod
    def of(
        cls,
        paragraphs: list[Paragraph],
        passages: Callable[[list[str]], np.ndarray],
        cache: Path,
        chooser: random.Random,
    ) -> Corpus:
        """The corpus of `paragraphs`, with e5 passage vectors from `passages` cached under `cache`, its background
        sample drawn by `chooser`."""
        normalized = [[normalize(s.of(p.text)) for s in p.sentences] for p in paragraphs]
        flat = [text for sentences in normalized for text in sentences]
        sentence_vectors = cached_vectors(passages, flat, "passage", cache)
        offsets = np.cumsum([0] + [len(s) for s in normalized])
        searched = [search_text(p.title, p.text) for p in paragraphs]
        paragraph_vectors = cached_vectors(passages, searched, "passage", cache)
        headline_terms = [frozenset(terms(normalize(p.title))) for p in paragraphs]
        sentence_terms = [[frozenset(terms(text)) for text in sentences] for sentences in normalized]
        passage_terms = [headline_terms[i].union(*sentence_terms[i]) for i in range(len(paragraphs))]
        sample = sorted(chooser.sample(range(len(paragraphs)), min(BACKGROUND_SAMPLE, len(paragraphs))))
        return cls(
            paragraphs, normalized, sentence_vectors, offsets, paragraph_vectors, headline_terms, sentence_terms,
            passage_terms, paragraph_vectors[sample],
        )  # fmt: skip

    def avoided(self, question: Question, asked: QuestionTerms) -> frozenset[str]:
        """The words a question in other words avoids: its headline's and its answering sentences' (for a question
        its paragraph cannot answer, the sentence that holds most of its words)."""
        paragraph = self.paragraphs[question.paragraph]
        sentences = self.sentence_terms[question.paragraph]
        answering = [
            i
            for i, span in enumerate(paragraph.sentences)
            if any(span.start <= a < span.end for a, _, _ in question.answers)
        ] or [max(range(len(sentences)), key=lambda i: asked.coverage(set(sentences[i])))]
        return self.headline_terms[question.paragraph].union(*(sentences[i] for i in answering))

    def pool(
        self,
        question: Question,
        vector: np.ndarray,
        read: list[int],
        closeness: np.ndarray,
        weights: CorpusWeights,
        avoided: frozenset[str] | None = None,
    ) -> Pool:
        """The pool of `question` (its text, embedded as `vector`) over the paragraphs `read`, in that order, each
        as close to what was searched as `closeness` says; with `avoided`, the question is read as asked in other
        words than those."""
        background = Background.of(self.sample @ vector)
        asked = question_terms(normalize(question.text), weights)
        if avoided is not None:
            asked = reworded(asked, avoided)
        views, similarity, labels, where = [], [], [], []
        for rank, index in enumerate(read):
            paragraph = self.paragraphs[index]
            similarity.extend(self.sentence_vectors[self.offsets[index] : self.offsets[index + 1]] @ vector)
            for position, span in enumerate(paragraph.sentences):
                views.append(
                    SentenceView(
                        span.of(paragraph.text), self.normalized[index][position], self.sentence_terms[index][position],
                        self.headline_terms[index], self.passage_terms[index], position, len(paragraph.sentences), rank,
                        float(closeness[index]),
                    )
                )  # fmt: skip
                holds = index == question.paragraph and any(span.start <= a < span.end for a, _, _ in question.answers)
                labels.append(holds)
                where.append((index, position))
        kinds = question_kinds(normalize(question.text))
        matrix = lexical_matrix(asked, kinds, views, background)
        across = lexical_matrix(asked, kinds, [script_neutral(v) for v in views], background)
        return Pool(question, matrix, np.asarray(similarity), np.asarray(labels, dtype=bool), where, background, across)

    def read_for(self, question: Question, closeness: np.ndarray, chooser: random.Random) -> list[list[int]]:
        """The paragraphs a question is read over, by closeness: its own among the nearest; for a seeded share of
        the questions also the nearest without any paragraph of its article (unanswerable there)."""
        order = [int(i) for i in np.argsort(-closeness)]
        nearest = [i for i in order if i != question.paragraph][: PASSAGES_READ - 1]
        reads = [sorted([question.paragraph, *nearest], key=lambda i: -closeness[i])]
        if chooser.random() < ABSENT_SHARE:
            reads.append([i for i in order if self.paragraphs[i].title != question.title][:PASSAGES_READ])
        return reads


def absent(question: Question) -> Question:
    """The question asked where its article is not: unanswerable."""
    return replace(question, id=f"{question.id}-absent", answers=(), paragraph=-1)


def build_pools(
    paragraphs: list[Paragraph],
    questions: list[Question],
    embedders: tuple[Embedder, Embedder],
    weights: CorpusWeights,
    cache: Path,
    seed: int,
    in_other_words: bool = False,
) -> list[Pool]:
    """A feature pool per question: the sentences of its paragraph and of the nearest others; for a seeded share of
    the questions a second pool without any paragraph of its article (unanswerable: the corpus does not cover it);
    `in_other_words`, each question as asked in words other than its answer's and headline's (the same meaning, so
    the same e5 vector); e5 vectors (from the passage and the question embedder) cached."""
    passages, queries = (embedder.encode_documents for embedder in embedders)
    chooser = random.Random(seed)
    corpus = Corpus.of(paragraphs, passages, cache, chooser)
    texts = [normalize(q.text) for q in questions]
    avoided: list[frozenset[str] | None] = [None] * len(questions)
    if in_other_words:
        avoided = [corpus.avoided(q, question_terms(t, weights)) for q, t in zip(questions, texts, strict=True)]
    question_vectors = cached_vectors(queries, texts, "query", cache)
    pools = []
    for question, vector, avoid in zip(questions, question_vectors, avoided, strict=True):
        closeness = corpus.paragraph_vectors @ vector
        for number, read in enumerate(corpus.read_for(question, closeness, chooser)):
            pools.append(corpus.pool(absent(question) if number else question, vector, read, closeness, weights, avoid))
    return pools
