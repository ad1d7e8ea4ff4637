"""The chat in a real headless Chromium (Debian's, driven by Playwright) against a real `khabar serve`."""

from __future__ import annotations

import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from web.support import (
    ADMIN_TOKEN,
    QUESTION,
    READER_KEY,
    REPO,
    SEED_ID,
    XSS_ARTICLE,
    XSS_QUESTION,
    copy_index,
    running_server,
    seed_index,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
EMBED_KEY = "embed-key-0123456789"
MARKUP_ID = '<img src=x onerror="window.khabarToast = 1">toast-id'
"""An article id holding markup: the admin's toasts must show it as text."""
TIMEOUT_MS = 60_000


class Portal:
    """A stand-in for a company portal on another origin: a page that loads khabar's widget script, and one
    (/keyed) that loads it from a khabar with keys set, giving it the embed key."""

    def __init__(self) -> None:
        self.khabar_url = ""
        self.keyed_url = ""
        portal = self

        class Page(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                keyed = self.path == "/keyed"
                source = f"{portal.keyed_url if keyed else portal.khabar_url}/widget.js"
                key = f' data-key="{EMBED_KEY}"' if keyed else ""
                body = (
                    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title></head>'
                    f'<body><h1>Intranet</h1><script src="{source}"{key} defer></script></body></html>'
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                """Keep the test output quiet."""

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        self.port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def origin(self, host: str = "127.0.0.1") -> str:
        """The portal's origin under a host name (127.0.0.1 is allowed to frame khabar, localhost is not)."""
        return f"http://{host}:{self.port}"


@pytest.fixture(scope="module")
def portal():
    """The portal page server."""
    portal = Portal()
    yield portal
    portal.http.shutdown()


@pytest.fixture(scope="module")
def server(tmp_path_factory, embedder, portal):
    """`khabar serve` on the seed plus a hostile article, with an admin token; the portal may frame it."""
    folder = tmp_path_factory.mktemp("browser")
    index = copy_index(seed_index(tmp_path_factory, embedder), folder / "index")
    uploads = folder / "gradio-uploads"
    uploads.mkdir()
    env = {
        "KHABAR_ADMIN_TOKEN": ADMIN_TOKEN,
        "KHABAR_ALLOWED_ORIGINS": portal.origin(),
        "GRADIO_TEMP_DIR": str(uploads),
    }
    with running_server(index, folder, env) as running:
        markup = {"id": MARKUP_ID, "text": "خبری آزمایشی با شناسه‌ای که نشانه‌گذاری دارد منتشر شد."}
        response = httpx.post(
            f"{running.url}/api/articles",
            json={"articles": [XSS_ARTICLE, markup]},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            timeout=60,
        )
        assert response.json()["new"] == 2
        portal.khabar_url = running.url
        running.uploads = uploads
        yield running


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory, embedder, portal):
    """`khabar serve` with a reader key and an embed key: every page needs a sign-in."""
    folder = tmp_path_factory.mktemp("browser-keyed")
    index = copy_index(seed_index(tmp_path_factory, embedder), folder / "index")
    env = {"KHABAR_API_KEYS": READER_KEY, "KHABAR_EMBED_KEYS": EMBED_KEY, "KHABAR_ALLOWED_ORIGINS": portal.origin()}
    with running_server(index, folder, env) as running:
        portal.keyed_url = running.url
        yield running


@pytest.fixture(scope="module")
def browser():
    """Headless Debian chromium; missing, the tests skip (and fail under CI, whose `make test` installs it)."""
    if not CHROMIUM.exists() or not shutil.which(str(CHROMIUM)):
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: `make test` installs it with apt-get")
        pytest.skip("/usr/bin/chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; its uncaught errors are collected in `page.errors`."""
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: page.errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()


def open_chat(page, url: str) -> None:
    """Load the chat and wait for the question box (a Gradio page never becomes network-idle)."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("#kh-question textarea")


def ask(page, question: str, answers: int = 1):
    """Type a question, send it, and wait until the chat holds `answers` composed answers; the last one."""
    page.fill("#kh-question textarea", question)
    page.press("#kh-question textarea", "Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('.kh-answer:not(.kh-pending):not(.kh-composing)').length >= n", arg=answers
    )
    return page.locator(".kh-answer").last


def test_persian_question_shows_answer_marker_and_highlighted_source(server, page):
    open_chat(page, f"{server.url}/")
    page.locator("#kh-examples").wait_for()
    answer = ask(page, QUESTION)
    assert "شمخانی" in answer.locator(".kh-text").inner_text()
    assert answer.locator(".kh-text .kh-marker").inner_text() == "[۱]"
    cited = answer.locator("details.kh-source .kh-quote mark.kh-cited")
    assert cited.is_visible() and "شمخانی" in cited.inner_text()
    assert answer.locator("details.kh-source").get_attribute("data-article") == SEED_ID
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert answer.evaluate("e => getComputedStyle(e.querySelector('.kh-text')).direction") == "rtl"
    assert "Noto" in answer.evaluate("e => getComputedStyle(e).fontFamily")
    assert not page.locator("#kh-examples").is_visible()
    assert page.errors == []


def test_clicking_a_source_shows_the_whole_article_with_the_passage(server, page):
    open_chat(page, f"{server.url}/")
    answer = ask(page, QUESTION)
    article = answer.locator(".kh-article")
    assert not article.is_visible()
    answer.locator("details.kh-source summary").first.click()
    assert article.is_visible() and "انتهای پیام" in article.inner_text()
    assert article.locator(".kh-passage mark.kh-cited").first.is_visible()


def test_follow_up_and_english_in_one_conversation(server, page):
    open_chat(page, f"{server.url}/")
    ask(page, "شمخانی با چه کسی دیدار کرد؟")
    follow_up = ask(page, "او درباره معامله قرن چه گفت؟", answers=2)
    searched = follow_up.locator(".kh-searched").inner_text()
    assert "«شمخانی با چه کسی دیدار کرد؟ او درباره معامله قرن چه گفت؟»" in searched
    assert "معامله قرن" in follow_up.locator(".kh-text").inner_text()
    english = ask(page, "What did Shamkhani say about the deal of the century?", answers=3)
    question = page.locator(".kh-question").last
    assert question.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert english.get_attribute("dir") == "ltr" and english.locator(".kh-heading").inner_text() == "Sources"
    english.locator("details.kh-source summary").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)


def test_hostile_article_renders_inert(server, page):
    open_chat(page, f"{server.url}/")
    answer = ask(page, XSS_QUESTION)
    answer.locator("details.kh-source summary").first.click()
    assert answer.locator(".kh-article").first.is_visible()
    text = answer.inner_text()
    assert "<script>window.khabarPwned = 'script'</script>" in text
    assert "onerror=\"window.khabarPwned = 'img'\"" in text
    assert page.evaluate("typeof window.khabarPwned") == "undefined"
    assert page.locator("#kh-conversation img").count() == 0 and page.locator("#kh-conversation script").count() == 0
    assert answer.locator("a.kh-link").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "inert.png"), full_page=True)


def test_not_found_is_a_designed_state(server, page):
    open_chat(page, f"{server.url}/")
    answer = ask(page, "قیمت بیت کوین امروز چقدر است؟")
    assert "kh-not-found" in answer.get_attribute("class")
    assert answer.locator(".kh-text").inner_text().startswith("در اخبار موجود پاسخی")
    assert answer.locator(".kh-closest details.kh-source").count() >= 1


def test_widget_opens_the_chat_in_a_portal_that_may_frame_it(server, portal, page):
    page.goto(portal.origin() + "/", wait_until="domcontentloaded")
    page.click("[data-khabar-widget=button]")
    frame = page.frame_locator("iframe[data-khabar-widget=frame]")
    frame.locator("#kh-question textarea").fill(QUESTION)
    frame.locator("#kh-question textarea").press("Enter")
    frame.locator(".kh-answer.kh-found:not(.kh-composing)").wait_for()
    assert "شمخانی" in frame.locator(".kh-answer.kh-found .kh-text").inner_text()
    assert frame.locator("#kh-filters").count() == 0 and frame.locator("#kh-admin-login").count() == 0


def test_a_portal_not_allowed_cannot_frame_the_chat(server, portal, page):
    page.goto(portal.origin("localhost") + "/", wait_until="domcontentloaded")
    page.click("[data-khabar-widget=button]")
    page.wait_for_selector("iframe[data-khabar-widget=frame]")
    page.wait_for_timeout(3000)
    frame = page.frame_locator("iframe[data-khabar-widget=frame]")
    assert frame.locator("#kh-question").count() == 0


def test_admin_tab_appears_only_after_signing_in_with_the_admin_token(server, page, tmp_path):
    open_chat(page, f"{server.url}/")
    admin_tab = page.get_by_role("tab", name="مدیریت · Admin")
    assert admin_tab.count() == 0
    page.click("#kh-admin-login")
    page.fill("#kh-admin-login input[type=password]", "not-the-token")
    page.click("#kh-admin-enter")
    page.wait_for_selector("#kh-signin .note, .note")
    assert "Wrong key" in page.inner_text("body") and page.locator("#kh-question").count() == 0
    page.fill("#kh-key", ADMIN_TOKEN)
    page.click("#kh-signin-enter")
    page.wait_for_selector("#kh-question textarea")
    cookie = next(c for c in page.context.cookies() if c["name"] == "khabar_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and ADMIN_TOKEN not in cookie["value"]
    admin_tab.click()
    upload = tmp_path / "bridge-news.txt"
    upload.write_text("پل معلق تازه شهر نمونه امروز افتتاح شد و طول آن چهارصد متر است.", encoding="utf-8")
    page.set_input_files("#kh-admin-files input[type=file]", str(upload))
    page.click("#kh-admin-ingest")
    page.wait_for_function("() => document.querySelector('#kh-admin-result textarea').value.includes('1 new')")
    # the upload is deleted once ingested (Gradio leaves an empty temporary file of its own, removed hourly)
    assert [path.name for path in server.uploads.rglob("*") if path.is_file() and path.stat().st_size] == []
    page.fill("#kh-admin-query input, #kh-admin-query textarea", "bridge")
    page.click("#kh-admin-list")
    page.wait_for_function("() => document.querySelector('#kh-admin-table').innerText.includes('bridge-news')")
    page.fill("#kh-admin-remove-id input, #kh-admin-remove-id textarea", "bridge-news")
    page.click("#kh-admin-remove")
    page.wait_for_function("() => !document.querySelector('#kh-admin-table').innerText.includes('bridge-news')")
    page.fill("#kh-admin-remove-id input, #kh-admin-remove-id textarea", MARKUP_ID)
    page.click("#kh-admin-remove")
    page.get_by_text("toast-id").first.wait_for()
    assert "<img src=x" in page.inner_text("body") and page.evaluate("typeof window.khabarToast") == "undefined"
    assert page.errors == []


def test_with_keys_the_chat_needs_a_sign_in_and_the_widget_uses_the_embed_key(keyed_server, portal, page):
    page.goto(f"{keyed_server.url}/", wait_until="domcontentloaded")
    assert page.locator("#kh-signin").count() == 1 and page.locator("#kh-question").count() == 0
    page.fill("#kh-key", READER_KEY)
    page.click("#kh-signin-enter")
    page.wait_for_selector("#kh-question textarea")
    assert "شمخانی" in ask(page, QUESTION).locator(".kh-text").inner_text()
    portal_page = page.context.new_page()
    portal_page.goto(portal.origin() + "/keyed", wait_until="domcontentloaded")
    portal_page.click("[data-khabar-widget=button]")
    frame = portal_page.frame_locator("iframe[data-khabar-widget=frame]")
    frame.locator("#kh-question textarea").fill(QUESTION)
    frame.locator("#kh-question textarea").press("Enter")
    frame.locator(".kh-answer.kh-found:not(.kh-composing)").wait_for()
    assert page.errors == []


def test_meetings_tab_shows_table_graph_and_person_page(server, page):
    open_chat(page, f"{server.url}/")
    page.get_by_role("tab", name="دیدارها · Meetings").click()
    page.fill("#kh-m-person input, #kh-m-person textarea", "شمخانی")
    page.click("#kh-m-search")
    row = page.locator("#kh-m-table tr.kh-m-row")
    row.first.wait_for()
    assert row.count() == 1
    assert "العاروری" in row.inner_text() and "شمخانی" in row.inner_text()
    assert row.locator("a.kh-m-source, span.kh-m-source").count() == 1
    graph = page.locator("#kh-m-graph svg.kh-graph")
    assert graph.is_visible() and graph.locator("circle").count() == 2
    edge = graph.locator("a.kh-edge")
    assert edge.count() == 1
    detail = page.locator("#kh-m-graph details.kh-edge-detail")
    assert not detail.locator(".kh-m-quote").is_visible()
    edge.locator("line").click(force=True)
    assert detail.locator(".kh-m-quote").is_visible() and "دیدار و گفتگو کرد" in detail.inner_text()
    meetings = page.locator("#kh-person-page article.kh-person-page li.kh-p-meeting")
    meetings.first.wait_for()
    assert meetings.count() == 1 and "العاروری" in meetings.inner_text()
    assert page.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "meetings.png"), full_page=True)


def test_api_documentation_renders_offline(server, page):
    page.goto(f"{server.url}/docs", wait_until="domcontentloaded")
    page.get_by_text("/api/ask/stream").first.wait_for()
    assert page.get_by_text("/v1/chat/completions").first.is_visible()
