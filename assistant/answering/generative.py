"""Generative answers: a chat model writes from numbered passages, and each sentence is shown once verified.

The model is any LangChain chat model (an OpenAI-compatible server or Ollama). Its reply is cut into sentences as
tokens arrive; each must cite a passage that supports it (see `verification`), is corrected to one that does, or is
removed and listed in `unsupported`. A model that fails (down, slow, an error) or writes nothing supported gives way
to the extractive answer, with a one-line notice; never an error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, replace

from assistant.answer import Citation, Passage, Unsupported
from assistant.answering.base import Answerer, Draft
from assistant.answering.generative_model import LLMSettings
from assistant.answering.generative_prompt import DECLINED, prompt_messages
from assistant.answering.generative_reply import ModelFailure, ReplyStream
from assistant.answering.verification.claims import SentenceCutter, parse_claim
from assistant.answering.verification.verifier import ReplyCheck, Supported, Verifier, language_of
from assistant.query.prepared import Query

log = logging.getLogger("khabar.generative")

_NOTICES = {
    "failed": {
        "fa": "مدل زبانی پاسخ نداد ({why})؛ پاسخ استخراجی از متن خبرها نشان داده شده است.",
        "en": "The language model did not answer ({why}); showing the extractive answer from the news text.",
    },
    "stopped": {
        "fa": "مدل زبانی در میانهٔ پاسخ متوقف شد ({why})؛ جمله‌های سنجیده‌شده تا آنجا نشان داده شده است.",
        "en": "The language model stopped mid-reply ({why}); the sentences verified up to then are shown.",
    },
    "unsupported": {
        "fa": "هیچ جملهٔ پاسخ مدل زبانی را منابع تأیید نکردند؛ پاسخ استخراجی نشان داده شده است.",
        "en": "No sentence of the language model's reply was supported by the sources; showing the extractive answer.",
    },
}


@dataclass(frozen=True)
class Token:
    """Text as the model wrote it (not yet verified: never shown as the answer)."""

    text: str


@dataclass(frozen=True)
class Verified:
    """A sentence that passed verification, with its marker as the answer shows it."""

    text: str


@dataclass(frozen=True)
class Removed:
    """A sentence taken out of the reply, and why."""

    item: Unsupported


@dataclass(frozen=True)
class Final:
    """The end of a stream: the draft (None when every answerer declined)."""

    draft: Draft | None


StreamEvent = Token | Verified | Removed | Final


class _Numbering:
    """Markers numbered by the order articles are first cited, as in extractive answers."""

    def __init__(self) -> None:
        self.by_article: dict[str, int] = {}

    def of(self, passage: Passage) -> int:
        """The marker of this passage's article."""
        return self.by_article.setdefault(passage.article_id, len(self.by_article) + 1)


class GenerativeAnswerer:
    """Answers with a chat model's verified sentences, or with the fallback answerers' draft and a notice."""

    name = "generative"

    def __init__(
        self, model_factory: Callable[[], object], verifier: Verifier, fallback: list[Answerer], settings: LLMSettings
    ) -> None:
        self._model_factory = model_factory
        self._model = None
        self._building = threading.Lock()
        threading.Thread(target=self._warm, daemon=True, name="khabar-llm-build").start()
        self.verifier = verifier
        self.fallback = fallback
        self.settings = settings

    def answer(self, query: Query, passages: list[Passage]) -> Draft | None:
        """The verified draft (or the fallback's), without the stream's steps."""
        for event in self.stream(query, passages):
            if isinstance(event, Final):
                return event.draft
        return None

    def stream(self, query: Query, passages: list[Passage]) -> Iterator[StreamEvent]:
        """Tokens, each sentence verified or removed as it completes, then the Final draft, all within the timeout."""
        shown = passages[: self.settings.passages]
        language = language_of(query.text)
        if not shown:
            yield Final(self._fallback(self._extractive(query, passages), "", []))
            return
        reply = ReplyStream(self._chat_model, prompt_messages(query.text, shown), self.settings.timeout)
        # while the model reads its prompt: the extractive draft is written (a fallback then costs nothing) and the
        # verifier embeds the passages' windows until the first token (the first sentence is then checked at once)
        check = self.verifier.session(query.text, shown)
        extractive = self._extractive(query, passages)
        while reply.waiting() and check.embed_next():
            pass
        cutter, numbering = SentenceCutter(), _Numbering()
        kept: list[tuple[Supported, int]] = []
        removed: list[Unsupported] = []
        try:
            for text in reply:
                yield Token(text)
                for sentence in cutter.feed(text):
                    yield from self._judge(check, sentence, numbering, kept, removed)
        except ModelFailure as failure:
            log.warning("language model failed (%s)", failure)
            if kept:  # sentences already verified and shown stay; the reply just ends there
                stopped = _NOTICES["stopped"][language].format(why=str(failure))
                yield Final(replace(self._draft(kept, removed, shown, passages), notice=stopped))
                return
            notice = _NOTICES["failed"][language].format(why=str(failure))
            yield Final(self._fallback(extractive, notice, []))
            return
        for sentence in cutter.flush():
            yield from self._judge(check, sentence, numbering, kept, removed)
        if not kept:
            yield Final(self._fallback(extractive, _NOTICES["unsupported"][language], removed))
            return
        yield Final(self._draft(kept, removed, shown, passages))

    def _warm(self) -> None:
        """Build the chat model ahead of the first question (its client import takes seconds on a busy machine)."""
        with suppress(ModelFailure):  # told on the first question, when it is built again
            self._chat_model()

    def _chat_model(self):
        """The chat model, built once on first use (on the reply's worker); ModelFailure when it cannot be."""
        with self._building:
            if self._model is None:
                try:
                    self._model = self._model_factory()
                except Exception as error:  # any construction failure: answered extractively, with the reason
                    raise ModelFailure(f"cannot use the model: {type(error).__name__}") from error
            return self._model

    def _judge(
        self,
        check: ReplyCheck,
        sentence: str,
        numbering: _Numbering,
        kept: list[tuple[Supported, int]],
        removed: list[Unsupported],
    ) -> Iterator[StreamEvent]:
        """Verify one sentence: a Verified event with its marker, or a Removed one (the model's "not found" too)."""
        said = parse_claim(sentence).text
        declined = said.rstrip(".!?؟ ").lower() in DECLINED
        verdict = Unsupported(said, "declined: the model found no answer in the passages") if declined else None
        verdict = verdict or check.check(sentence)
        if isinstance(verdict, Supported):
            n = numbering.of(check.passages[verdict.passage])
            kept.append((verdict, n))
            yield Verified(f"{verdict.text} [{n}]")
        elif isinstance(verdict, Unsupported):
            removed.append(verdict)
            yield Removed(verdict)

    def _draft(
        self,
        kept: list[tuple[Supported, int]],
        removed: list[Unsupported],
        shown: list[Passage],
        passages: list[Passage],
    ) -> Draft:
        """The verified sentences with their citations; the cited passages first."""
        citations = []
        for verdict, n in kept:
            passage = shown[verdict.passage]
            quote = passage.text[verdict.start : verdict.end].strip()
            start, end = passage.start + verdict.start, passage.start + verdict.end
            citations.append(
                Citation(n, passage.article_id, passage.chunk_id, passage.title, passage.source, passage.published,
                         passage.url, quote, start, end)
            )  # fmt: skip
        cited = {shown[verdict.passage].chunk_id for verdict, _ in kept}
        ordered = [p for p in passages if p.chunk_id in cited] + [p for p in passages if p.chunk_id not in cited]
        text = " ".join(f"{verdict.text} [{n}]" for verdict, n in kept)
        return Draft(text, citations, ordered, self.name, list(removed))

    def _extractive(self, query: Query, passages: list[Passage]) -> Draft | None:
        """The first fallback answerer's draft (None when they all decline)."""
        for answerer in self.fallback:
            draft = answerer.answer(query, passages)
            if draft is not None:
                return draft
        return None

    @staticmethod
    def _fallback(draft: Draft | None, notice: str, removed: list[Unsupported]) -> Draft | None:
        """The extractive draft, marked with the notice and what was removed."""
        return None if draft is None else replace(draft, notice=notice, unsupported=list(removed))
