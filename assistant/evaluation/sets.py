"""The eval sets of `../shared/eval` (and the two SQuAD-format sets): their files, fields and the corpus each needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Shape = Literal["plain", "conversation", "quotes", "multi"]


@dataclass(frozen=True)
class Corpus:
    """The articles one index is built from: files under the shared folder (and the repo's seeds), or a SQuAD file
    converted to one article per paragraph (`squad_prefix` names its articles)."""

    name: str
    paths: tuple[str, ...] = ()
    with_seeds: bool = False
    squad_file: str = ""
    squad_prefix: str = ""
    squad_source: str = ""

    def files(self, shared: Path, repo: Path) -> list[Path]:
        """The corpus files to ingest (globs under the shared folder expanded, sorted), the seeds last; a
        FileNotFoundError names a pattern that matches nothing."""
        found = []
        for pattern in self.paths:
            matches = sorted(shared.glob(pattern))
            if not matches:
                raise FileNotFoundError(f"corpus {self.name}: no file under {shared} matches {pattern}")
            found += matches
        return found + ([repo / "seeds"] if self.with_seeds else [])


@dataclass(frozen=True)
class EvalSet:
    """A question set: its file, the corpus its gold articles are in, and the field that holds each language's
    question (for a conversation: the list of turns, the last one scored)."""

    name: str
    corpus: str
    path: str
    languages: dict[str, str] = field(default_factory=lambda: {"fa": "question", "en": "question_en"})
    shape: Shape = "plain"
    squad: bool = False
    sample: int = 0
    seed: int = 0


CORPORA: dict[str, Corpus] = {
    corpus.name: corpus
    for corpus in (
        Corpus("fars", paths=("corpus/farsnews/*.json",), with_seeds=True),
        Corpus("bbc", paths=("corpus/bbc/*.jsonl",)),
        Corpus(
            "pquad",
            squad_file="eval/pquad/Validation.json",
            squad_prefix="pquad",
            squad_source="PQuAD (Persian Wikipedia)",
        ),
        Corpus(
            "persianqa",
            squad_file="data/persianqa/pqa_test.json",
            squad_prefix="persianqa",
            squad_source="PersianQA (Persian Wikipedia)",
        ),
    )
}
"""Every corpus an eval set is answered from, by the name `--index-of` uses."""

SETS: dict[str, EvalSet] = {
    spec.name: spec
    for spec in (
        EvalSet("facts-dev", "fars", "eval/facts-dev.jsonl"),
        EvalSet("meetings-dev", "fars", "eval/meetings-dev.jsonl"),
        EvalSet("paraphrase-dev", "fars", "eval/paraphrase-dev.jsonl"),
        EvalSet("multi-dev", "fars", "eval/multi-dev.jsonl", shape="multi"),
        EvalSet("followup-dev", "fars", "eval/followup-dev.jsonl", {"fa": "turns", "en": "turns_en"}, "conversation"),
        EvalSet("quotes-dev", "fars", "eval/quotes-dev.jsonl", shape="quotes"),
        EvalSet("bbc-dev", "bbc", "eval/bbc-dev.jsonl", {"en": "question", "fa": "question_fa"}),
        # 1,000 of PQuAD's 5,995 answerable validation questions, seed 0: the sample docs/quality.md has used since
        # 2026-11-28 (all 5,995 take an hour per mode here).
        EvalSet("pquad", "pquad", "eval/pquad/Validation.json", {"fa": "question"}, squad=True, sample=1000),
        EvalSet("persianqa", "persianqa", "data/persianqa/pqa_test.json", {"fa": "question"}, squad=True),
    )
}
"""Every set `khabar eval --set` knows, in the order `khabar eval` runs them."""


def set_for_file(path: Path) -> EvalSet:
    """The known set a question file is (by its name), else a plain set of Persian and English questions."""
    known = SETS.get(path.stem)
    if known and not known.squad:
        return EvalSet(known.name, known.corpus, str(path), known.languages, known.shape)
    return EvalSet(path.stem, "", str(path))
