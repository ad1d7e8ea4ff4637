"""Train the fusion of dense and BM25 search: `python -m training.fusion [--pquad FILE] [--persianqa FILE] [--seed N]`.

Every PQuAD validation question (answerable ones; split by article title as the reader is, seed 13) is searched
over all PQuAD paragraphs as khabar searches an index: the 40 nearest by e5 and the 40 best by BM25 (Lucene IDF,
k1 1.2, b 0.75, the (k1 + 1) factor kept, as tantivy and FTS5 score). A logistic regression learns which candidate
is the question's paragraph from both searches' scores; the held-out figures are printed beside reciprocal rank
fusion, and the JSON artifact the product loads is written.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from assistant.retrieval.fusion import (
    FUSION_FEATURES,
    MODEL_PATH,
    Candidate,
    FusionModel,
    fusion_matrix,
    lexical_ceiling,
)
from index.embeddings.base import Embedder
from index.store.lexical import lucene_idf
from index.text.chunker import search_text
from index.text.normalize import normalize
from index.text.tokens import ARABIC_SCRIPT, terms
from training.logistic import fit_logistic
from training.reader.pquad import Paragraph, Question, load, split_titles, training_arguments
from training.reader.vectors import cached_vectors, embedder_pair

CANDIDATES = 40  # what each search returns in the product (`RetrievalSettings.candidates`)
SERVED_SCALE = 1.2 + 1.0
"""BM25's (k1 + 1) factor: bm25s's Lucene method drops it, khabar's backends (tantivy, FTS5) keep it, so that the
scores trained on are the scores the fusion is served (a share of the question's IDF 2.2 times what bm25s gives)."""


VARIANTS = ("as asked", "in other words", "in another language")
"""How each question is searched: with its own words; without the words of its answer sentence and its title (a
question in the asker's own words: the same meaning, so the same e5 vector, but other words for BM25); with only
its script-neutral words (numbers, Latin-script names) for BM25, as a question in another language meets the news."""


@dataclass(frozen=True)
class Searched:
    """One question's candidates from both searches, which of them is its paragraph, and the BM25 ceiling."""

    question: Question
    variant: str
    candidates: list[Candidate]
    gold: str
    ceiling: float


def lexical_terms(question: Question, paragraph: Paragraph, variant: str) -> list[str]:
    """The question's BM25 terms as `variant` searches them."""
    asked = terms(normalize(question.text))
    if variant == "in other words":
        answering = [s for s in paragraph.sentences if any(s.start <= a < s.end for a, _, _ in question.answers)]
        seen = set(terms(search_text(paragraph.title, " ".join(s.of(paragraph.text) for s in answering))))
        return [t for t in asked if t not in seen]
    if variant == "in another language":
        return [t for t in asked if not ARABIC_SCRIPT.search(t)]
    return asked


def served_scores(bm25: bm25s.BM25, known: list[str], size: int) -> np.ndarray:
    """BM25 scores of every indexed text for these (indexed) terms as khabar's lexical backends score them."""
    return SERVED_SCALE * bm25.get_scores(known) if known else np.zeros(size)


def search_all(
    paragraphs: list[Paragraph], questions: list[Question], embedders: tuple[Embedder, Embedder], cache: Path
) -> list[Searched]:
    """Both searches of every answerable question over the paragraphs, with e5 vectors (from the passage and the
    question embedder) cached."""
    passages, queries = (embedder.encode_documents for embedder in embedders)
    texts = [search_text(p.title, p.text) for p in paragraphs]
    paragraph_vectors = cached_vectors(passages, texts, "passage", cache)
    question_vectors = cached_vectors(queries, [normalize(q.text) for q in questions], "query", cache)
    tokens = [terms(text) for text in texts]
    frequency = Counter(t for doc in tokens for t in set(doc))
    bm25 = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    bm25.index(tokens, show_progress=False)
    vocabulary = bm25.vocab_dict
    searched = []
    for question, vector in zip(questions, question_vectors, strict=True):
        if not question.answers:
            continue
        closeness = paragraph_vectors @ vector
        dense = [int(i) for i in np.argsort(-closeness)[:CANDIDATES]]
        dense_rank = {i: r for r, i in enumerate(dense, start=1)}
        all_terms = terms(normalize(question.text))
        # the ceiling counts every term the question holds: words BM25 cannot match weigh against its score
        idf = lucene_idf({t: frequency[t] for t in all_terms}, len(paragraphs))
        ceiling = lexical_ceiling([idf[t] for t in all_terms])
        for variant in VARIANTS:
            known = [t for t in lexical_terms(question, paragraphs[question.paragraph], variant) if t in vocabulary]
            lexical_scores = served_scores(bm25, known, len(paragraphs))
            lexical = [int(i) for i in np.argsort(-lexical_scores)[:CANDIDATES] if lexical_scores[i] > 0]
            lexical_rank = {i: r for r, i in enumerate(lexical, start=1)}
            candidates = [
                Candidate(str(i), float(closeness[i]), dense_rank.get(i), float(lexical_scores[i]), lexical_rank.get(i))
                if i in lexical_rank
                else Candidate(str(i), float(closeness[i]), dense_rank.get(i), 0.0, None)
                for i in dict.fromkeys(dense + lexical)
            ]
            searched.append(Searched(question, variant, candidates, str(question.paragraph), ceiling))
    return searched


def fit(part: list[Searched], seed: int) -> FusionModel:
    """The fusion's logistic regression over every candidate of the training questions."""
    matrix = np.concatenate([fusion_matrix(s.candidates, s.ceiling) for s in part])
    labels = np.concatenate([[c.chunk_id == s.gold for c in s.candidates] for s in part])
    return FusionModel(fit_logistic(matrix, labels, FUSION_FEATURES, seed))


def rrf(searched: Searched) -> dict[str, float]:
    """Reciprocal rank fusion as khabar ranked before (k 5, the dense vote weighing 0.5), the baseline."""
    return {
        c.chunk_id: (0.5 / (5 + c.dense_rank) if c.dense_rank else 0.0)
        + (1.0 / (5 + c.lexical_rank) if c.lexical_rank else 0.0)
        for c in searched.candidates
    }


def hits(part: list[Searched], score) -> tuple[float, float]:
    """Hit@1 and hit@5 (per cent) of the question's paragraph under a scoring of the candidates."""
    at_1 = at_5 = 0
    for searched in part:
        scores = score(searched)
        ranked = sorted(scores, key=lambda chunk_id: -scores[chunk_id])
        at_1 += ranked[:1] == [searched.gold]
        at_5 += searched.gold in ranked[:5]
    return 100 * at_1 / max(1, len(part)), 100 * at_5 / max(1, len(part))


def print_table(name: str, part: list[Searched], model: FusionModel) -> dict:
    """Hit@1 / hit@5 of each ranking on a held-out part."""
    rankings = {
        "dense alone": lambda s: {c.chunk_id: c.similarity for c in s.candidates},
        "BM25 alone": lambda s: {c.chunk_id: c.lexical_score for c in s.candidates},
        "reciprocal rank fusion (before)": rrf,
        "learned fusion": lambda s: model.scores(s.candidates, s.ceiling),
    }
    questions = sum(1 for s in part if s.variant == VARIANTS[0])
    print(f"\n{name}: {questions} questions, hit@1 / hit@5 as each variant searches\n")
    print("| ranking | " + " | ".join(VARIANTS) + " |\n| --- |" + " ---: |" * len(VARIANTS))
    figures: dict[str, dict[str, list[float]]] = {}
    for label, score in rankings.items():
        row = {}
        for variant in VARIANTS:
            at_1, at_5 = hits([s for s in part if s.variant == variant], score)
            row[variant] = [round(at_1, 1), round(at_5, 1)]
        figures[label] = row
        print(f"| {label} | " + " | ".join(f"{a:.1f} / {b:.1f}" for a, b in row.values()) + " |")
    return figures


def main() -> None:
    """Search, train, evaluate and write the fusion artifact."""
    args = training_arguments(__doc__.splitlines()[0], MODEL_PATH)

    paragraphs, questions = load(args.pquad)
    split = split_titles([q.title for q in questions], args.seed)
    embedders = embedder_pair()
    searched = search_all(paragraphs, questions, embedders, args.cache)
    parts = {name: [s for s in searched if split[s.question.title] == name] for name in ("train", "test")}
    model = fit(parts["train"], args.seed)
    held_out = {"pquad_test": print_table("PQuAD test titles", parts["test"], model)}
    if args.persianqa.exists():
        qa_paragraphs, qa_questions = load(args.persianqa)
        held_out["persianqa_test"] = print_table(
            "PersianQA test", search_all(qa_paragraphs, qa_questions, embedders, args.cache), model
        )
    weights = ", ".join(f"{f} {w:+.2f}" for f, w in zip(FUSION_FEATURES, model.scorer.weights, strict=True))
    print(f"\nweights (standardized features): {weights}")
    artifact = {
        "trained_on": f"PQuAD validation (CC BY-SA 4.0), answerable questions of the train titles, seed {args.seed}",
        "held_out": held_out,
        "fusion": model.to_json(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(artifact, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
