"""Checks each sentence of a generated reply against the passage it cites, correcting or removing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.answer import Passage, Unsupported
from assistant.answering.verification.claims import parse_claim
from assistant.answering.verification.entailment import EntailmentModel, pair_features
from assistant.answering.verification.facts import (
    Evidence,
    foreign_terms,
    missing_facts,
    novel_terms,
    passage_words,
)
from index.store.lexical import LexicalIndex
from index.text.sentences import split_sentences
from index.text.tokens import ARABIC_SCRIPT

_LATIN_LETTER = re.compile(r"[A-Za-z]")
RARE_SHARE = 0.01  # a term in at most 1 % of chunks is specific: the extractive reader's setting for rare terms


@dataclass(frozen=True)
class Supported:
    """A sentence that passed: its text, the passage (0-based) that supports it, the supporting span, the score."""

    text: str
    passage: int
    start: int
    end: int
    score: float
    corrected: bool


@dataclass(frozen=True)
class _Window:
    """One or two consecutive sentences of a passage: where they are, and their facts."""

    passage: int
    start: int
    end: int
    text: str


def language_of(text: str) -> str:
    """'fa' when Persian-script letters outnumber Latin ones, else 'en'."""
    return "fa" if len(ARABIC_SCRIPT.findall(text)) >= len(_LATIN_LETTER.findall(text)) else "en"


class Verifier:
    """Holds what every check needs: the entailment head and the index's term frequencies (to spot names)."""

    def __init__(self, model: EntailmentModel, lexical: LexicalIndex | None = None) -> None:
        self.model = model
        self.lexical = lexical

    def session(self, question: str, passages: list[Passage]) -> ReplyCheck:
        """A check of one reply to `question`, written from these numbered passages."""
        return ReplyCheck(self, language_of(question), passages)


class ReplyCheck:
    """Checks the sentences of one reply as they come; passages are cut into windows once, on first use."""

    def __init__(self, verifier: Verifier, language: str, passages: list[Passage]) -> None:
        self.verifier = verifier
        self.language = language
        self.passages = passages
        self.evidence = [Evidence.of(p.text) for p in passages]
        self.words = [passage_words(p.text) for p in passages]

    @cached_property
    def windows(self) -> list[_Window]:
        """Each sentence of each passage, and each pair of consecutive sentences."""
        windows: list[_Window] = []
        for index, passage in enumerate(self.passages):
            spans = split_sentences(passage.text) or []
            for i, span in enumerate(spans):
                windows.append(_Window(index, span.start, span.end, passage.text[span.start : span.end]))
                if i + 1 < len(spans):
                    end = spans[i + 1].end
                    windows.append(_Window(index, span.start, end, passage.text[span.start : end]))
        return windows

    def prepare(self) -> None:
        """Cut the passages into windows now, before the first sentence arrives."""
        _ = self.windows

    def check(self, raw: str) -> Supported | Unsupported | None:
        """The verdict on one reply sentence (None for a piece with no words, such as a stray marker)."""
        claim = parse_claim(raw)
        if not re.search(r"[^\W\d_]", claim.text):
            return None
        if language_of(claim.text) != self.language:
            return Unsupported(claim.text, f"language: written in {language_of(claim.text)}, asked in {self.language}")
        if not claim.cited:
            return Unsupported(claim.text, "no_marker: the sentence cites no passage")
        sentence = Evidence.of(claim.text)
        problems = {index: self._missing(sentence, index) for index in range(len(self.passages))}
        scores = self._scores(claim.text)
        cited = [n - 1 for n in claim.cited if 0 < n <= len(self.passages)]
        threshold = self.verifier.model.threshold
        for index in cited:
            if not problems[index] and scores[index][0] >= threshold:
                return self._supported(claim.text, index, scores[index], corrected=False)
        others = [i for i in range(len(self.passages)) if not problems[i] and scores[i][0] >= threshold]
        if others:
            best = max(others, key=lambda i: scores[i][0])
            return self._supported(claim.text, best, scores[best], corrected=True)
        if not cited:
            return Unsupported(claim.text, f"unknown_marker: {list(claim.cited)} cite no passage shown")
        first = cited[0]
        if problems[first]:
            return Unsupported(claim.text, f"facts: {', '.join(problems[first])} not in passage [{first + 1}]")
        return Unsupported(
            claim.text, f"not_entailed: passage [{first + 1}] scores {scores[first][0]:.2f} < {threshold:.2f}"
        )

    def _missing(self, sentence: Evidence, index: int) -> list[str]:
        """The numbers, dates and names of the sentence that passage `index` does not hold."""
        missing = missing_facts(sentence, self.evidence[index], self.words[index])
        novel = novel_terms(sentence, self.evidence[index])
        if novel and self.verifier.lexical is not None:
            frequencies = self.verifier.lexical.frequencies(sorted(novel))
            unknown = {term for term, count in frequencies.items() if count == 0}
            rare = set(self.verifier.lexical.rare_terms(sorted(novel), RARE_SHARE))
            elsewhere = set().union(*(e.terms for i, e in enumerate(self.evidence) if i != index))
            missing += foreign_terms(novel, elsewhere, unknown, rare)
        return missing

    def _scores(self, text: str) -> list[tuple[float, int, int]]:
        """Per passage: the best entailment probability over its windows, and that window's span."""
        best = [(0.0, 0, len(p.text)) for p in self.passages]
        if not self.windows:
            return best
        rows = np.stack([pair_features(window.text, text) for window in self.windows])
        for window, probability in zip(self.windows, self.verifier.model.probability(rows), strict=True):
            if probability > best[window.passage][0]:
                best[window.passage] = (float(probability), window.start, window.end)
        return best

    def _supported(self, text: str, index: int, score: tuple[float, int, int], corrected: bool) -> Supported:
        """The verdict for a supported sentence."""
        return Supported(text, index, score[1], score[2], score[0], corrected)
