"""The generative answerer against a scripted OpenAI-compatible server: each fault caught, failures fall back."""

from __future__ import annotations

import json
import logging
import socket
import time

import pytest
from answering.scripted_llm import Script, scripted_llm

from assistant.answering.generative import Removed, Token, Verified
from assistant.answering.generative_model import LLMSettings
from assistant.app import Assistant, AssistantSettings

QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"
MET = "نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار و گفتگو کرد [1]."
KEY = "sk-secret-key-never-shown-0123"


@pytest.fixture(scope="module", autouse=True)
def chat_client_imported():
    """The OpenAI client imported once, as in a running server (cold, the import alone takes seconds here)."""
    import langchain_openai  # noqa: F401


@pytest.fixture
def assistant_at(seed_alone, embedder):
    """A generative assistant over the seed, pointed at a URL, with a timeout."""

    def build(url: str, timeout: float = 5.0, key: str | None = None) -> Assistant:
        llm = LLMSettings(url=url, model="scripted", key=key, timeout=timeout)
        return Assistant(seed_alone, embedder, AssistantSettings(answerers=("generative",), llm=llm))

    return build


@pytest.fixture
def ask(assistant_at):
    """Ask the seed question through a generative assistant pointed at a URL, with a timeout."""

    def run(url: str, timeout: float = 5.0, key: str | None = None):
        return assistant_at(url, timeout, key).ask(QUESTION)

    return run


def _timed(assistant: Assistant):
    """The seed question's answer and its wall time in seconds."""
    started = time.monotonic()
    answer = assistant.ask(QUESTION)
    return answer, time.monotonic() - started


def test_a_supported_reply_is_the_answer_with_its_citation(ask):
    script = Script(reply=MET)
    with scripted_llm(script) as url:
        answer = ask(url)
    assert answer.answerer == "generative" and answer.found and not answer.unsupported and not answer.notice
    assert answer.text == MET.replace(" [1].", ". [1]")
    assert "شمخانی" in answer.citations[0].quote
    prompt = script.requests[0]["body"]["messages"][1]["content"]
    assert "[1]" in prompt and QUESTION in prompt and "پرسش" in prompt


def test_an_invented_number_is_removed_and_listed(ask):
    with scripted_llm(Script(reply=f"{MET} این دیدار ۴۵ دقیقه طول کشید [1].")) as url:
        answer = ask(url)
    assert answer.answerer == "generative" and "۴۵" not in answer.text and "45" not in answer.text
    assert [u.reason.split(":")[0] for u in answer.unsupported] == ["facts"]
    assert "45" in answer.unsupported[0].reason


def test_an_unmarked_sentence_is_cited_where_supported_else_removed_as_is_another_language(ask):
    unmarked = "شمخانی طرح معامله قرن را شکست خورده دانست. هوا امروز در تهران آفتابی بود."
    reply = f"{MET} {unmarked} The meeting was in Tehran [1]."
    with scripted_llm(Script(reply=reply)) as url:
        answer = ask(url)
    reasons = sorted(u.reason.split(":")[0] for u in answer.unsupported)
    assert reasons == ["language", "no_marker"] and "Tehran" not in answer.text and "آفتابی" not in answer.text
    assert "معامله قرن" in answer.text and len(answer.citations) == 2


def test_a_wrong_marker_is_corrected_or_the_sentence_goes(ask):
    with scripted_llm(Script(reply="نایب رئیس دفتر سیاسی حماس با دریابان علی شمخانی دیدار کرد [7].")) as url:
        answer = ask(url)
    assert answer.answerer == "generative" and "[1]" in answer.text and "[7]" not in answer.text
    assert "شمخانی" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("reply", "why"), [("متأسفم، نمی‌توانم پاسخ بدهم.", "no_marker"), ("پاسخی پیدا نشد.", "declined")]
)
def test_a_reply_with_nothing_supported_gives_the_extractive_answer_marked_as_such(ask, reply, why):
    with scripted_llm(Script(reply=reply)) as url:
        answer = ask(url)
    assert answer.answerer != "generative" and answer.found and answer.notice
    assert [u.reason.split(":")[0] for u in answer.unsupported] == [why] and "شمخانی" in answer.text


@pytest.mark.parametrize(
    ("script", "why"),
    [
        (Script(status=500), "500"),
        (Script(garbage=True), ""),
        (Script(reply=MET, delay=30), "timeout"),
        (Script(reply=MET, pace=1.5, hang=30), "timeout"),  # a piece just before the deadline, then nothing
        (Script(reply=MET, pace=1.8), "timeout"),  # each piece within the client's read timeout, never done
    ],
    ids=["server-error", "garbage", "hangs-before-replying", "hangs-mid-reply", "streams-too-slowly"],
)
def test_a_failing_server_gives_the_extractive_answer_within_the_timeout_and_a_second(assistant_at, script, why):
    with scripted_llm(script) as url:
        answer, seconds = _timed(assistant_at(url, timeout=2.0))
    assert seconds <= 2.0 + 1.0
    assert answer.found and answer.answerer != "generative" and "شمخانی" in answer.text
    assert why in answer.notice and answer.notice.count("\n") == 0


def test_a_server_that_is_down_gives_the_extractive_answer_at_once(assistant_at):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    answer, seconds = _timed(assistant_at(f"http://127.0.0.1:{port}/v1", timeout=1.0))
    assert seconds <= 1.0 + 1.0
    assert answer.found and answer.answerer != "generative" and "unreachable" in answer.notice


def test_a_reply_cut_by_the_deadline_keeps_the_sentences_verified_until_then(assistant_at):
    slow_tail = " دو طرف دربارهٔ تحولات منطقه و فلسطین گفتگو کردند و این گفتگو بسیار طولانی بود [1]."
    with scripted_llm(Script(reply=MET + slow_tail * 4, pace=0.05)) as url:  # the tail takes 2.3 s to arrive
        steps = assistant_at(url, timeout=2.0).ask_stream(QUESTION)
        next(steps)  # the passages: the deadline starts with the model, once they are found
        started = time.monotonic()
        *_, answer = steps
    assert time.monotonic() - started <= 2.0 + 1.0  # a sentence being checked at the deadline finishes first
    assert answer.answerer == "generative" and "شمخانی" in answer.text and "timeout" in answer.notice


def test_the_key_is_sent_to_the_server_but_never_shown(ask, caplog):
    script = Script(status=401, echo_authorization=True)
    with caplog.at_level(logging.DEBUG), scripted_llm(script) as url:
        answer = ask(url, key=KEY)
    assert script.requests[0]["authorization"] == f"Bearer {KEY}"
    assert KEY not in json.dumps(answer.to_dict(), ensure_ascii=False) and KEY not in caplog.text
    assert KEY not in repr(LLMSettings(url=url, key=KEY))


def test_the_stream_shows_tokens_then_each_sentence_once_verified(seed_alone, embedder):
    with scripted_llm(Script(reply=f"{MET} این دیدار ۴۵ دقیقه طول کشید [1].")) as url:
        llm = LLMSettings(url=url, model="scripted")
        assistant = Assistant(seed_alone, embedder, AssistantSettings(answerers=("generative",), llm=llm))
        events = list(assistant.ask_stream(QUESTION))
    kinds = [type(e).__name__ for e in events]
    assert kinds[:2] == ["Retrieved", "Token"] and kinds[-1] == "Answer"
    verified = [e for e in events if isinstance(e, Verified)]
    removed = [e for e in events if isinstance(e, Removed)]
    assert len(verified) == 1 and "شمخانی" in verified[0].text and len(removed) == 1
    first_verified = kinds.index("Verified")
    assert any(isinstance(e, Token) for e in events[first_verified + 1 :])  # shown before the reply ended
    assert events[-1].text == verified[0].text


def test_a_persian_name_the_index_has_never_seen_is_removed(ask):
    with scripted_llm(Script(reply=f"{MET} نایب رئیس دفتر سیاسی حماس با زرنگیان دیدار کرد [1].")) as url:
        answer = ask(url)
    assert answer.answerer == "generative" and "زرنگیان" not in answer.text
    assert answer.unsupported[0].reason.startswith("facts") and "زرنگ" in answer.unsupported[0].reason  # its stem
