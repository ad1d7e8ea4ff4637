"""The chat UI (the one module that imports Gradio): the full page with tabs, and the chat-only page for portals.

Tabs are built by the functions in TABS, each given the shared `Page`; a new tab is one more entry there.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import gradio as gr

from assistant.retrieval.filters import form_day
from assistant.web.admin import (
    ARTICLE_COLUMN_WIDTHS,
    ARTICLE_COLUMNS,
    AdminError,
    admin_message,
    article_table,
    discard_uploads,
    ingest,
    load_inputs,
)
from assistant.web.assets import CSS, FONT_STACK, HEAD
from assistant.web.auth import Role
from assistant.web.backend import Backend
from assistant.web.chat import EXAMPLES, form_filters, respond
from assistant.web.gate import SIGN_IN, SIGN_OUT, Gatekeeper
from assistant.web.locale import PERSIAN
from assistant.web.meetings import STATUS_LABELS, TOP_PEOPLE, graph_svg, meeting_filter, meetings_table_html
from assistant.web.people import page_html, people_list_html
from assistant.web.render import conversation_html, status_html
from index.loaders import LOADERS, MAX_FILE_BYTES, FetchPolicy
from index.meetings.query import meeting_graph

_CACHE = (3600, 3600)
"""Every hour Gradio deletes uploads older than an hour that an interrupted ingest left (hand-set)."""
_PROGRESS = gr.Progress()
"""The progress tracker default that Gradio replaces with each event's own."""


@dataclass
class Page:
    """What tab builders share: the backend, the gatekeeper (who is admin) and the status line."""

    backend: Backend
    keeper: Gatekeeper
    fetch_policy: FetchPolicy = field(default_factory=FetchPolicy)
    status: gr.HTML | None = None

    def is_admin(self, request: gr.Request | None) -> bool:
        """Whether the request comes from the admin's signed-in session (or bears the admin token)."""
        return request is not None and self.keeper.role_of(dict(request.headers)) is Role.ADMIN


@dataclass(frozen=True)
class Tab:
    """A tab of the full page; admin tabs are shown to the admin's signed-in session only."""

    label: str
    build: Callable[[Page], None]
    admin: bool = False


def _refusal(message: str) -> gr.Error:
    """An error toast for a refused input: escaped (toasts render HTML), logged by Gradio without a traceback."""
    return gr.Error(html.escape(message), print_exception=False)


def _status(backend: Backend) -> str:
    """The index-status line."""
    return status_html(backend.stats(), PERSIAN)


def _facet_choices(values: list[str]) -> list[tuple[str, str]]:
    """Dropdown choices: "all" then each value."""
    return [("همه", ""), *((value, value) for value in values)]


def _chat(page: Page, *, filters: bool) -> None:
    """The conversation, the question box, example questions and (on the full page) the filters."""
    backend = page.backend
    turns = gr.State([])
    conversation = gr.HTML(conversation_html([]), elem_id="kh-conversation", autoscroll=True)
    examples = gr.Dataset(
        label="نمونه پرسش‌ها · Example questions",
        components=[gr.Textbox(render=False)],
        samples=[[question] for question in EXAMPLES],
        elem_id="kh-examples",
    )
    with gr.Row(equal_height=True, elem_id="kh-ask-row"):
        question = gr.Textbox(
            show_label=False,
            placeholder="پرسش خود را درباره اخبار بنویسید… · Ask about the news…",
            elem_id="kh-question",
            scale=8,
            max_lines=6,
            autofocus=True,
        )
        send = gr.Button("بپرس", variant="primary", scale=1, min_width=80, elem_id="kh-send")
        clear = gr.Button("گفتگوی تازه", variant="secondary", scale=1, min_width=80, elem_id="kh-clear")
    inputs = [question, turns]
    if filters:
        with gr.Accordion("پالایش: خبرگزاری، دسته، بازه تاریخ", open=False, elem_id="kh-filters"), gr.Row():
            source = gr.Dropdown(_facet_choices([]), value="", label="خبرگزاری", elem_id="kh-source")
            category = gr.Dropdown(_facet_choices([]), value="", label="دسته", elem_id="kh-category")
            since = gr.Textbox("", label="از تاریخ", placeholder="۱۴۰۰/۰۲/۲۵ · 2021-05-15", elem_id="kh-since")
            until = gr.Textbox("", label="تا تاریخ", placeholder="۱۴۰۰/۰۳/۰۱ · 2021-05-22", elem_id="kh-until")
        inputs += [source, category, since, until]

        def facets():
            sources, categories = backend.facets()
            return gr.Dropdown(choices=_facet_choices(sources)), gr.Dropdown(choices=_facet_choices(categories))

        source.focus(facets, outputs=[source, category], api_visibility="private", queue=False)
        category.focus(facets, outputs=[source, category], api_visibility="private", queue=False)

    def ask(text: str, history: list, source: str = "", category: str = "", since: str = "", until: str = ""):
        """Answer a question of the conversation, streamed; earlier questions resolve follow-ups."""
        try:
            search_filters = form_filters(source, category, since, until)
        except ValueError as error:
            raise _refusal(str(error)) from None
        for state in respond(backend, text, list(history), search_filters):
            yield conversation_html(state), state, "", gr.Dataset(visible=False)

    outputs = [conversation, turns, question, examples]
    question.submit(ask, inputs, outputs, api_name="ask", show_progress="hidden")
    send.click(ask, inputs, outputs, api_visibility="private", show_progress="hidden")
    examples.click(lambda sample: sample[0], examples, question, api_visibility="private", queue=False).then(
        ask, inputs, outputs, api_visibility="private", show_progress="hidden"
    )
    clear.click(
        lambda: (conversation_html([]), [], "", gr.Dataset(visible=True)),
        outputs=outputs,
        api_visibility="private",
        queue=False,
    )


def _chat_tab(page: Page) -> None:
    """The chat of the full page, with filters."""
    _chat(page, filters=True)


def _admin_tab(page: Page) -> None:
    """Ingest files, URLs or feeds with progress; list, find and remove articles; user errors shown in the page."""
    backend = page.backend

    def admin_only(request: gr.Request | None) -> None:
        if not page.is_admin(request):
            raise AdminError("این کار به ورود مدیر نیاز دارد. · This needs the admin's sign-in.")

    gr.Markdown("### افزودن خبر · Ingest")
    files = gr.File(label="پرونده‌ها", file_count="multiple", file_types=sorted(LOADERS), elem_id="kh-admin-files")
    urls = gr.Textbox(label="نشانی صفحه یا خوراک RSS/Atom (هر خط یکی)", lines=2, elem_id="kh-admin-urls")
    run = gr.Button("افزودن به نمایه", variant="primary", elem_id="kh-admin-ingest")
    result = gr.Textbox(label="نتیجه", interactive=False, lines=3, elem_id="kh-admin-result")
    message = gr.HTML("", elem_id="kh-admin-message")

    def ingest_inputs(paths: list[str] | None, lines: str, request: gr.Request, progress=_PROGRESS):
        try:
            admin_only(request)
            progress(0, desc="loading")
            items = load_inputs(list(paths or []), lines or "", page.fetch_policy)
        except AdminError as error:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), admin_message(error)
        finally:
            discard_uploads(paths or [])
        summary = ingest(backend, items, lambda done, total: progress((done, total), desc="ingest", unit="articles"))
        return summary, None, "", _status(backend), ""

    gr.Markdown("### خبرها · Articles")
    with gr.Row(equal_height=True):
        query = gr.Textbox(label="جستجو در شناسه، عنوان، خبرگزاری یا نشانی", scale=4, elem_id="kh-admin-query")
        refresh = gr.Button("نمایش", scale=1, elem_id="kh-admin-list")
    table = gr.Dataframe(
        headers=list(ARTICLE_COLUMNS),
        interactive=False,
        wrap=True,
        column_widths=list(ARTICLE_COLUMN_WIDTHS),
        elem_id="kh-admin-table",
    )
    with gr.Row(equal_height=True):
        key = gr.Textbox(label="شناسه یا نشانی خبر برای حذف", scale=4, elem_id="kh-admin-remove-id")
        remove = gr.Button("حذف", variant="stop", scale=1, elem_id="kh-admin-remove")

    def listing(text: str, request: gr.Request):
        try:
            admin_only(request)
        except AdminError as error:
            return gr.skip(), admin_message(error)
        return article_table(backend.articles(text or "", limit=200)[1]), ""

    def remove_article(article_key: str, text: str, request: gr.Request):
        try:
            admin_only(request)
            article_key = (article_key or "").strip()
            removed = backend.remove(article_key) if article_key else None
            if removed is None:
                raise AdminError(f"خبری با این شناسه یا نشانی نیست. · No article with id or URL {article_key[:200]!r}.")
        except AdminError as error:
            return gr.skip(), gr.skip(), gr.skip(), admin_message(error)
        done = admin_message(f"حذف شد · Removed {removed}", error=False)
        return "", article_table(backend.articles(text or "", limit=200)[1]), _status(backend), done

    private = {"api_visibility": "private"}
    run.click(ingest_inputs, [files, urls], [result, files, urls, page.status, message], **private).then(
        listing, [query], [table, message], **private
    )
    refresh.click(listing, [query], [table, message], **private)
    query.submit(listing, [query], [table, message], **private)
    remove.click(remove_article, [key, query], [key, table, page.status, message], **private)


def _meetings_tab(page: Page) -> None:
    """Who met whom: filters (person, status, date range, how many people), the table, the graph, and the page of
    a person picked in the graph or in the list of people found."""
    backend = page.backend
    with gr.Row(equal_height=True):
        person = gr.Textbox(
            label="جستجوی شخص · Person", placeholder="مثلاً شمخانی", scale=3, max_lines=1, elem_id="kh-m-person"
        )
        status = gr.Dropdown(
            [("همه", ""), *((label, value) for value, label in STATUS_LABELS.items())],
            value="",
            label="وضعیت · Status",
            scale=2,
            elem_id="kh-m-status",
        )
        since = gr.Textbox("", label="از تاریخ", placeholder="2021-05-15", scale=2, max_lines=1, elem_id="kh-m-since")
        until = gr.Textbox("", label="تا تاریخ", placeholder="1400/03/01", scale=2, max_lines=1, elem_id="kh-m-until")
        top = gr.Slider(
            5, 100, value=TOP_PEOPLE, step=5, label="نفرات گراف · People shown", scale=2, elem_id="kh-m-top"
        )
        search = gr.Button("نمایش دیدارها", variant="primary", scale=1, min_width=80, elem_id="kh-m-search")
    hint = '<p class="kh-m-empty" dir="rtl">نامی بنویسید یا «نمایش دیدارها» را بزنید.</p>'
    table = gr.HTML(hint, elem_id="kh-m-table")
    gr.Markdown("### چه کسی با چه کسی · Who met whom")
    graph = gr.HTML("", elem_id="kh-m-graph")
    gr.Markdown("### صفحه شخص · Person")
    people = gr.HTML("", elem_id="kh-p-list")
    chosen = gr.Textbox("", show_label=False, elem_id="kh-p-open", elem_classes="kh-hidden", max_lines=1)
    go = gr.Button("open", elem_id="kh-p-go", elem_classes="kh-hidden")
    person_page = gr.HTML(page_html(None), elem_id="kh-person-page")

    def open_person(person_id: str, start: str, end: str):
        """The page of the person picked (by id), within the date range."""
        try:
            first, last = form_day(start, "since"), form_day(end, "until")
        except ValueError as error:
            raise _refusal(str(error)) from None
        return page_html(backend.person((person_id or "").strip(), first, last)) if person_id else page_html(None)

    def show(text: str, state: str, start: str, end: str, count: float):
        """The matching meetings as a table and a graph; the people the text names and the best one's page."""
        text = (text or "").strip()
        try:
            where = meeting_filter(text, start, end, state or "")
            found = backend.meetings(where)
        except ValueError as error:
            raise _refusal(str(error)) from None
        named = backend.people(text, limit=10) if text else []
        best = backend.person(named[0].id, where.since, where.until) if named else None
        return (
            meetings_table_html(found),
            graph_svg(meeting_graph(found), top=int(count)),
            people_list_html(named) if text else "",
            page_html(best),
        )

    private = {"api_visibility": "private"}
    inputs, outputs = [person, status, since, until, top], [table, graph, people, person_page]
    search.click(show, inputs, outputs, **private)
    person.submit(show, inputs, outputs, **private)
    status.input(show, inputs, outputs, **private)
    top.release(show, inputs, outputs, **private)
    go.click(open_person, [chosen, since, until], person_page, **private)


TABS: tuple[Tab, ...] = (
    Tab("گفتگو · Chat", _chat_tab),
    Tab("مدیریت · Admin", _admin_tab, admin=True),
    Tab("دیدارها · Meetings", _meetings_tab),
)
"""The tabs of the full page, in order."""


def full_page(backend: Backend, keeper: Gatekeeper, fetch_policy: FetchPolicy | None = None) -> gr.Blocks:
    """The chat with filters and index status, the other tabs, and the admin tab for the admin's session."""
    page = Page(backend, keeper, fetch_policy or FetchPolicy())
    with gr.Blocks(title="خبر · khabar", analytics_enabled=False, delete_cache=_CACHE) as blocks:
        with gr.Row(elem_classes="kh-brand"):
            gr.HTML(
                "<h1>خبر · khabar</h1><p>پرسش از اخبار با پاسخ‌های مستند · Ask the news, get cited answers</p>",
                elem_classes="kh-brand",
            )
            page.status = gr.HTML(_status(backend), elem_id="kh-status")
        admin_tabs = []
        with gr.Tabs():
            for tab in TABS:
                if tab.admin and not keeper.access.writes_enabled:
                    continue
                with gr.Tab(tab.label, visible=not tab.admin) as item:
                    tab.build(page)
                if tab.admin:
                    admin_tabs.append(item)
        if admin_tabs:
            _admin_login(page, admin_tabs, blocks)
        blocks.load(lambda: _status(backend), outputs=page.status, api_visibility="private", queue=False)
    return blocks


def _admin_login(page: Page, tabs: list[gr.Tab], blocks: gr.Blocks) -> None:
    """The sign-in form (a plain form posting to /auth/login, so the key becomes an HttpOnly cookie) and, for the
    admin's session, the admin tabs revealed and a sign-out button."""
    sign_in = (
        f'<form method="post" action="{SIGN_IN}" class="kh-signin">'
        '<input type="password" name="key" placeholder="admin token" autocomplete="current-password" required>'
        '<input type="hidden" name="next" value="/">'
        '<button type="submit" id="kh-admin-enter">ورود · Sign in</button></form>'
    )
    sign_out = (
        f'<form method="post" action="{SIGN_OUT}" class="kh-signin"><span>مدیر · admin</span>'
        '<button type="submit" id="kh-admin-leave">خروج · Sign out</button></form>'
    )
    with gr.Accordion("ورود مدیر · Admin", open=False, elem_id="kh-admin-login"):
        form = gr.HTML(sign_in)

    def reveal(request: gr.Request):
        admin = page.is_admin(request)
        return sign_out if admin else sign_in, *(gr.Tab(visible=admin) for _ in tabs)

    blocks.load(reveal, outputs=[form, *tabs], api_visibility="private", queue=False)


def embed_page(backend: Backend, keeper: Gatekeeper) -> gr.Blocks:
    """The chat alone, for an `<iframe>` in a portal: no header, tabs, filters or admin."""
    with gr.Blocks(title="خبر · khabar", analytics_enabled=False, fill_height=True, delete_cache=_CACHE) as blocks:
        _chat(Page(backend, keeper), filters=False)
    return blocks


def mount_ui(app, backend: Backend, keeper: Gatekeeper, fetch_policy: FetchPolicy) -> None:
    """Mount the chat-only page at /embed and the full page at / on the FastAPI app.

    Uploads (admin only, checked by the gate) go to Gradio's cache and are deleted once ingested; anything left
    by an interrupted upload is deleted within the hour.
    """
    theme = gr.themes.Soft(font=list(FONT_STACK), font_mono=["ui-monospace", "Consolas", "monospace"])
    common = {
        "footer_links": [],
        "run_history": False,
        "max_file_size": MAX_FILE_BYTES,
        "theme": theme,
        "css": CSS,
        "head": HEAD,
        "ssr_mode": False,
    }
    pages = (("/embed", embed_page(backend, keeper)), ("/", full_page(backend, keeper, fetch_policy)))
    for path, blocks in pages:
        gr.mount_gradio_app(app, blocks, path=path, **common)  # its pages declared RTL by the app's `Rewrites`
