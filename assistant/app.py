"""The composition root every face calls: the assistant built from typed settings, answering with citations."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

from assistant.answer import NOT_FOUND_EN, NOT_FOUND_FA, Answer, Passage
from assistant.answering.base import Answerer, Draft
from assistant.answering.cache import AnswerCache
from assistant.answering.extractive import AnswerSettings, ExtractiveAnswerer
from assistant.answering.generative import Final, GenerativeAnswerer, StreamEvent
from assistant.answering.generative_model import LLMSettings, chat_model
from assistant.answering.meetings import MeetingAnswerer
from assistant.answering.quotes import QuoteAnswerer
from assistant.answering.verification.entailment import bundled_model, feature_embedder
from assistant.answering.verification.verifier import Verifier
from assistant.query.followup import follow_up
from assistant.query.prepared import AskedPart, Query
from assistant.retrieval.filters import SearchFilters
from assistant.retrieval.hybrid import HybridRetriever, Mode, RetrievalSettings
from index.catalog import chunk_holding
from index.embeddings.base import Embedder
from index.meetings.said import StatementRecord, named_elsewhere
from index.news_index import NewsIndex
from index.text.tokens import ARABIC_SCRIPT

MAX_QUESTION_CHARS = 1000
_LETTER = re.compile(r"[^\W\d_]")


class QuestionError(ValueError):
    """A question that cannot be answered as asked (empty, too long, no words)."""


def check_question(question: str) -> str:
    """The question stripped, or a QuestionError saying what is wrong with it."""
    stripped = (question or "").strip()
    if not stripped:
        raise QuestionError("question is empty.")
    if len(stripped) > MAX_QUESTION_CHARS:
        raise QuestionError(f"question is {len(stripped)} characters; the limit is {MAX_QUESTION_CHARS}.")
    if not _LETTER.search(stripped):
        raise QuestionError("question has no words.")
    return stripped


def not_found_text(question: str) -> str:
    """The refusal in the question's language."""
    return NOT_FOUND_FA if ARABIC_SCRIPT.search(question) else NOT_FOUND_EN


@dataclass(frozen=True)
class Retrieved:
    """The first step of a streamed answer: what was searched and the passages found."""

    searched: str
    passages: list[Passage]


Step = Retrieved | StreamEvent | Answer
"""What `Assistant.ask_stream` yields: Retrieved, then a streaming answerer's events, then the Answer."""


@dataclass(frozen=True)
class AssistantSettings:
    """How the assistant retrieves and answers: the answerers tried in order, the first draft wins."""

    retrieval: RetrievalSettings = field(default_factory=RetrievalSettings)
    answer: AnswerSettings = field(default_factory=AnswerSettings)
    answerers: tuple[str, ...] = ("meetings", "quotes", "extractive")
    cache_size: int = 512
    llm: LLMSettings = field(default_factory=LLMSettings)

    def __post_init__(self) -> None:
        unknown = [name for name in self.answerers if name not in ANSWERERS]
        if unknown or not self.answerers:
            raise ValueError(
                f"answerers must name one or more of {', '.join(ANSWERERS)}. Currently, answerers is {self.answerers}"
            )
        if "generative" in self.answerers and not self.llm.configured:
            raise ValueError("the generative answerer needs a model server: set KHABAR_LLM_URL")


def _speaker_named(
    news_index: NewsIndex, article_id: str, start: int, end: int
) -> tuple[StatementRecord, Passage] | None:
    """The statement of an article that names the speaker a sentence writes by title or pronoun, with its passage."""
    db = news_index.manifest.connection
    found = named_elsewhere(db, article_id, start, end)
    chunk_id = chunk_holding(db, article_id, found.start, found.end) if found else None
    record = news_index.manifest.records([chunk_id]).get(chunk_id) if chunk_id else None
    return (found, Passage.from_record(record, 1.0)) if found and record else None


AnswererFactory = Callable[[NewsIndex, Embedder, "AssistantSettings"], Answerer]

ANSWERERS: dict[str, AnswererFactory] = {
    "meetings": lambda news_index, embedder, settings: MeetingAnswerer(news_index, embedder),
    "quotes": lambda news_index, embedder, settings: QuoteAnswerer(news_index, embedder),
    "extractive": lambda news_index, embedder, settings: ExtractiveAnswerer(
        embedder, news_index.lexical, news_index.vectors, settings.answer, naming=partial(_speaker_named, news_index)
    ),
}
"""Every answerer by the name settings use for it; a new answerer is a module and an entry here."""

EXTRACTIVE_CHAIN = ("meetings", "quotes", "extractive")


def _generative(news_index: NewsIndex, embedder: Embedder, settings: AssistantSettings) -> GenerativeAnswerer:
    """The generative answerer, falling back on the extractive chain when the model fails or is not supported."""
    fallback = [ANSWERERS[name](news_index, embedder, settings) for name in EXTRACTIVE_CHAIN]
    verifier = Verifier(bundled_model(), feature_embedder(embedder), news_index.lexical)
    return GenerativeAnswerer(lambda: chat_model(settings.llm), verifier, fallback, settings.llm)


ANSWERERS["generative"] = _generative

AnswererMode = Literal["extractive", "generative", "auto"]


def answerers_for(mode: AnswererMode, llm: LLMSettings) -> tuple[str, ...]:
    """The answerer chain of `--answerer`: generative (its fallback is the extractive chain), extractive, or auto
    (generative when a model server is configured)."""
    if mode == "generative" or (mode == "auto" and llm.configured):
        return ("generative",)
    return EXTRACTIVE_CHAIN


class Assistant:
    """Answers questions over one opened index with one loaded embedder and a chain of answerers."""

    def __init__(self, news_index: NewsIndex, embedder: Embedder, settings: AssistantSettings | None = None) -> None:
        settings = settings or AssistantSettings()
        self.index = news_index
        self.retriever = HybridRetriever(news_index, embedder, settings.retrieval)
        self.answerers = [ANSWERERS[name](news_index, embedder, settings) for name in settings.answerers]
        self.cache = AnswerCache(settings.cache_size)

    def ask(
        self,
        question: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        history: list[str] | None = None,
    ) -> Answer:
        """Answer with real cited sentences, or say the news does not say and show the closest passages; a question
        asked again the same way, while the index has not changed, is answered from the cache."""
        *_, answer = self.ask_stream(question, k, filters, mode, history)
        assert isinstance(answer, Answer)
        return answer

    def ask_stream(
        self,
        question: str,
        k: int = 5,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        history: list[str] | None = None,
    ) -> Iterator[Step]:
        """`ask` as it happens: a streaming answerer's tokens and verified or removed sentences, then the Answer."""
        started = time.perf_counter()
        question = check_question(question)
        key = (question, k, filters, mode, tuple(history or ()))
        generation = self.index.manifest.generation
        answer = self.cache.get(key, generation)
        if answer is not None:
            yield Retrieved(answer.searched, answer.passages)
        else:
            for event in self._steps(question, k, filters, mode, history):
                if isinstance(event, Answer):
                    answer = event
                else:
                    yield event
            assert answer is not None
            if not answer.notice:  # a model that failed may answer next time
                self.cache.put(key, generation, answer)
        yield replace(answer, latency_ms=round((time.perf_counter() - started) * 1000, 1))

    def _search_part(self, query: Query, k: int, filters: SearchFilters, mode: Mode, reading: str) -> AskedPart:
        """One of the questions `query` asks, prepared and searched on its own as the whole question was."""
        part = self.retriever.prepare(reading, query.filtered)
        return AskedPart(part, tuple(self.retriever.search(part, k=k, filters=filters, mode=mode)))

    def _steps(
        self, question: str, k: int, filters: SearchFilters | None, mode: Mode, history: list[str] | None
    ) -> Iterator[Step]:
        """Retrieve, then let each answerer try in turn (streaming ones step by step); the Answer comes last."""
        filters = filters or SearchFilters()
        conversation = follow_up(question, history or [])
        filtered = not filters.empty
        query = self.retriever.prepare(question, filtered)
        searched = query
        if conversation.context:
            searched = self.retriever.prepare(conversation.search_text, filtered)
            query = replace(query, context=conversation.context, together=searched)
        passages = self.retriever.search(searched, k=k, filters=filters, mode=mode)
        if not conversation.context:
            query = replace(query, search_part=partial(self._search_part, query, k, filters, mode))
        shown = searched.normalized if ARABIC_SCRIPT.search(searched.text) else searched.text  # no «؟» in English
        undated = (
            self.index.manifest.undated_count(filters.source, filters.category) if filters.since or filters.until else 0
        )
        yield Retrieved(shown, passages)
        for answerer in self.answerers:
            draft: Draft | None = None
            stream = getattr(answerer, "stream", None)  # an answerer that writes step by step
            if stream is not None:
                for event in stream(query, passages):
                    if isinstance(event, Final):
                        draft = event.draft
                    else:
                        yield event
            else:
                draft = answerer.answer(query, passages)
            if draft is not None:
                yield Answer(
                    question, draft.text, True, draft.citations, draft.passages or passages, shown,
                    answerer=draft.answerer, undated_excluded=undated, unsupported=draft.unsupported,
                    notice=draft.notice,
                )  # fmt: skip
                return
        yield Answer(question, not_found_text(question), False, [], passages, shown, undated_excluded=undated)
