"""Reader features for every PQuAD question over its paragraph and the paragraphs e5 ranks nearest to it."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.answering.reader_features import Background, SentenceView, lexical_matrix
from assistant.query.kinds import question_kinds
from assistant.query.terms import question_terms
from index.embeddings.base import Embedder
from index.text.chunker import search_text
from index.text.normalize import normalize
from index.text.tokens import ARABIC_SCRIPT, terms
from training.reader.pquad import Paragraph, Question
from training.reader.vectors import cached_vectors

PASSAGES_READ = 4  # as the product reads: the question's paragraph among the 4 nearest by e5
BACKGROUND_SAMPLE = 512  # paragraphs a question's background is measured on, as the product samples its index
ABSENT_SHARE = 0.25  # questions also asked with their article left out (not tuned: answerable questions stay most)


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


def build_pools(
    paragraphs: list[Paragraph],
    questions: list[Question],
    embedders: tuple[Embedder, Embedder],
    weights: CorpusWeights,
    cache: Path,
    seed: int,
) -> list[Pool]:
    """A feature pool per question: the sentences of its paragraph and of the nearest others; for a seeded share of
    the questions a second pool without any paragraph of its article (unanswerable: the corpus does not cover it);
    e5 vectors (from the passage and the question embedder) cached."""
    passages, queries = (embedder.encode_documents for embedder in embedders)
    normalized = [[normalize(s.of(p.text)) for s in p.sentences] for p in paragraphs]
    flat = [text for sentences in normalized for text in sentences]
    sentence_vectors = cached_vectors(passages, flat, "passage", cache)
    offsets = np.cumsum([0] + [len(s) for s in normalized])
    searched = [search_text(p.title, p.text) for p in paragraphs]
    paragraph_vectors = cached_vectors(passages, searched, "passage", cache)
    question_vectors = cached_vectors(queries, [normalize(q.text) for q in questions], "query", cache)
    headline_terms = [frozenset(terms(normalize(p.title))) for p in paragraphs]
    sentence_terms = [[frozenset(terms(text)) for text in sentences] for sentences in normalized]
    passage_terms = [headline_terms[i].union(*sentence_terms[i]) for i in range(len(paragraphs))]
    chooser = random.Random(seed)
    sample = paragraph_vectors[sorted(chooser.sample(range(len(paragraphs)), min(BACKGROUND_SAMPLE, len(paragraphs))))]
    asked_pools: list[tuple[Question, list[int]]] = []
    for question, vector in zip(questions, question_vectors, strict=True):
        closeness = paragraph_vectors @ vector
        order = [int(i) for i in np.argsort(-closeness)]
        nearest = [i for i in order if i != question.paragraph][: PASSAGES_READ - 1]
        asked_pools.append((question, sorted([question.paragraph, *nearest], key=lambda i: -closeness[i])))
        if chooser.random() < ABSENT_SHARE:
            elsewhere = [i for i in order if paragraphs[i].title != question.title][:PASSAGES_READ]
            asked_pools.append((replace(question, id=f"{question.id}-absent", answers=(), paragraph=-1), elsewhere))
    vectors_of = dict(zip((q.id for q in questions), question_vectors, strict=True))
    pools = []
    for question, read in asked_pools:
        vector = vectors_of[question.id.removesuffix("-absent")]
        closeness = paragraph_vectors @ vector
        background = Background.of(sample @ vector)
        asked = question_terms(normalize(question.text), weights)
        views, similarity, labels, where = [], [], [], []
        for rank, index in enumerate(read):
            paragraph = paragraphs[index]
            similarity.extend(sentence_vectors[offsets[index] : offsets[index + 1]] @ vector)
            for position, span in enumerate(paragraph.sentences):
                views.append(
                    SentenceView(
                        span.of(paragraph.text), normalized[index][position], sentence_terms[index][position],
                        headline_terms[index], passage_terms[index], position, len(paragraph.sentences), rank,
                        float(closeness[index]),
                    )
                )  # fmt: skip
                holds = index == question.paragraph and any(span.start <= a < span.end for a, _, _ in question.answers)
                labels.append(holds)
                where.append((index, position))
        kinds = question_kinds(normalize(question.text))
        matrix = lexical_matrix(asked, kinds, views, background)
        across = lexical_matrix(asked, kinds, [script_neutral(v) for v in views], background)
        pools.append(
            Pool(question, matrix, np.asarray(similarity), np.asarray(labels, dtype=bool), where, background, across)
        )
    return pools
