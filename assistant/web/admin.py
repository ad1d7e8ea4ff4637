"""Admin work behind the UI's admin tab: loading uploaded files and URLs, progress, and the article table."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from html import escape
from pathlib import Path

from assistant.display import shown_day
from assistant.web.backend import Backend
from assistant.web.intake import load_urls
from index.catalog import ArticleRow
from index.ingest import IngestReport
from index.loaders import FetchPolicy, LoaderError, LoadItem, load_source

ARTICLE_COLUMNS = ("id", "title", "agency", "quoting", "published", "category", "chunks")
"""Columns of the article table."""
ARTICLE_COLUMN_WIDTHS = ("16%", "34%", "12%", "10%", "10%", "12%", "6%")
"""Their widths, so that a long title wraps instead of pushing the other columns out of sight."""

log = logging.getLogger("khabar.admin")


class AdminError(Exception):
    """A mistake of the person using the admin tab (wrong token, unknown article): shown in the page, logged once."""


def admin_message(problem: AdminError | str, error: bool = True) -> str:
    """The admin tab's message line: a user error (also logged as one line, without a traceback) or a success."""
    if error:
        log.warning("admin: %s", problem)
    kind = "kh-admin-error" if error else "kh-admin-done"
    role = "alert" if error else "status"
    return f'<p class="kh-admin-message {kind}" role="{role}" dir="auto">{escape(str(problem))}</p>'


def load_inputs(paths: list[str], urls: str, policy: FetchPolicy) -> list[LoadItem]:
    """The articles (and load errors) of uploaded files and of URLs given one per line, fetched under `policy`."""
    items: list[LoadItem] = [item for path in paths for item in load_source(Path(path))]
    return items + load_urls((line.strip() for line in urls.splitlines() if line.strip()), policy)


def discard_uploads(paths: list[str]) -> None:
    """Delete uploaded files, and the folder Gradio made for each when it is left empty."""
    for path in map(Path, paths):
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()


class CallbackProgress:
    """Ingest progress reported as (articles done, total) to a callback, e.g. a progress bar of the UI."""

    def __init__(self, total: int, callback: Callable[[int, int], None]) -> None:
        if total < 0:
            raise ValueError(f"total must not be negative. Currently, total is {total}")
        self.total = total
        self.done = 0
        self.callback = callback

    def advance(self, articles: int, chunks: int, tokens: int) -> None:
        """Count processed articles and report."""
        self.done += articles
        self.callback(min(self.done, self.total), self.total)

    def close(self) -> None:
        """Report completion."""
        self.callback(self.total, self.total)


def ingest_summary(items: list[LoadItem], report: IngestReport) -> str:
    """The ingest's one-line summary, then one line per input that failed."""
    failures = [str(item) for item in items if isinstance(item, LoaderError)]
    failures += [reason for _, reason in report.failed]
    return "\n".join([report.summary(), *(f"failed: {reason}" for reason in failures)])


def ingest(backend: Backend, items: list[LoadItem], callback: Callable[[int, int], None]) -> str:
    """Index the loaded articles with progress; the summary to show."""
    articles = [item for item in items if not isinstance(item, LoaderError)]
    report = backend.ingest(articles, CallbackProgress(len(articles), callback))
    return ingest_summary(items, report)


def article_table(rows: list[ArticleRow]) -> list[list[object]]:
    """Rows of the article table, dates in the Jalali calendar of the Persian admin page."""
    return [
        [r.id, r.title, r.source, r.quoting, shown_day(r.published, True) if r.published else "", r.category, r.chunks]
        for r in rows
    ]
