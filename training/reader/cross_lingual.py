"""Calibrate the cross-lingual reader's refusal on questions asked across languages:
`python -m training.reader.cross_lingual --index-of fars=DIR [--index-of bbc=DIR]`.

PQuAD has no question in another language than its paragraphs, and across languages e5's similarities run far
closer together than within one, so the threshold chosen on PQuAD refuses nearly every English question over
Persian news. This picks the cross-lingual threshold on the English questions of the FarsNews dev sets (the one
set of real cross-lingual questions there is), as the threshold that handles the most of them right, prints the
curve on them and on the BBC dev set's Persian questions (another corpus, the other direction) as a check, and
writes it into the reader artifact.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.reader_model import MODEL_PATH, ReaderModel, load_reader_model
from assistant.config import index_settings
from assistant.evaluation.metrics import contains
from assistant.query.terms import question_terms
from assistant.retrieval.hybrid import HybridRetriever
from index.embeddings import make_embedder
from index.news_index import NewsIndex

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CHOSEN_ON = {"fars": (("facts-dev", "question_en"), ("paraphrase-dev", "question_en"), ("multi-dev", "question_en"))}
CHECKED_ON = {"bbc": (("bbc-dev", "question_fa"),)}
GRID = np.round(np.concatenate([np.arange(0.001, 0.02, 0.001), np.arange(0.02, 0.3, 0.01)]), 3)


@dataclass(frozen=True)
class Asked:
    """One cross-lingual question: unanswerable or not, and, per threshold, whether it was answered and right."""

    unanswerable: bool
    answered: np.ndarray
    right: np.ndarray


def ask_all(index_dir: Path, sets: tuple[tuple[str, str], ...], reader: ReaderModel, shared: Path) -> list[Asked]:
    """Every question of the sets, asked in the given field, answered by the reader at each threshold of GRID."""
    news_index = NewsIndex(index_settings(index_dir, None, None))
    embedder = make_embedder(news_index.settings.embedder)
    retriever = HybridRetriever(news_index, embedder)
    answerer = ExtractiveAnswerer(embedder, news_index.lexical, news_index.vectors, reader=reader)
    readers = [replace(reader.cross_lingual, threshold=float(t)) for t in GRID]
    found = []
    for name, field in sets:
        for line in (shared / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not row.get(field):
                continue
            query = retriever.prepare(row[field])
            passages = retriever.search(query, k=5)
            question = question_terms(query.normalized, news_index.lexical)
            candidates = answerer.candidates(query, passages, question)
            drafts = [answerer.compose(query, passages, question, candidates, r) for r in readers]
            keywords = row.get("answer_keywords") or []
            right = [d is not None and contains(d.text, keywords, row.get("match", "any")) for d in drafts]
            found.append(
                Asked(bool(row.get("unanswerable")), np.array([d is not None for d in drafts]), np.array(right))
            )
        print(f"{name} ({field}): {len(found)} questions so far", flush=True)
    news_index.close()
    return found


def handled(asked: list[Asked]) -> np.ndarray:
    """Per threshold of GRID: the share answered right (answerable) or refused (unanswerable)."""
    return np.mean([a.right if not a.unanswerable else ~a.answered for a in asked], axis=0)


def print_curve(name: str, asked: list[Asked], chosen: float) -> None:
    """Answered-right, refused and handled shares at a few thresholds and the chosen one, as a Markdown table."""
    answerable = [a for a in asked if not a.unanswerable]
    unanswerable = [a for a in asked if a.unanswerable]
    print(f"\n{name}: {len(answerable)} answerable, {len(unanswerable)} unanswerable")
    print("| threshold | answered right | unanswerable refused | handled right |\n| --- | --- | --- | --- |")
    whole = handled(asked)
    for i, t in enumerate(GRID):
        if t in (0.002, 0.005, 0.01, 0.02, 0.05, 0.1) or t == chosen:
            right = 100 * np.mean([a.right[i] for a in answerable])
            refused = 100 * np.mean([not a.answered[i] for a in unanswerable]) if unanswerable else float("nan")
            mark = " (chosen)" if t == chosen else ""
            print(f"| {t:.3f}{mark} | {right:.1f} | {refused:.1f} | {100 * whole[i]:.1f} |")


def main() -> None:
    """Ask, choose, check, write."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-of", action="append", default=[], metavar="CORPUS=DIR", required=True)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    indexes = dict(item.split("=", 1) for item in args.index_of)
    if "fars" not in indexes:
        raise SystemExit("--index-of fars=DIR is needed: the threshold is chosen on the FarsNews dev sets")
    reader = load_reader_model(args.model)
    if reader.cross_lingual is None:
        raise SystemExit(f"{args.model}: no cross-lingual reader to calibrate; run `python -m training.reader`")
    chosen_on = ask_all(Path(indexes["fars"]), CHOSEN_ON["fars"], reader, args.shared)
    scores = handled(chosen_on)
    chosen = float(GRID[int(np.argmax(scores))])  # the first (lowest) of equals: answer rather than refuse
    print_curve("chosen on: FarsNews dev sets, English questions", chosen_on, chosen)
    if "bbc" in indexes:
        print_curve(
            "check: BBC dev set, Persian questions",
            ask_all(Path(indexes["bbc"]), CHECKED_ON["bbc"], reader, args.shared),
            chosen,
        )
    artifact = json.loads(args.model.read_text(encoding="utf-8"))
    artifact["reader"]["cross_lingual"]["threshold"] = chosen
    artifact["cross_lingual_threshold"] = (
        f"{chosen} chosen on the English questions of facts-dev, paraphrase-dev, multi-dev"
    )
    args.model.write_text(json.dumps(artifact, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\ncross-lingual threshold {chosen}: written to {args.model}")


if __name__ == "__main__":
    main()
