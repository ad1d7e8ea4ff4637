"""HTML of answers, sources and articles for the chat UI; every text from a question or an article is escaped.

The markup needs no script: each source is a `<details>` whose summary shows title, agency, date, link and the
passage with the cited sentence marked, and which opens on the whole article with the passage highlighted.
Every block takes its direction from its own text (`dir="auto"`, `unicode-bidi: plaintext` in the CSS), so
Persian and English sit right in the same conversation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape
from itertools import pairwise
from urllib.parse import urlparse

from assistant.answer import Answer, Citation, Passage
from assistant.web.locale import Labels, labels_for
from assistant.web.verified import verification_html
from index.article import Article

ARTICLE_VIEW_CHARS = 20_000
"""Longer articles are shown as a window of this many characters around the passage."""

_MARKER = re.compile(r"\[(\d+)\]")
Span = tuple[int, int]


def _e(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def _safe_url(url: str) -> str | None:
    """The URL when it is http(s), else None (never a javascript: or data: link)."""
    return url if urlparse(url).scheme in ("http", "https") else None


def highlighted(text: str, base: int, passages: Sequence[Span], marks: Sequence[Span]) -> str:
    """Escaped `text` (which starts at article offset `base`) with passage spans and cited sentences marked."""
    points = {0, len(text)}
    for start, end in (*passages, *marks):
        points.update(min(max(p - base, 0), len(text)) for p in (start, end))
    ordered = sorted(points)
    parts = []
    for a, b in pairwise(ordered):
        piece = _e(text[a:b])
        if any(s <= a + base and b + base <= e for s, e in marks):
            piece = f'<mark class="kh-cited">{piece}</mark>'
        if any(s <= a + base and b + base <= e for s, e in passages):
            piece = f'<span class="kh-passage">{piece}</span>'
        parts.append(piece)
    return "".join(parts)


def article_view(article: Article, passages: Sequence[Span], marks: Sequence[Span], labels: Labels) -> str:
    """The whole article (or a window around the passage when very long), the passage and cited sentences marked."""
    text, base, note = article.text, 0, ""
    if len(text) > ARTICLE_VIEW_CHARS:
        center = passages[0][0] if passages else 0
        base = max(0, min(center - ARTICLE_VIEW_CHARS // 2, len(text) - ARTICLE_VIEW_CHARS))
        text = text[base : base + ARTICLE_VIEW_CHARS]
        note = f'<p class="kh-note">{_e(labels.excerpt_note)}</p>'
    return (
        f'<div class="kh-article" dir="auto"><h4 dir="auto">{_e(article.title or article.id)}</h4>{note}'
        f'<div class="kh-article-text" dir="auto">{highlighted(text, base, passages, marks)}</div></div>'
    )


def _meta(source: str, published: date | None, url: str, labels: Labels) -> str:
    """Agency · date · link."""
    parts = [f'<span class="kh-agency" dir="auto">{_e(source or labels.unknown_agency)}</span>']
    parts.append(f'<span class="kh-date">{_e(labels.day(published))}</span>')
    safe = _safe_url(url)
    if safe:
        parts.append(
            f'<a class="kh-link" href="{_e(safe)}" target="_blank" rel="noopener noreferrer">{_e(labels.link)}</a>'
        )
    return '<span class="kh-meta">' + " · ".join(parts) + "</span>"


def _card(
    anchor: str,
    number: str,
    passage: Passage,
    marks: Sequence[Span],
    article: Article | None,
    labels: Labels,
) -> str:
    """One source: number, title, agency, date, link and the passage; opens on the whole article."""
    quote = highlighted(passage.text, passage.start, [], marks)
    body = article_view(article, [(passage.start, passage.end)], marks, labels) if article else ""
    number_html = f'<span class="kh-n">{_e(number)}</span> ' if number else ""
    return (
        f'<li><details class="kh-source" id="{_e(anchor)}" data-article="{_e(passage.article_id)}"><summary>'
        f'<span class="kh-source-head">{number_html}<span class="kh-title" dir="auto">'
        f"{_e(passage.title or passage.article_id)}</span></span>"
        f"{_meta(passage.source, passage.published, passage.url, labels)}"
        f'<span class="kh-quote" dir="auto">{quote}</span>'
        f'<span class="kh-open">{_e(labels.whole_article)}</span>'
        f"</summary>{body}</details></li>"
    )


def _cited_passages(answer: Answer) -> list[tuple[int, Passage, list[Span]]]:
    """(marker number, passage, cited spans) for each cited article, in marker order."""
    by_chunk = {p.chunk_id: p for p in answer.passages}
    grouped: dict[int, tuple[Passage, list[Span]]] = {}
    for citation in answer.citations:
        passage = by_chunk.get(citation.chunk_id) or _quote_passage(citation)
        entry = grouped.setdefault(citation.n, (passage, []))
        entry[1].append((citation.start, citation.end))
    return [(n, passage, spans) for n, (passage, spans) in sorted(grouped.items())]


def _quote_passage(citation: Citation) -> Passage:
    """A passage of just the quote, for a citation whose chunk is not among the passages."""
    return Passage(
        citation.chunk_id,
        citation.article_id,
        citation.title,
        citation.url,
        citation.source,
        citation.published,
        "",
        citation.quote,
        citation.start,
        citation.end,
        0.0,
    )


def answer_text_html(text: str, anchors: Mapping[int, str], labels: Labels) -> str:
    """Escaped answer text with each known marker [n] as a link to its source."""

    def marker(match: re.Match) -> str:
        n = int(match.group(1))
        if n not in anchors:
            return match.group(0)
        return f'<a class="kh-marker" href="#{_e(anchors[n])}">[{_e(labels.digits(str(n)))}]</a>'

    return _MARKER.sub(marker, _e(text))


def answer_html(answer: Answer, articles: Mapping[str, Article], turn: int, shown: str | None = None) -> str:
    """An answer with its markers and sources, or the designed not-found state with the closest passages.

    `shown` is the part of the text composed so far while streaming (the whole text when None).
    """
    labels = labels_for(answer.question)
    prefix = f"kh-{turn}-"
    cited = _cited_passages(answer) if answer.found else []
    anchors = {n: f"{prefix}{n}" for n, _, _ in cited}
    text = answer.text if shown is None else shown
    state = ("kh-found" if answer.found else "kh-not-found") + ("" if shown is None else " kh-composing")
    parts = [
        f'<div class="kh-answer {state}" lang="{labels.lang}" dir="{labels.dir}">',
        f'<p class="kh-text" dir="auto">{answer_text_html(text, anchors, labels)}</p>',
        verification_html(answer, labels.persian),
    ]
    if answer.found:
        cards = [
            _card(anchors[n], f"[{labels.digits(str(n))}]", passage, spans, articles.get(passage.article_id), labels)
            for n, passage, spans in cited
        ]
        parts.append(f'<h4 class="kh-heading">{_e(labels.sources)}</h4><ol class="kh-sources">{"".join(cards)}</ol>')
    elif answer.passages:
        cards = [
            _card(f"{prefix}p{i}", "", passage, [], articles.get(passage.article_id), labels)
            for i, passage in enumerate(answer.passages[:3], start=1)
        ]
        parts.append(f'<h4 class="kh-heading">{_e(labels.closest)}</h4><ol class="kh-sources kh-closest">')
        parts.append("".join(cards) + "</ol>")
    if answer.undated_note:
        parts.append(f'<p class="kh-note kh-undated" dir="auto">{_e(labels.digits(answer.undated_note))}</p>')
    parts.append(f'<p class="kh-searched" dir="auto">{_e(labels.searched)}: «{_e(answer.searched)}»</p></div>')
    return "".join(parts)


def question_html(question: str) -> str:
    """A question of the conversation."""
    return f'<div class="kh-question" dir="auto">{_e(question)}</div>'


def pending_html(question: str) -> str:
    """The answer's place while the news is searched."""
    labels = labels_for(question)
    return f'<div class="kh-answer kh-pending" dir="{labels.dir}"><p class="kh-text">{_e(labels.searching)}</p></div>'


def error_html(message: str) -> str:
    """A refused question (empty, too long, bad filter): the reason, in place of an answer."""
    return f'<div class="kh-answer kh-error" dir="auto"><p class="kh-text" dir="auto">{_e(message)}</p></div>'


EMPTY_HTML = (
    '<div class="kh-empty"><p dir="rtl">از اخبار بپرسید: هر پاسخ جمله‌هایی از خود خبرهاست، با منبع و تاریخ.</p>'
    '<p dir="ltr">Ask the news: every answer is sentences from the articles, with their sources.</p></div>'
)
"""What the conversation shows before the first question."""


def conversation_html(turns: Sequence[tuple[str, str]]) -> str:
    """The whole conversation: each question followed by its answer's HTML (a welcome line while empty)."""
    items = "".join(f'<div class="kh-turn">{question_html(q)}{a}</div>' for q, a in turns) or EMPTY_HTML
    return f'<div class="kh-conversation">{items}</div>'


def status_html(stats: Mapping[str, object], labels: Labels) -> str:
    """The index-status line: articles, chunks, last ingest."""
    articles = labels.number(int(stats.get("articles", 0)))  # type: ignore[call-overload]
    chunks = labels.number(int(stats.get("chunks", 0)))  # type: ignore[call-overload]
    last = labels.moment(stats.get("last_ingest"))  # type: ignore[arg-type]
    if labels.persian:
        line = f"{articles} خبر · {chunks} بخش · آخرین افزودن: {last}"
    else:
        line = f"{articles} articles · {chunks} chunks · last ingest: {last}"
    return f'<p class="kh-status" dir="{labels.dir}">{_e(line)}</p>'
