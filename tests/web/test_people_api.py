"""`GET /api/people`, `/api/people/{id}` and `/api/statements` in-process on an index of the seed."""

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
    home = copy_index(seed_index(tmp_path_factory, embedder), tmp_path_factory.mktemp("people-api") / "index")
    news_index = NewsIndex(IndexSettings(home))
    backend = Backend(news_index, lambda: embedder)
    backend.load()
    settings = ServerSettings(api_keys=(READER_KEY,), admin_token=ADMIN_TOKEN)
    yield TestClient(create_app(backend, settings, ui=False))
    news_index.close()


def _shamkhani(client) -> dict:
    """The one person the word «شمخانی» finds."""
    response = client.get("/api/people", params={"q": "شمخانی"}, headers=READER)
    assert response.status_code == 200
    (person,) = response.json()
    return person


def test_a_person_is_found_by_a_spelling_with_all_their_spellings_and_counts(client):
    person = _shamkhani(client)
    assert person["name"] == "علی شمخانی" and "دریابان شمخانی" in person["spellings"]
    assert person["meetings"] == 1 and person["statements"] == 4 and person["articles"] == 1
    titled = client.get("/api/people", params={"q": "نایب رئیس دفتر سیاسی حماس"}, headers=READER).json()
    assert titled[0]["name"] == "صالح العاروری"
    assert client.get("/api/people", params={"q": "لاوروف"}, headers=READER).json() == []


def test_the_person_page_has_meetings_and_statements_with_citations(client):
    person = _shamkhani(client)
    response = client.get(f"/api/people/{person['id']}", headers=READER)
    assert response.status_code == 200
    page = response.json()
    assert page["person"]["id"] == person["id"]
    (meeting,) = page["meetings"]
    assert meeting["whom"] and "العاروری" in meeting["who"][0]
    assert meeting["article"]["article_id"] == SEED_ID and meeting["article"]["source"] == "خبرگزاری مهر"
    assert len(page["statements"]) == 4
    for statement in page["statements"]:
        assert SEED_TEXT[statement["start"] : statement["end"]] == statement["sentence"]
        assert statement["person"] == person["id"] and statement["article"]["title"]


def test_statements_by_name_or_id_and_by_date_range(client):
    person = _shamkhani(client)
    by_name = client.get("/api/statements", params={"person": "شمخانی"}, headers=READER).json()
    by_id = client.get("/api/statements", params={"person": person["id"]}, headers=READER).json()
    assert by_name == by_id and len(by_id) == 4
    assert any(s["mention"] == "وی" for s in by_id)  # «وی» after him is his statement
    early = client.get("/api/statements", params={"person": person["id"], "until": "1990-01-01"}, headers=READER)
    assert early.status_code == 200 and early.json() == []  # the seed is dated later (or undated: outside a range)


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/people/p0000000000000000", {}, 404),
        ("/api/statements", {"person": "لاوروف"}, 404),
        ("/api/statements", {"person": "شمخانی", "since": "yesterday"}, 422),
        ("/api/statements", {"person": "شمخانی", "since": "2021-02-01", "until": "2021-01-01"}, 422),
        ("/api/people", {"limit": 0}, 422),
    ],
)
def test_unknown_people_and_bad_ranges_are_json_errors(client, path, params, status):
    response = client.get(path, params=params, headers=READER)
    assert response.status_code == status and "error" in response.json()


def test_people_need_a_key_like_the_other_read_endpoints(client):
    assert client.get("/api/people", params={"q": "شمخانی"}).status_code == 401


def test_the_graph_keeps_its_top_people_and_names_their_pages(client):
    graph = client.get("/api/meetings/graph", params={"top": 1}, headers=READER).json()
    assert len(graph["nodes"]) == 1 and graph["edges"] == []
    full = client.get("/api/meetings/graph", headers=READER).json()
    assert {n["person"] for n in full["nodes"]} == {n["key"] for n in full["nodes"]}
    assert _shamkhani(client)["id"] in {n["person"] for n in full["nodes"]}
