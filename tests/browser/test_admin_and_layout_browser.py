"""In a real Chromium: the admin tab's user errors as messages in the page, its table readable; the article view
keeps its first line; the portal widget's question box usable in a narrow frame; pages declared Persian RTL."""

from __future__ import annotations

import json

import httpx
import pytest
from browser.test_chat_browser import ask, browser, open_chat  # noqa: F401 - `browser` is a fixture
from conftest import CORPUS, need_shared
from web.support import ADMIN_TOKEN, SEED_ID, copy_index, running_server, seed_index

LONG_ARTICLE = "https://www.farsnews.ir/news/13900815000874/"
"""A real FarsNews article of ~3,900 characters: its view scrolls."""
DEEP_QUESTION = "نظام با گروه‌هایی نظیر منافقین و فدائیان خلق چگونه برخورد کرد؟"
"""Answered by a paragraph deep in the long article."""
LONG_QUESTION = "رئیس مجمع تشخیص مصلحت نظام درباره جذب استعدادهای درخشان در کشورهای دیگر چه گفت؟"


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder):
    """`khabar serve` on the seed plus a long real FarsNews article, with an admin token."""
    folder = tmp_path_factory.mktemp("admin-browser")
    index = copy_index(seed_index(tmp_path_factory, embedder), folder / "index")
    records = [
        record
        for path in sorted(need_shared(CORPUS).glob("*.json"))
        for record in json.loads(path.read_text(encoding="utf-8"))
        if record["link"].startswith(LONG_ARTICLE)
    ]
    with running_server(index, folder, {"KHABAR_ADMIN_TOKEN": ADMIN_TOKEN}) as running:
        response = httpx.post(
            f"{running.url}/api/articles",
            json={"articles": records},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            timeout=120,
        )
        assert response.json()["new"] == 1
        yield running


@pytest.fixture
def wide(browser):  # noqa: F811 - the fixture imported above
    """A 1920-pixel-wide page."""
    context = browser.new_context(viewport={"width": 1920, "height": 1100}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _log_lines(server, needle: str) -> list[str]:
    """The server's output lines holding `needle`."""
    return [line for line in server.output().splitlines() if needle in line]


def _admin(page, server) -> None:
    """Open the page and log in as admin."""
    open_chat(page, f"{server.url}/")
    page.click("#kh-admin-login")
    page.fill("#kh-admin-login input[type=password]", ADMIN_TOKEN)
    page.click("#kh-admin-enter")
    page.get_by_role("tab", name="مدیریت · Admin").click()


def test_a_wrong_token_is_told_in_the_page_and_logged_once(server, wide):
    open_chat(wide, f"{server.url}/")
    wide.click("#kh-admin-login")
    wide.fill("#kh-admin-login input[type=password]", "not-the-token")
    wide.click("#kh-admin-enter")
    message = wide.locator("p.note[role=alert]")
    message.wait_for()
    assert "Wrong key" in message.inner_text()
    assert wide.locator(".toast-body").count() == 0
    assert len(_log_lines(server, "rejected key")) == 1
    assert "not-the-token" not in server.output() and "Traceback" not in server.output()


def test_removing_an_unknown_id_keeps_the_table_and_says_so(server, wide):
    _admin(wide, server)
    wide.click("#kh-admin-list")
    wide.wait_for_function(f"() => document.querySelector('#kh-admin-table').innerText.includes('{SEED_ID}')")
    wide.fill("#kh-admin-remove-id input, #kh-admin-remove-id textarea", "no-such-article")
    wide.click("#kh-admin-remove")
    message = wide.locator("#kh-admin-message .kh-admin-error")
    message.wait_for()
    assert "no-such-article" in message.inner_text()
    assert SEED_ID in wide.locator("#kh-admin-table").inner_text()
    assert wide.locator(".toast-body").count() == 0
    assert len(_log_lines(server, "no-such-article")) == 1 and "Traceback" not in server.output()


def test_the_article_table_shows_every_column_and_ids_left_to_right(server, wide):
    _admin(wide, server)
    wide.click("#kh-admin-list")
    wide.wait_for_function(f"() => document.querySelector('#kh-admin-table').innerText.includes('{SEED_ID}')")
    layout = wide.evaluate(
        """() => {
          const table = document.querySelector('#kh-admin-table').getBoundingClientRect();
          const heads = [...document.querySelectorAll('#kh-admin-table thead th')].filter(th => th.offsetWidth > 0);
          const cell = [...document.querySelectorAll('#kh-admin-table [role=gridcell] span')]
            .find(span => span.textContent.trim() === arguments[0]);
          const text = cell.firstChild, range = document.createRange();
          range.setStart(text, 0); range.setEnd(text, 1);
          const first = range.getBoundingClientRect().left;
          range.setStart(text, text.length - 1); range.setEnd(text, text.length);
          return {
            names: heads.map(th => th.innerText.trim()),
            inside: heads.every(th => { const r = th.getBoundingClientRect();
              return r.left >= table.left - 1 && r.right <= table.right + 1 && r.width >= 60; }),
            headerHeight: document.querySelector('#kh-admin-table thead').getBoundingClientRect().height,
            firstLeftOfLast: first < range.getBoundingClientRect().left,
          };
        }""".replace("arguments[0]", json.dumps(SEED_ID))
    )
    assert layout["names"] == ["id", "title", "agency", "quoting", "published", "category", "chunks"]
    assert layout["inside"] and layout["headerHeight"] < 80
    assert layout["firstLeftOfLast"], "the id reads right to left"


def test_the_whole_article_view_opens_on_whole_lines_before_the_passage(server, wide):
    open_chat(wide, f"{server.url}/")
    card = ask(wide, DEEP_QUESTION).locator(f"details.kh-source[data-article^='{LONG_ARTICLE}']").first
    card.locator("summary").click()
    box = card.locator(".kh-article")
    box.wait_for()
    wide.wait_for_timeout(300)
    view = box.evaluate(
        """box => {
          const text = box.querySelector('.kh-article-text'), passage = box.querySelector('.kh-passage');
          const top = box.getBoundingClientRect().top + box.clientTop, bottom = top + box.clientHeight;
          const shown = [...passage.getClientRects()].find(rect => rect.width > 1);
          return {scrollTop: box.scrollTop, line: parseFloat(getComputedStyle(text).lineHeight),
                  textTop: text.getBoundingClientRect().top - top + box.scrollTop,
                  passageShown: shown.top >= top - 2 && shown.bottom <= bottom + 2};
        }"""
    )
    assert view["scrollTop"] > 0, "the passage is below the view's top half, so the view scrolls to it"
    assert view["passageShown"], "the cited passage is in view"
    cut = (view["scrollTop"] - view["textTop"]) % view["line"]
    assert min(cut, view["line"] - cut) < 1.5, "the first line shown is cut"


def test_the_widget_question_box_spans_a_narrow_frame(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 440, "height": 660}, locale="fa-IR")
    page = context.new_page()
    try:
        open_chat(page, f"{server.url}/embed/")
        width = page.evaluate("() => document.querySelector('#kh-question textarea').getBoundingClientRect().width")
        assert width >= 0.75 * 440
    finally:
        context.close()


def test_pages_are_served_as_persian_right_to_left(server):
    for path in ("/", "/embed/"):
        assert '<html lang="fa" dir="rtl"' in httpx.get(f"{server.url}{path}", timeout=30).text


def test_an_unknown_route_answers_in_the_error_shape(server):
    response = httpx.get(f"{server.url}/no/such/page", timeout=30)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_date_filter_takes_jalali_dates_and_shows_them(server, wide):
    open_chat(wide, f"{server.url}/")
    wide.click("#kh-filters")
    wide.fill("#kh-since input, #kh-since textarea", "1390-01-01")
    wide.fill("#kh-until input, #kh-until textarea", "۲۹ اسفند ۱۳۹۰")
    wide.press("#kh-until input, #kh-until textarea", "Tab")  # the field's value reaches Gradio before the question
    answer = ask(wide, LONG_QUESTION)
    assert "kh-found" in answer.get_attribute("class")
    dates = {text.strip() for text in answer.locator(".kh-sources .kh-date").all_inner_texts()}
    assert dates == {"۱۳۹۰/۰۸/۱۵"}
    assert answer.locator(".kh-undated").inner_text() == "۱ خبر بی‌تاریخ بیرون از بازه تاریخ ماند و جستجو نشد."
