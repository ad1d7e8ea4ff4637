"""In a real Chromium: the who-met-whom graph of every FarsNews article with a meeting — drawn, its labels never
overlapping on screen, a person clicked opening their page, an edge its sentences."""

from __future__ import annotations

import json

import httpx
import pytest
from browser.test_chat_browser import ARTIFACTS, browser, open_chat, page  # noqa: F401 - fixtures
from conftest import CORPUS, need_shared
from web.support import ADMIN_TOKEN, copy_index, running_server, seed_index

from index.meetings.evaluate import load_articles
from index.meetings.extract import extract_meetings


def _records_with_meetings() -> list[dict]:
    """The corpus records (as the API takes them) of the articles the extraction finds a meeting in."""
    meeting_links = {key for key, article in load_articles(need_shared(CORPUS)).items() if extract_meetings(article)}
    return [
        record
        for path in sorted(CORPUS.glob("*.json"))
        for record in json.loads(path.read_text(encoding="utf-8"))
        if any(record["link"].startswith(link) or link.startswith(record["link"]) for link in meeting_links)
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder):
    """`khabar serve` on the seed plus every corpus article with a meeting."""
    folder = tmp_path_factory.mktemp("people-browser")
    index = copy_index(seed_index(tmp_path_factory, embedder), folder / "index")
    records = _records_with_meetings()
    with running_server(index, folder, {"KHABAR_ADMIN_TOKEN": ADMIN_TOKEN}) as running:
        response = httpx.post(
            f"{running.url}/api/articles",
            json={"articles": records},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            timeout=600,
        )
        assert response.status_code == 200 and response.json()["new"] >= 50
        yield running


def _label_boxes(view) -> list[dict]:
    """The on-screen bounding box of every label of the graph."""
    return view.eval_on_selector_all(
        "#kh-m-graph svg.kh-graph text.kh-label",
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect();"
        " return {x: r.left, y: r.top, w: r.width, h: r.height, text: n.textContent}; })",
    )


def _overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """The pairs of labels whose boxes overlap on screen."""
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 0.5
        and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 0.5
    ]


def test_the_graph_of_the_corpus_reads_and_a_click_opens_the_person(server, page):  # noqa: F811
    page.set_viewport_size({"width": 1400, "height": 1100})
    open_chat(page, f"{server.url}/")
    page.get_by_role("tab", name="دیدارها · Meetings").click()
    page.click("#kh-m-search")
    graph = page.locator("#kh-m-graph svg.kh-graph")
    graph.wait_for()
    boxes = _label_boxes(page)
    assert len(boxes) >= 25  # the top people of about a hundred meetings
    assert _overlapping(boxes) == []
    assert all(box["w"] > 0 for box in boxes)
    ARTIFACTS.mkdir(exist_ok=True)
    graph.screenshot(path=str(ARTIFACTS / "graph.png"))

    node = graph.locator("g.kh-node[data-person]").first
    name = node.locator("text").text_content().rstrip("…")
    node.locator("circle").click()
    person = page.locator("#kh-person-page article.kh-person-page")
    person.wait_for()
    page.wait_for_function(
        "id => document.querySelector('#kh-person-page article')?.dataset.person === id",
        arg=node.get_attribute("data-person"),
    )
    assert name.split(" (")[0][:10] in person.locator(".kh-p-spellings").inner_text()
    assert person.locator("li.kh-p-meeting").count() >= 1
    assert person.get_attribute("dir") == "rtl"
    assert person.locator("a.kh-p-link").first.get_attribute("href").startswith("https://www.farsnews.ir/")

    edge = graph.locator("a.kh-edge").first
    detail = page.locator(f"#{edge.get_attribute('data-edge')}")
    assert not detail.locator(".kh-m-quote").first.is_visible()
    edge.locator("line").click(force=True)
    assert detail.locator(".kh-m-quote").first.is_visible()
    assert page.errors == []


def test_a_searched_person_shows_their_page_with_statements(server, page):  # noqa: F811
    open_chat(page, f"{server.url}/")
    page.get_by_role("tab", name="دیدارها · Meetings").click()
    page.fill("#kh-m-person input, #kh-m-person textarea", "شمخانی")
    page.click("#kh-m-search")
    person = page.locator("#kh-person-page article.kh-person-page")
    person.wait_for()
    assert "علی شمخانی" in person.locator("h3").inner_text()
    assert person.locator("li.kh-p-statement").count() == 4
    assert "معامله قرن" in person.locator(".kh-p-statements").inner_text()
    page.locator("#kh-p-list button.kh-p-open").first.click()
    page.wait_for_function("() => document.querySelector('#kh-person-page article') !== null")
    assert page.errors == []
    page.screenshot(path=str(ARTIFACTS / "person.png"), full_page=True)
