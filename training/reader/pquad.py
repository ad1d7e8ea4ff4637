"""PQuAD (SQuAD format) read into paragraphs, sentences and questions, split by article title."""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

from index.text.sentences import split_sentences
from index.text.spans import Span

SPLITS = ("train", "calibration", "test")
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def training_arguments(description: str, out: Path) -> argparse.Namespace:
    """The command line every PQuAD-trained head takes: the data files, the seed, the vector cache, the artifact."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--pquad", type=Path, default=SHARED / "eval" / "pquad" / "Validation.json")
    parser.add_argument("--persianqa", type=Path, default=SHARED / "data" / "persianqa" / "pqa_test.json")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khabar-reader"), help="e5 vectors computed once")
    parser.add_argument("--out", type=Path, default=out)
    return parser.parse_args()


@dataclass(frozen=True)
class Paragraph:
    """One context paragraph of an article, with its sentence spans."""

    index: int
    title: str
    text: str
    sentences: tuple[Span, ...]


@dataclass(frozen=True)
class Question:
    """A question over one paragraph, with its gold answer spans (none when unanswerable)."""

    id: str
    text: str
    paragraph: int
    title: str
    answers: tuple[tuple[int, int, str], ...]


def load(path: Path) -> tuple[list[Paragraph], list[Question]]:
    """The paragraphs and questions of a SQuAD-format file; a missing or malformed file says which."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(f"{path}: not a readable SQuAD-format file ({error})") from error
    paragraphs: list[Paragraph] = []
    questions: list[Question] = []
    for article in data:
        for item in article["paragraphs"]:
            context = item["context"]
            paragraph = Paragraph(len(paragraphs), article["title"], context, tuple(split_sentences(context)))
            paragraphs.append(paragraph)
            for qa in item["qas"]:
                answers = () if qa.get("is_impossible") else tuple(
                    (a["answer_start"], a["answer_start"] + len(a["text"]), a["text"]) for a in qa["answers"]
                )  # fmt: skip
                questions.append(Question(str(qa["id"]), qa["question"], paragraph.index, article["title"], answers))
    return paragraphs, questions


def split_titles(titles: list[str], seed: int, shares: tuple[float, float] = (0.7, 0.15)) -> dict[str, str]:
    """Each article title assigned to train, calibration or test (70 / 15 / 15 of the titles), seeded."""
    ordered = sorted(set(titles))
    random.Random(seed).shuffle(ordered)
    first = round(shares[0] * len(ordered))
    second = first + round(shares[1] * len(ordered))
    return {title: SPLITS[0 if i < first else 1 if i < second else 2] for i, title in enumerate(ordered)}
