"""Reader features for every PQuAD question over its paragraph and the paragraphs e5 ranks nearest to it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answering.reader_features import SentenceView, lexical_matrix, question_kinds
from assistant.query.terms import question_terms
from index.embeddings.base import Embedder
from index.text.chunker import search_text
from index.text.normalize import normalize
from index.text.tokens import terms
from training.reader.pquad import Paragraph, Question
from training.reader.vectors import cached_vectors

PASSAGES_READ = 4  # as the product reads: the question's paragraph among the 4 nearest by e5


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


def build_pools(
    paragraphs: list[Paragraph],
    questions: list[Question],
    embedders: tuple[Embedder, Embedder],
    weights: CorpusWeights,
    cache: Path,
) -> list[Pool]:
    """A feature pool per question: the sentences of its paragraph and of the nearest others; e5 vectors (from the
    passage and the question embedder) cached."""
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
    pools = []
    for question, vector in zip(questions, question_vectors, strict=True):
        closeness = paragraph_vectors @ vector
        nearest = [int(i) for i in np.argsort(-closeness) if i != question.paragraph][: PASSAGES_READ - 1]
        read = sorted([question.paragraph, *nearest], key=lambda i: -closeness[i])
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
        matrix = lexical_matrix(asked, question_kinds(normalize(question.text)), views)
        pools.append(Pool(question, matrix, np.asarray(similarity), np.asarray(labels, dtype=bool), where))
    return pools
