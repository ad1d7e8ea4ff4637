"""Checks each sentence of a generated reply against the passage it cites, correcting or removing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.answer import Passage, Unsupported
from assistant.answering.verification.claims import parse_claim
from assistant.answering.verification.entailment import (
    TRIGRAM_COVERAGE,
    EntailmentModel,
    pair_features,
    state_features,
    token_states,
)
from assistant.answering.verification.facts import (
    Evidence,
    dictionary_terms,
    foreign_terms,
    missing_facts,
    novel_terms,
    passage_words,
)
from index.embeddings.base import Embedder
from index.store.lexical import LexicalIndex
from index.text.sentences import split_sentences
from index.text.tokens import ARABIC_SCRIPT

_LATIN_LETTER = re.compile(r"[A-Za-z]")
SHORTLIST = 3  # windows per passage given e5 features: bounds a sentence's check to ~10 texts read by e5 (~0.3 s/core)
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
    """Holds what every check needs: the entailment head, the embedder of its e5 features, and the index's term
    frequencies (to spot names)."""

    def __init__(self, model: EntailmentModel, embedder: Embedder, lexical: LexicalIndex | None = None) -> None:
        if embedder.name.split()[0] != model.embedder:
            raise ValueError(
                f"the entailment model was trained on {model.embedder} vectors. Currently, the embedder is "
                f"{embedder.name}"
            )
        self.model = model
        self.embedder = embedder
        self.lexical = lexical

    def session(self, question: str, passages: list[Passage]) -> ReplyCheck:
        """A check of one reply to `question`, written from these numbered passages."""
        return ReplyCheck(self, question, passages)


class ReplyCheck:
    """Checks the sentences of one reply as they come; passages are cut into windows once, on first use."""

    def __init__(self, verifier: Verifier, question: str, passages: list[Passage]) -> None:
        self.verifier = verifier
        self.question = question
        self.language = language_of(question)
        self.passages = passages
        self.evidence = [Evidence.of(p.text) for p in passages]
        self.words = [passage_words(p.text) for p in passages]
        self._states: dict[int, np.ndarray] = {}

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

    def embed_next(self) -> bool:
        """Read the question, then one more window, with e5 ahead of need (while the model reads its prompt); False
        once all are read."""
        if "_question_states" not in vars(self):
            _ = self._question_states
            return True
        fresh = next((i for i in range(len(self.windows)) if i not in self._states), None)
        if fresh is None:
            return False
        self._states[fresh] = token_states(self.verifier.embedder, [self.windows[fresh].text])[0]
        return True

    def check(self, raw: str) -> Supported | Unsupported | None:
        """The verdict on one reply sentence (None for a piece with no words, such as a stray marker). A sentence
        whose markers are missing or wrong is re-pointed at the passage that supports it best, else removed."""
        claim = parse_claim(raw)
        if not re.search(r"[^\W\d_]", claim.text):
            return None
        if language_of(claim.text) != self.language:
            return Unsupported(claim.text, f"language: written in {language_of(claim.text)}, asked in {self.language}")
        if claim.text.endswith(("?", "؟")):
            return Unsupported(claim.text, "question: the sentence asks instead of answering")
        sentence = Evidence.of(claim.text)
        ordinary = dictionary_terms(claim.text)
        problems = {index: self._missing(sentence, index, ordinary) for index in range(len(self.passages))}
        scores, restated = self._scores(claim.text)
        threshold = self.verifier.model.threshold
        supporting = [i for i in range(len(self.passages)) if not problems[i] and scores[i][0] >= threshold]
        if supporting and restated >= max(scores[i][0] for i in supporting):
            return Unsupported(claim.text, f"restates: the question entails it ({restated:.2f}) as well as any passage")
        cited = [n - 1 for n in claim.cited if 0 < n <= len(self.passages)]
        for index in cited:
            if index in supporting:
                return self._supported(claim.text, index, scores[index], corrected=False)
        if supporting:
            best = max(supporting, key=lambda i: scores[i][0])
            return self._supported(claim.text, best, scores[best], corrected=True)
        if not claim.cited:
            return Unsupported(claim.text, "no_marker: the sentence cites no passage, and none supports it")
        if not cited:
            return Unsupported(claim.text, f"unknown_marker: {list(claim.cited)} cite no passage shown")
        first = cited[0]
        if problems[first]:
            return Unsupported(claim.text, f"facts: {', '.join(problems[first])} not in passage [{first + 1}]")
        return Unsupported(
            claim.text, f"not_entailed: passage [{first + 1}] scores {scores[first][0]:.2f} < {threshold:.2f}"
        )

    def _missing(self, sentence: Evidence, index: int, ordinary: set[str]) -> list[str]:
        """The numbers, dates and names of the sentence that passage `index` does not hold; a term unknown to the
        index counts as made up unless it is an `ordinary` (dictionary) word."""
        missing = missing_facts(sentence, self.evidence[index], self.words[index])
        novel = novel_terms(sentence, self.evidence[index])
        if novel and self.verifier.lexical is not None:
            frequencies = self.verifier.lexical.frequencies(sorted(novel))
            unknown = {term for term, count in frequencies.items() if count == 0} - ordinary
            rare = set(self.verifier.lexical.rare_terms(sorted(novel), RARE_SHARE))
            elsewhere = set().union(*(e.terms for i, e in enumerate(self.evidence) if i != index))
            missing += foreign_terms(novel, elsewhere, unknown, rare)
        return missing

    @cached_property
    def _question_states(self) -> np.ndarray:
        """The question's e5 token states, read once per reply (none for a check without a question)."""
        return token_states(self.verifier.embedder, [self.question])[0] if self.question.strip() else np.zeros((0, 1))

    def _scores(self, text: str) -> tuple[list[tuple[float, int, int]], float]:
        """Per passage: the best entailment probability over its windows, and that window's span; and how much the
        question alone entails the sentence (an answer must say more than its question). Only each passage's
        SHORTLIST windows closest in letters get the e5 features (each window read once per reply). A sentence the
        question entails at least as well as every passage only restates it: it says nothing the sources added."""
        best = [(0.0, 0, len(p.text)) for p in self.passages]
        if not self.windows:
            return best, 0.0
        lexical = np.stack([pair_features(window.text, text) for window in self.windows])
        chosen = []
        for index in range(len(self.passages)):
            mine = [i for i, window in enumerate(self.windows) if window.passage == index]
            chosen += sorted(mine, key=lambda i: -lexical[i, TRIGRAM_COVERAGE])[:SHORTLIST]
        fresh = [i for i in chosen if i not in self._states]
        states = token_states(self.verifier.embedder, [text] + [self.windows[i].text for i in fresh])
        self._states.update(zip(fresh, states[1:], strict=True))
        semantic = np.stack([state_features(self._states[i], states[0]) for i in chosen])
        rows = np.hstack([lexical[chosen], semantic])
        if len(self._question_states):
            question = pair_features(self.question, text), state_features(self._question_states, states[0])
            rows = np.vstack([rows, np.hstack(question)])
        probabilities = self.verifier.model.probability(rows)
        for i, probability in zip(chosen, probabilities, strict=False):
            window = self.windows[i]
            if probability > best[window.passage][0]:
                best[window.passage] = (float(probability), window.start, window.end)
        return best, float(probabilities[-1]) if len(probabilities) > len(chosen) else 0.0

    def _supported(self, text: str, index: int, score: tuple[float, int, int], corrected: bool) -> Supported:
        """The verdict for a supported sentence."""
        return Supported(text, index, score[1], score[2], score[0], corrected)
