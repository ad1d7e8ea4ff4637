"""Streaming a generated answer: tokens as written, each sentence once verified, removals listed (API, /v1, UI)."""

from __future__ import annotations

import json

import pytest
from answering.scripted_llm import Script, scripted_llm
from fastapi.testclient import TestClient
from web.support import QUESTION, READER_KEY, copy_index, seed_index

from assistant.answering.generative_model import LLMSettings
from assistant.app import AssistantSettings
from assistant.web.backend import Backend
from assistant.web.chat import form_filters, respond
from assistant.web.server import create_app
from assistant.web.settings import ServerSettings
from index.news_index import NewsIndex
from index.settings import IndexSettings

READER = {"Authorization": f"Bearer {READER_KEY}"}
MET = "نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار و گفتگو کرد [1]."
INVENTED = "این دیدار ۴۵ دقیقه طول کشید [1]."
DEAL = "شمخانی طرح معامله قرن را اقدامی شکست خورده دانست [1]."


@pytest.fixture(scope="module")
def backend(tmp_path_factory, embedder):
    """A generative backend over a copy of the seed index, talking to a scripted model server."""
    home = copy_index(seed_index(tmp_path_factory, embedder), tmp_path_factory.mktemp("gen-stream") / "index")
    news_index = NewsIndex(IndexSettings(home))
    with scripted_llm(Script(reply=f"{MET} {INVENTED} {DEAL}")) as url:
        settings = AssistantSettings(answerers=("generative",), llm=LLMSettings(url=url, model="scripted"))
        backend = Backend(news_index, lambda: embedder, settings)
        backend.load()
        yield backend
    news_index.close()


@pytest.fixture(scope="module")
def client(backend):
    """The API with one reader key."""
    return TestClient(create_app(backend, ServerSettings(api_keys=(READER_KEY,)), ui=False))


def events(body: str) -> list[tuple[str, dict]]:
    """(event, data) of a server-sent event stream."""
    found = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines.get("event", ""), json.loads(lines["data"]) if lines["data"] != "[DONE]" else None))
    return found


def test_the_api_stream_sends_tokens_then_each_verified_sentence_and_the_removed_one(client):
    stream = events(client.post("/api/ask/stream", json={"question": QUESTION, "k": 5}, headers=READER).text)
    names = [name for name, _ in stream]
    assert names[:3] == ["searched", "sources", "token"] and names[-2:] == ["answer", "done"]
    deltas = [data["text"] for name, data in stream if name == "delta"]
    answer = stream[-2][1]
    assert len(deltas) == 2 and "".join(deltas) == answer["text"] and answer["answerer"] == "generative"
    assert names.index("delta") < max(i for i, name in enumerate(names) if name == "token")  # shown mid-reply
    removed = [data for name, data in stream if name == "removed"]
    assert removed == answer["unsupported"] and removed[0]["reason"].startswith("facts")
    assert "۴۵" not in answer["text"] and "شمخانی" in answer["citations"][0]["quote"]


def test_openai_stream_carries_only_verified_sentences_then_the_sources(client):
    body = {"model": "khabar", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    chunks = [data for _, data in events(client.post("/v1/chat/completions", json=body, headers=READER).text) if data]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    answer = chunks[-1]["khabar"]
    assert text.startswith(answer["text"]) and "منابع" in text and "۴۵" not in text
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and answer["unsupported"]


def test_the_chat_shows_each_sentence_once_verified_then_marks_the_answer_checked(backend):
    states = list(respond(backend, QUESTION, [], form_filters("", "", "", "")))
    html = [state[-1][1] for state in states]
    composing = [h for h in html if "kh-composing" in h]
    assert len(composing) == 2 and "شمخانی" in composing[0] and "معامله" not in composing[0]
    assert all("۴۵" not in h.split('<details class="kh-removed">')[0] for h in html)  # only in the removed list
    assert "kh-checked" in html[-1] and '<details class="kh-removed">' in html[-1] and "facts" in html[-1]
