"""A real `khabar serve` on 127.0.0.1: HTTP clients, the official openai client and gradio_client against it."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import httpx
import openai
import pytest
from gradio_client import Client
from web.support import (
    ADMIN_TOKEN,
    PORTAL,
    QUESTION,
    READER_KEY,
    REPO,
    SEED_ID,
    copy_index,
    running_server,
    seed_index,
)

from assistant.commands.common import EXIT_USAGE

READER = {"Authorization": f"Bearer {READER_KEY}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder):
    """`khabar serve` on a copy of the seed index, with a reader key, an admin token and one portal origin."""
    folder = tmp_path_factory.mktemp("serve")
    index = copy_index(seed_index(tmp_path_factory, embedder), folder / "index")
    env = {"KHABAR_API_KEYS": READER_KEY, "KHABAR_ADMIN_TOKEN": ADMIN_TOKEN, "KHABAR_ALLOWED_ORIGINS": PORTAL}
    with running_server(index, folder, env) as running:
        yield running


def test_answer_stream_and_search_over_http(server):
    with httpx.Client(base_url=server.url, headers=READER, timeout=60) as http:
        answer = http.post("/api/ask", json={"question": QUESTION}).json()
        assert answer["found"] and answer["citations"][0]["article_id"] == SEED_ID
        with http.stream("POST", "/api/ask/stream", json={"question": QUESTION}) as stream:
            lines = [line for line in stream.iter_lines() if line.startswith("event: ")]
        assert lines[0] == "event: searched" and lines[-1] == "event: done" and "event: delta" in lines
        passages = http.post("/api/search", json={"question": "معامله قرن"}).json()["passages"]
        assert passages[0]["article_id"] == SEED_ID


def test_ingest_and_delete_round_trip_over_http(server):
    record = {"id": "serve-1", "text": "سد تازه استان نمونه امروز آبگیری شد و گنجایش آن دو میلیون متر مکعب است."}
    with httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.post("/api/articles", json={"articles": [record]}, headers=READER).status_code == 403
        assert http.post("/api/articles", json={"articles": [record]}, headers=ADMIN).json()["new"] == 1
        answer = http.post("/api/ask", json={"question": "گنجایش سد تازه چقدر است؟"}, headers=READER).json()
        assert answer["found"] and answer["citations"][0]["article_id"] == "serve-1"
        assert http.delete("/api/articles/serve-1", headers=ADMIN).json() == {"removed": "serve-1"}
        assert http.get("/api/articles/serve-1", headers=READER).status_code == 404


def test_auth_cors_and_limits_over_http(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        assert http.post("/api/ask", json={"question": QUESTION}).status_code == 401
        bad = http.post("/api/ask", json={"question": QUESTION}, headers={"Authorization": "Bearer wrong-key-000"})
        assert bad.status_code == 401
        preflight = {"Origin": PORTAL, "Access-Control-Request-Method": "POST"}
        assert http.options("/api/ask", headers=preflight).headers["access-control-allow-origin"] == PORTAL
        page = http.get("/embed/", headers=READER)
        assert page.status_code == 200
        assert page.headers["content-security-policy"].endswith(f"; frame-ancestors 'self' {PORTAL}")
        big = http.post("/api/ask", content=json.dumps({"question": "x" * 300_000}), headers=READER)
        assert big.status_code == 413 and "limit" in big.json()["error"]["message"]


def test_openai_client_uses_khabar_as_a_model(server):
    client = openai.OpenAI(base_url=f"{server.url}/v1", api_key=READER_KEY, max_retries=0)
    assert [model.id for model in client.models.list()] == ["khabar"]
    completion = client.chat.completions.create(model="khabar", messages=[{"role": "user", "content": QUESTION}])
    content = completion.choices[0].message.content
    assert "شمخانی" in content and "[1]" in content and "منابع:" in content
    assert completion.model_extra["khabar"]["citations"][0]["article_id"] == SEED_ID
    stream = client.chat.completions.create(
        model="khabar",
        stream=True,
        messages=[
            {"role": "user", "content": "شمخانی با چه کسی دیدار کرد؟"},
            {"role": "assistant", "content": "…"},
            {"role": "user", "content": "او درباره معامله قرن چه گفت؟"},
        ],
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert "معامله قرن" in text and chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["khabar"]["searched"].startswith("شمخانی")
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=f"{server.url}/v1", api_key="wrong-key-000", max_retries=0).models.list()


def test_gradio_client_talks_to_the_chat(server):
    client = Client(f"{server.url}/", verbose=False, headers=READER)
    conversation, question_box, _ = client.predict("شمخانی درباره معامله قرن چه گفت؟", api_name="/ask")
    assert "kh-found" in conversation and "معامله قرن" in conversation and 'class="kh-marker"' in conversation
    assert question_box == ""


def test_no_key_is_ever_logged(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        http.get("/api/stats", headers=READER)
        http.get("/api/stats", headers={"Authorization": "Bearer some-guessed-key-77"})
        http.delete("/api/articles/none", headers=ADMIN)
    output = server.output()
    assert "khabar: chat at" in output
    for secret in (READER_KEY, ADMIN_TOKEN, "some-guessed-key-77"):
        assert secret not in output


def test_a_busy_port_is_a_usage_error(tmp_path_factory, embedder, tmp_path):
    index = copy_index(seed_index(tmp_path_factory, embedder), tmp_path / "index")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        command = [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index), "--port", port]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert result.returncode == EXIT_USAGE
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
