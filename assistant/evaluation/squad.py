"""SQuAD-format files (PQuAD, PersianQA) as an eval corpus and question set, converted as `pquad_to_jsonl.py` does."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path


class SquadFormatError(ValueError):
    """A SQuAD-format file that cannot be converted, naming the file and the field."""


@dataclass(frozen=True)
class SquadSet:
    """One article per context paragraph, and the answerable questions with their answers as keywords."""

    corpus: list[dict]
    questions: list[dict]


def convert(path: Path, prefix: str, source: str, sample: int = 0, seed: int = 0) -> SquadSet:
    """The paragraphs as articles `PREFIX-N` and the answerable questions (a seeded sample of `sample` when > 0).

    Unanswerable questions are left out, as `pquad_to_jsonl.py` does: unanswerable from their paragraph is not
    unanswerable from the whole corpus, so they say nothing about refusal."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise SquadFormatError(f"{path}: not a SQuAD-format file with a 'data' list: {error}") from error
    try:
        corpus, questions = _rows(data, prefix, source)
    except (KeyError, TypeError, AttributeError) as error:
        raise SquadFormatError(f"{path}: an article, paragraph or question lacks the field {error}") from error
    if sample:
        random.Random(seed).shuffle(questions)
        questions = questions[:sample]
    return SquadSet(corpus, questions)


def _rows(data: list, prefix: str, source: str) -> tuple[list[dict], list[dict]]:
    """The articles and answerable questions of SQuAD's `data` list."""
    corpus: list[dict] = []
    questions: list[dict] = []
    for article in data:
        for paragraph in article.get("paragraphs", []):
            doc_id = f"{prefix}-{len(corpus)}"
            corpus.append({"id": doc_id, "title": article["title"], "text": paragraph["context"], "source": source})
            for qa in paragraph.get("qas", []):
                if qa.get("is_impossible") or not qa.get("answers"):
                    continue
                keywords = sorted({a["text"].strip() for a in qa["answers"] if a["text"].strip()})
                questions.append(
                    {"id": f"{prefix}-q{qa['id']}", "question": qa["question"], "answer_keywords": keywords,
                     "article": doc_id}
                )  # fmt: skip
    return corpus, questions


def write_corpus(squad: SquadSet, path: Path) -> Path:
    """The corpus as a JSONL file the loaders read (one article per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for row in squad.corpus:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
