"""Train the reader: `python -m training.reader [--pquad FILE] [--persianqa FILE] [--seed N] [--out FILE]`.

Splits PQuAD validation by article title into train / calibration / test, fits the sentence scorer on train,
picks the refusal threshold on calibration, learns how a follow-up is read (`training/reader/followups.py`),
prints the held-out figures (PQuAD test, PersianQA test, each also asked in other words:
`training/reader/features.reworded`) and writes the JSON artifact the product loads. Its
cross-lingual threshold is PQuAD's until
`python -m training.reader.cross_lingual` calibrates it on real cross-lingual questions: run that next.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace

import numpy as np

from assistant.answering.reader_features import FEATURES, full_matrix
from assistant.answering.reader_model import MODEL_PATH, ReaderModel
from assistant.answering.span_features import SPAN_FEATURES
from assistant.learned import LogisticModel
from index.text.chunker import search_text
from training.logistic import fit_logistic
from training.reader.features import CorpusWeights, Pool, build_pools
from training.reader.followups import train_follow_up
from training.reader.pquad import Paragraph, load, split_titles, training_arguments
from training.reader.scores import (
    choose_span_threshold,
    choose_sure,
    choose_threshold,
    curve,
    print_figures,
    print_span_figures,
)
from training.reader.spans import training_rows
from training.reader.vectors import embedder_pair

SPAN_QUESTIONS = 1500  # training questions the span model sees, seeded sample: its rows are slow to build
SPAN_EVALUATED = 500  # questions per part the span figures and threshold are taken on, seeded sample


def fit(pools: list[Pool], seed: int) -> ReaderModel:
    """The sentence model on every candidate sentence (its threshold and span model are set after)."""
    matrix = np.concatenate([full_matrix(p.lexical, p.similarity, p.background) for p in pools])
    sentence = fit_logistic(matrix, np.concatenate([p.labels for p in pools]), FEATURES, seed)
    return ReaderModel(sentence, 0.5, sentence, 1.0)


def fit_spans(paragraphs: list[Paragraph], pools: list[Pool], weights: CorpusWeights, seed: int) -> LogisticModel:
    """The span model on the gold sentences of the training questions."""
    questions = [p.question for p in pools]
    random.Random(seed).shuffle(questions)
    matrix, labels = training_rows(paragraphs, questions[:SPAN_QUESTIONS], weights, seed)
    return fit_logistic(matrix, labels, SPAN_FEATURES, seed)


def main() -> None:
    """Train, calibrate, evaluate and write the reader artifact."""
    args = training_arguments(__doc__.splitlines()[0], MODEL_PATH)

    embedders = embedder_pair()
    paragraphs, questions = load(args.pquad)
    split = split_titles([q.title for q in questions], args.seed)
    weights = CorpusWeights([search_text(p.title, p.text) for p in paragraphs])
    pools = build_pools(paragraphs, questions, embedders, weights, args.cache, args.seed)
    parts = {name: [p for p in pools if split[p.question.title] == name] for name in ("train", "calibration", "test")}
    held_out_questions = [q for q in questions if split[q.title] != "train"]
    reworded = build_pools(
        paragraphs, held_out_questions, embedders, weights, args.cache, args.seed, in_other_words=True
    )
    other_words = {name: [p for p in reworded if split[p.question.title] == name] for name in ("calibration", "test")}
    for name, part in parts.items():
        unanswerable = sum(1 for p in part if not p.question.answers)
        print(
            f"{name}: {len(part)} questions ({unanswerable} unanswerable), {sum(len(p.labels) for p in part)} sentences"
        )
    across = {name: [replace(p, lexical=p.across) for p in part] for name, part in parts.items()}
    cross = fit(across["train"], args.seed)
    cross = replace(cross, threshold=choose_threshold(cross, across["calibration"]))
    cross = replace(cross, sure=choose_sure(cross, across["calibration"]))
    print_figures("PQuAD test, only script-neutral words shared (the cross-lingual model)", cross, across["test"])
    model = fit(parts["train"], args.seed)
    threshold = choose_threshold(model, parts["calibration"])
    model = replace(model, threshold=threshold, span=fit_spans(paragraphs, parts["train"], weights, args.seed))
    model = replace(model, sure=choose_sure(model, parts["calibration"]))
    sampled = {
        name: random.Random(args.seed).sample(part, min(len(part), SPAN_EVALUATED)) for name, part in parts.items()
    }
    model = replace(model, span_threshold=choose_span_threshold(model, paragraphs, sampled["calibration"], weights))
    model = replace(model, cross_lingual=replace(cross, span=model.span, span_threshold=1.0))
    follow_up = train_follow_up(paragraphs, questions, split, embedders, weights, args.cache, args.seed, model)
    model = replace(model, follow_up=follow_up)
    print(
        f"threshold {threshold:.2f}, span threshold {model.span_threshold:.2f}, cross-lingual threshold "
        f"{cross.threshold:.2f}; alone from {model.sure:.2f}, across languages {cross.sure:.2f} (chosen on calibration)"
    )
    held_out = {}
    for name in ("calibration", "test"):
        print_figures(f"PQuAD {name}", model, parts[name])
        print_figures(f"PQuAD {name}, asked in other words", model, other_words[name])
        print_span_figures(f"PQuAD {name} (sample of {SPAN_EVALUATED})", model, paragraphs, sampled[name], weights)
    held_out["pquad_test"] = curve(model, parts["test"])
    held_out["pquad_test_in_other_words"] = curve(model, other_words["test"])
    if args.persianqa.exists():
        qa_paragraphs, qa_questions = load(args.persianqa)
        qa_weights = CorpusWeights([search_text(p.title, p.text) for p in qa_paragraphs])
        qa_pools = build_pools(qa_paragraphs, qa_questions, embedders, qa_weights, args.cache, args.seed)
        print_figures("PersianQA test", model, qa_pools)
        qa_reworded = build_pools(
            qa_paragraphs, qa_questions, embedders, qa_weights, args.cache, args.seed, in_other_words=True
        )
        print_figures("PersianQA test, asked in other words", model, qa_reworded)
        qa_sample = random.Random(args.seed).sample(qa_pools, min(len(qa_pools), SPAN_EVALUATED))
        print_span_figures(f"PersianQA test (sample of {SPAN_EVALUATED})", model, qa_paragraphs, qa_sample, qa_weights)
        held_out["persianqa_test"] = curve(model, qa_pools)
        held_out["persianqa_test_in_other_words"] = curve(model, qa_reworded)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    artifact = {
        "trained_on": f"PQuAD validation (CC BY-SA 4.0), train titles, seed {args.seed}",
        "held_out": held_out,
        "reader": model.to_json(),
    }
    args.out.write_text(json.dumps(artifact, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
