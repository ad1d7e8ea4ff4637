"""The OpenAI chat-completions shape: khabar as a "model" that chat front ends and portal widgets can call.

The last user message is the question and the earlier user messages are its history (for follow-ups); system and
assistant messages are ignored. The reply's text carries the [n] markers and a sources list; the whole answer
travels as the extra field `khabar` (the same fields as `POST /api/ask`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.answer import Answer
from assistant.answering.generative import Verified
from assistant.app import Step
from assistant.web.locale import labels_for
from assistant.web.stream import sentences_of

MODEL_ID = "khabar"


class ChatMessage(BaseModel):
    """One message of the conversation; content is text or a list of parts of which the text parts are read."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None

    @property
    def text(self) -> str:
        """The message's text."""
        if isinstance(self.content, list):
            return " ".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """A chat-completions request; sampling settings (temperature, max_tokens, ...) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(MODEL_ID, description=f"must be {MODEL_ID!r}")
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = False


def conversation(request: ChatRequest) -> tuple[str, list[str]]:
    """(question, earlier questions) from the user messages; ValueError when there is no user message."""
    asked = [m.text for m in request.messages if m.role == "user" and m.text.strip()]
    if not asked:
        raise ValueError("messages must contain a user message with text.")
    return asked[-1], asked[:-1][-20:]


def reply_text(answer: Answer) -> str:
    """The answer with its markers, then one line per source (title — agency, date — link)."""
    return answer.text + _sources_text(answer)


def _sources_text(answer: Answer) -> str:
    """What follows the answer's text: the notice, then its sources (or the closest passages), one per line."""
    labels = labels_for(answer.question)
    notice = f"\n\n({answer.notice})" if answer.notice else ""
    if not answer.found:
        lines = [f"- {p.title or p.article_id} — {p.source or labels.unknown_agency}" for p in answer.passages[:3]]
        return notice + (f"\n\n{labels.closest}\n" + "\n".join(lines) if lines else "")
    seen: dict[int, str] = {}
    for c in answer.citations:
        when = labels.day(c.published)
        seen.setdefault(
            c.n, f"[{c.n}] {c.title} — {c.source or labels.unknown_agency}, {when}" + (f" — {c.url}" if c.url else "")
        )
    return f"{notice}\n\n{labels.sources}:\n" + "\n".join(seen[n] for n in sorted(seen))


def completion(answer: Answer) -> dict[str, Any]:
    """A `chat.completion` object with the `khabar` extra field."""
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": reply_text(answer)}, "finish_reason": "stop"}
        ],
        "khabar": answer.to_dict(),
    }


def completion_chunks(steps: Iterable[Step]) -> Iterator[dict[str, Any]]:
    """`chat.completion.chunk` objects: the role, each sentence once verified (a whole answer when it was not
    streamed), the sources, then a stop chunk with `khabar`."""
    head = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time())}
    head["model"] = MODEL_ID

    def chunk(delta: dict[str, str], finish: str | None = None) -> dict[str, Any]:
        return {**head, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    yield chunk({"role": "assistant", "content": ""})
    streamed = False
    for step in steps:
        if isinstance(step, Verified):
            yield chunk({"content": f" {step.text}" if streamed else step.text})
            streamed = True
        elif isinstance(step, Answer):
            for piece in [] if streamed else sentences_of(step.text):
                yield chunk({"content": piece})
            yield chunk({"content": _sources_text(step)})
            yield {**chunk({}, "stop"), "khabar": step.to_dict()}


def models() -> dict[str, Any]:
    """The `GET /v1/models` list: one model, khabar."""
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "khabar"}]}
