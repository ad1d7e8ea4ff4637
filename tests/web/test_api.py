"""The HTTP API in-process (FastAPI TestClient) on the seed: answers, streams, search, articles, auth, CORS, limits."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web.support import (
    ADMIN_TOKEN,
    PORTAL,
    QUESTION,
    READER_KEY,
    SEED_ID,
    SEED_TEXT,
    copy_index,
    seed_index,
)

from assistant.web.backend import Backend
from assistant.web.server import create_app
from assistant.web.settings import ServerSettings
from index.news_index import NewsIndex
from index.settings import IndexSettings

READER = {"Authorization": f"Bearer {READER_KEY}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "loaders"


@pytest.fixture(scope="module")
def backend(tmp_path_factory, embedder):
    """A backend over a private copy of the seed index, its model loaded."""
    home = copy_index(seed_index(tmp_path_factory, embedder), tmp_path_factory.mktemp("api") / "index")
    news_index = NewsIndex(IndexSettings(home))
    backend = Backend(news_index, lambda: embedder)
    backend.load()
    yield backend
    news_index.close()


@pytest.fixture(scope="module")
def client(backend):
    """The API with a reader key, an admin token, one allowed portal origin, and URL ingest allowed on loopback."""
    settings = ServerSettings(
        api_keys=(READER_KEY,), admin_token=ADMIN_TOKEN, allowed_origins=(PORTAL,), fetch_allow=("127.0.0.0/8",)
    )
    return TestClient(create_app(backend, settings, ui=False))


def events(body: str) -> list[tuple[str, dict]]:
    """(event, data) of a server-sent event stream."""
    found = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines.get("event", ""), json.loads(lines["data"])))
    return found


def test_ask_answers_with_a_citation_into_the_seed(client):
    response = client.post("/api/ask", json={"question": QUESTION}, headers=READER)
    assert response.status_code == 200
    answer = response.json()
    assert answer["found"] is True and "شمخانی" in answer["text"] and "[1]" in answer["text"]
    citation = answer["citations"][0]
    assert citation["article_id"] == SEED_ID and citation["source"] == "خبرگزاری مهر"
    assert SEED_TEXT[citation["start"] : citation["end"]] == citation["quote"]
    assert answer["retrieved"][0] == SEED_ID and answer["passages"] and answer["latency_ms"] > 0


def test_follow_up_carries_the_person_of_the_previous_question(client):
    body = {"question": "او درباره معامله قرن چه گفت؟", "history": ["شمخانی با چه کسی دیدار کرد؟"]}
    answer = client.post("/api/ask", json=body, headers=READER).json()
    assert answer["searched"] == "شمخانی با چه کسی دیدار کرد؟ او درباره معامله قرن چه گفت؟"  # searched with history
    assert answer["found"] is True and "معامله قرن" in answer["text"] and "شکست خورده" in answer["text"]


def test_unanswerable_question_is_a_refusal_with_the_closest_passages(client):
    answer = client.post("/api/ask", json={"question": "قیمت بیت کوین امروز چقدر است؟"}, headers=READER).json()
    assert answer["found"] is False and answer["text"].startswith("در اخبار موجود پاسخی")
    assert answer["citations"] == [] and answer["passages"][0]["article_id"] == SEED_ID


def test_stream_sends_searched_the_passages_the_sentences_then_the_whole_answer(client):
    response = client.post("/api/ask/stream", json={"question": QUESTION}, headers=READER)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    stream = events(response.text)
    names = [name for name, _ in stream]
    assert names[:2] == ["searched", "sources"] and names[-2:] == ["answer", "done"]
    answer = stream[-2][1]
    assert "".join(data["text"] for name, data in stream if name == "delta") == answer["text"]
    assert names.count("delta") == answer["text"].count("] ") + 1 and "token" not in names  # extractive: no model
    assert stream[0][1]["searched"] == answer["searched"]
    assert {p["chunk_id"] for p in stream[1][1]["passages"]} == {p["chunk_id"] for p in answer["passages"]}
    assert stream[1][1]["passages"] == answer["passages"], "the sources are the answer's passages, in one JSON form"


def test_a_bad_question_to_the_stream_is_a_json_error_not_a_stream(client):
    response = client.post("/api/ask/stream", json={"question": "؟؟؟"}, headers=READER)
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_question"


def test_search_ranks_passages_of_the_seed(client):
    result = client.post("/api/search", json={"question": "معامله قرن", "k": 3}, headers=READER).json()
    assert result["searched"] == "معامله قرن"
    assert 1 <= len(result["passages"]) <= 3
    best = result["passages"][0]
    assert best["article_id"] == SEED_ID and "معامله قرن" in best["text"]
    assert SEED_TEXT[best["start"] : best["end"]] == best["text"]


def test_filters_restrict_the_search(client):
    body = {"question": QUESTION, "filters": {"source": "خبرگزاری فارس"}}
    answer = client.post("/api/ask", json=body, headers=READER).json()
    assert answer["found"] is False and answer["passages"] == []


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"question": "   "}, 400, "question is empty."),
        ({"question": "چه " * 600}, 400, "the limit is 1000"),
        ({"question": QUESTION, "filters": {"since": "2020-13-01"}}, 422, "filters.since"),
        ({"question": QUESTION, "filters": {"since": "2021-01-01", "until": "2020-01-01"}}, 422, "must not be after"),
        ({"question": QUESTION, "filters": {"agency": "x"}}, 422, "filters.agency: Extra inputs"),
        ({"question": QUESTION, "k": 0}, 422, "k: Input should be greater than or equal to 1"),
        ({}, 422, "question: Field required"),
    ],
)
def test_bad_requests_get_a_clear_json_error(client, body, status, message):
    response = client.post("/api/ask", json=body, headers=READER)
    assert response.status_code == status
    error = response.json()["error"]
    assert message in error["message"] and "Traceback" not in response.text


def test_body_over_the_limit_is_refused_before_reading(client):
    response = client.post("/api/ask", content=b'{"question": "' + b"a" * 300_000 + b'"}', headers=READER)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def test_unknown_article_and_route_are_json_404s(client):
    response = client.get("/api/articles/no-such-article", headers=READER)
    assert response.status_code == 404 and "no-such-article" in response.json()["error"]["message"]
    assert client.get("/api/nothing", headers=READER).json()["error"]["code"] == "not_found"


def test_article_is_served_whole(client):
    article = client.get(f"/api/articles/{SEED_ID}", headers=READER).json()
    assert article["text"] == SEED_TEXT.strip() and article["source"] == "خبرگزاری مهر"


def test_auth_refuses_missing_and_wrong_keys_and_accepts_the_right_ones(client):
    missing = client.post("/api/ask", json={"question": QUESTION})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/ask", json={"question": QUESTION}, headers={"Authorization": "Bearer reader-key-nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["message"] == "invalid API key."
    assert client.get("/api/stats", headers=READER).status_code == 200
    assert client.get("/api/stats", headers=ADMIN).status_code == 200
    writes = client.post("/api/articles", json={"articles": [{"text": "x"}]}, headers=READER)
    assert writes.status_code == 403 and "admin token" in writes.json()["error"]["message"]
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["ready"] is True


def test_ingest_get_search_and_delete_round_trip(client):
    record = {
        "id": "api-1",
        "title": "افتتاح پل تازه",
        "text": "پل تازه شهر نمونه امروز با حضور شهردار افتتاح شد و طول آن سیصد متر است.",
        "source": "خبرگزاری نمونه",
        "published": "2021-03-04",
        "category": "شهری",
    }
    report = client.post("/api/articles", json={"articles": [record, {"title": "no text"}]}, headers=ADMIN).json()
    assert report["new"] == 1 and report["ids"] == ["api-1"]
    assert report["failed"][0]["origin"] == "request" and "articles[1]" in report["failed"][0]["reason"]
    assert client.get("/api/articles/api-1", headers=READER).json()["published"] == "2021-03-04"
    body = {"question": "طول پل تازه شهر نمونه چقدر است؟", "filters": {"category": "شهری", "since": "2021-01-01"}}
    answer = client.post("/api/ask", json=body, headers=READER).json()
    assert answer["found"] is True and answer["citations"][0]["article_id"] == "api-1"
    listed = client.get("/api/articles", params={"q": "پل"}, headers=READER).json()
    assert listed["total"] == 1 and listed["articles"][0]["chunks"] == 1
    again = client.post("/api/articles", json={"articles": [record]}, headers=ADMIN).json()
    assert again["unchanged"] == 1 and again["new"] == 0
    assert client.delete("/api/articles/api-1", headers=ADMIN).json() == {"removed": "api-1"}
    assert client.get("/api/articles/api-1", headers=READER).status_code == 404
    assert client.delete("/api/articles/api-1", headers=ADMIN).status_code == 404


def test_uploaded_file_is_ingested_by_its_extension(client):
    upload = {"file": ("articles.json", (FIXTURES / "articles.json").read_bytes(), "application/json")}
    report = client.post("/api/articles", files=upload, headers=ADMIN).json()
    assert report["ids"] == ["17"] and report["new"] + report["updated"] + report["unchanged"] == 1
    assert report["failed"][0]["origin"] == "articles.json"
    assert client.get("/api/stats", headers=READER).json()["sources"]["ایسنا"] == 1
    assert client.delete("/api/articles/17", headers=ADMIN).status_code == 200
    refused = client.post(
        "/api/articles", files={"file": ("x.exe", b"MZ\x00", "application/octet-stream")}, headers=ADMIN
    )
    assert refused.status_code == 415 and "unsupported file type" in refused.json()["error"]["message"]
    empty = client.post("/api/articles", json={"articles": [{"title": "t"}]}, headers=ADMIN)
    assert empty.status_code == 422 and "no article could be loaded" in empty.json()["error"]["message"]


def test_cors_and_frame_ancestors_are_limited_to_the_allowed_origins(client):
    preflight = {
        "Origin": PORTAL,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    allowed = client.options("/api/ask", headers=preflight)
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == PORTAL
    other = client.options("/api/ask", headers=preflight | {"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    response = client.get("/healthz", headers={"Origin": PORTAL})
    assert response.headers["access-control-allow-origin"] == PORTAL
    assert response.headers["content-security-policy"].endswith("; frame-ancestors 'self'")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert response.headers["x-content-type-options"] == "nosniff"
    embed = client.get("/embed/", headers=READER)
    assert embed.headers["content-security-policy"].endswith(f"; frame-ancestors 'self' {PORTAL}")
    assert "x-frame-options" not in embed.headers


def test_openai_shapes_carry_markers_sources_and_the_answer(client):
    body = {"model": "khabar", "messages": [{"role": "system", "content": "x"}, {"role": "user", "content": QUESTION}]}
    completion = client.post("/v1/chat/completions", json=body, headers=READER).json()
    content = completion["choices"][0]["message"]["content"]
    assert "[1]" in content and "منابع:\n[1]" in content and "خبرگزاری مهر" in content
    assert completion["khabar"]["citations"][0]["article_id"] == SEED_ID
    assert client.get("/v1/models", headers=READER).json()["data"][0]["id"] == "khabar"
    unknown = client.post("/v1/chat/completions", json=body | {"model": "gpt-4"}, headers=READER)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "model_not_found"
    no_user = client.post(
        "/v1/chat/completions", json={"model": "khabar", "messages": [{"role": "system"}]}, headers=READER
    )
    assert no_user.status_code == 400


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/ask", "/api/ask/stream", "/api/search", "/api/articles", "/api/stats", "/v1/chat/completions"):
        assert path in paths
    assert "/api/articles/{article_id}" in paths and "multipart/form-data" in str(paths["/api/articles"]["post"])
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn." not in docs
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_without_keys_reading_is_open_and_writing_disabled(backend):
    open_client = TestClient(create_app(backend, ServerSettings(), ui=False))
    assert open_client.post("/api/ask", json={"question": QUESTION}).json()["found"] is True
    refused = open_client.delete(f"/api/articles/{SEED_ID}")
    assert refused.status_code == 403 and "KHABAR_ADMIN_TOKEN" in refused.json()["error"]["message"]


def test_widget_script_opens_the_chat_only_page(client):
    response = client.get("/widget.js")
    assert response.headers["content-type"].startswith("text/javascript") and '"/embed/"' in response.text


def test_feed_url_is_fetched_and_other_schemes_refused(client):
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *args: None
    feeds = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=feeds.serve_forever, daemon=True).start()
    try:
        urls = [f"http://127.0.0.1:{feeds.server_address[1]}/feed.rss", "file:///etc/passwd"]
        report = client.post("/api/articles", json={"urls": urls}, headers=ADMIN).json()
    finally:
        feeds.shutdown()
    assert report["new"] == 2 and len(report["ids"]) == 2
    assert report["failed"] == [{"origin": "file:///etc/passwd", "reason": "file:///etc/passwd: not an http(s) URL"}]
    snow = client.get(f"/api/articles/{report['ids'][0]}", headers=READER).json()
    assert "برف" in snow["title"] and "<script>" not in snow["text"]
    for article_id in report["ids"]:
        assert client.delete(f"/api/articles/{article_id}", headers=ADMIN).status_code == 200


def test_not_ready_until_the_model_loads_and_says_why_it_failed(backend):
    def no_model():
        raise RuntimeError("no model in /models/missing")

    loading = Backend(backend.index, no_model)
    client = TestClient(create_app(loading, ServerSettings(), ui=False))
    assert client.get("/healthz").status_code == 200
    waiting = client.get("/readyz")
    assert waiting.status_code == 503 and "still loading" in waiting.json()["error"]["message"]
    with pytest.raises(RuntimeError):
        loading.load()
    failed = client.post("/api/ask", json={"question": QUESTION})
    assert failed.status_code == 503 and "no model in /models/missing" in failed.json()["error"]["message"]
    assert client.get("/readyz").json()["error"]["code"] == "not_ready"
