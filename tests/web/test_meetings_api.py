"""`GET /api/meetings` and `GET /api/meetings/graph` in-process (FastAPI TestClient) on an index of the seed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web.support import ADMIN_TOKEN, READER_KEY, SEED_ID, SEED_TEXT, copy_index, seed_index

from assistant.web.backend import Backend
from assistant.web.server import create_app
from assistant.web.settings import ServerSettings
from index.news_index import NewsIndex
from index.settings import IndexSettings

READER = {"Authorization": f"Bearer {READER_KEY}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory, embedder):
    """The API (reader key, admin token) over a private copy of the seed index."""
    home = copy_index(seed_index(tmp_path_factory, embedder), tmp_path_factory.mktemp("meetings-api") / "index")
    news_index = NewsIndex(IndexSettings(home))
    backend = Backend(news_index, lambda: embedder)
    backend.load()
    settings = ServerSettings(api_keys=(READER_KEY,), admin_token=ADMIN_TOKEN)
    yield TestClient(create_app(backend, settings, ui=False))
    news_index.close()


def test_meetings_of_a_person_with_participants_evidence_and_article(client):
    response = client.get("/api/meetings", params={"person": "شمخانی"}, headers=READER)
    assert response.status_code == 200
    meetings = response.json()
    assert len(meetings) == 1
    meeting = meetings[0]
    assert [p["name"] for p in meeting["who"]] == ["صالح العاروری"]
    assert meeting["who"][0]["title"] == "نایب رئیس دفتر سیاسی حماس"
    assert [p["key"] for p in meeting["whom"]] == ["شمخانی"]
    assert meeting["whom"][0]["name"] == "علی شمخانی"
    assert meeting["status"] == "happened" and meeting["when_text"] == "صبح امروز"
    evidence = meeting["evidence"]
    assert SEED_TEXT[evidence["start"] : evidence["end"]] == evidence["text"]
    assert "دیدار و گفتگو کرد" in evidence["text"]
    assert meeting["article_id"] == SEED_ID and meeting["title"] and meeting["source"] == "خبرگزاری مهر"
    assert "url" in meeting and "place" in meeting and "day" in meeting


def test_filters_by_other_side_status_and_dates(client):
    assert len(client.get("/api/meetings", params={"person": "حماس"}, headers=READER).json()) == 1
    assert len(client.get("/api/meetings", headers=READER).json()) == 1
    assert client.get("/api/meetings", params={"person": "لاوروف"}, headers=READER).json() == []
    assert client.get("/api/meetings", params={"status": "denied"}, headers=READER).json() == []
    assert len(client.get("/api/meetings", params={"status": "happened"}, headers=READER).json()) == 1
    assert client.get("/api/meetings", params={"until": "1990-01-01"}, headers=READER).json() == []


def test_graph_has_both_people_and_an_edge_with_its_cited_sentence(client):
    response = client.get("/api/meetings/graph", params={"person": "شمخانی"}, headers=READER)
    assert response.status_code == 200
    graph = response.json()
    labels = {node["key"]: node["label"] for node in graph["nodes"]}
    assert len(labels) == 2 and {"علی شمخانی", "صالح العاروری"} <= {label.split(" (")[0] for label in labels.values()}
    assert all(node["person"] == node["key"] for node in graph["nodes"])  # each node is a stored person
    (edge,) = graph["edges"]
    assert {edge["source"], edge["target"]} == set(labels)
    (cited,) = edge["meetings"]
    assert SEED_TEXT[cited["start"] : cited["end"]] == cited["quote"] and cited["article_id"] == SEED_ID
    empty = client.get("/api/meetings/graph", params={"person": "لاوروف"}, headers=READER).json()
    assert empty == {"nodes": [], "edges": []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "1403-13-45"}, "since"),
        ({"until": "yesterday"}, "until"),
        ({"status": "rumoured"}, "status"),
        ({"limit": "0"}, "limit"),
        ({"since": "2020-02-01", "until": "2020-01-01"}, "since"),
    ],
)
@pytest.mark.parametrize("path", ["/api/meetings", "/api/meetings/graph"])
def test_bad_filters_are_json_errors(client, path, params, field):
    response = client.get(path, params=params, headers=READER)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and field in error["message"]


@pytest.mark.parametrize("path", ["/api/meetings", "/api/meetings/graph"])
def test_meetings_need_a_key_like_the_other_read_endpoints(client, path):
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer wrong-key"}).status_code in (401, 403)
    assert client.get(path, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}).status_code == 200
