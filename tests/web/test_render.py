"""HTML of answers and articles: everything escaped, passages and cited sentences marked, direction per text."""

from __future__ import annotations

from web.support import XSS_ARTICLE

from assistant.answer import Answer, Citation, Passage
from assistant.web.locale import ENGLISH, PERSIAN, is_persian, labels_for
from assistant.web.render import ARTICLE_VIEW_CHARS, answer_html, article_view, conversation_html, highlighted
from index.article import Article

ARTICLE = Article(XSS_ARTICLE["id"], XSS_ARTICLE["title"], XSS_ARTICLE["text"], XSS_ARTICLE["url"], "خبرگزاری نمونه")
SENTENCE = ARTICLE.text.split("\n")[1]
START = ARTICLE.text.index(SENTENCE)


def answer(found: bool = True) -> Answer:
    """An answer citing the second line of the hostile article."""
    passage = Passage(
        "c1", ARTICLE.id, ARTICLE.title, ARTICLE.url, ARTICLE.source, None, "", ARTICLE.text, 0, len(ARTICLE.text), 1.0
    )
    citation = Citation(
        1, ARTICLE.id, "c1", ARTICLE.title, ARTICLE.source, None, ARTICLE.url, SENTENCE, START, START + len(SENTENCE)
    )
    text = f"{SENTENCE} [1]" if found else "در اخبار موجود پاسخی برای این پرسش پیدا نشد."
    return Answer(
        "کتابخانه تا کی باز است؟", text, found, [citation] if found else [], [passage], "کتابخانه تا کی باز است؟"
    )


def test_hostile_article_text_is_escaped_everywhere():
    html = answer_html(answer(), {ARTICLE.id: ARTICLE}, turn=1)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("javascript:window", "")
    assert "&lt;script&gt;window.khabarPwned = &#x27;script&#x27;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;window.khabarPwned = &#x27;img&#x27;&quot;&gt;" in html
    assert 'href="javascript' not in html


def test_answer_has_markers_linked_to_sources_with_the_sentence_marked():
    html = answer_html(answer(), {ARTICLE.id: ARTICLE}, turn=3)
    assert '<a class="kh-marker" href="#kh-3-1">[۱]</a>' in html
    assert '<details class="kh-source" id="kh-3-1" data-article="xss-1">' in html
    assert html.count('<mark class="kh-cited">') == 2  # in the source's passage and in the whole article
    assert "خبرگزاری نمونه" in html and "بی‌تاریخ" in html and 'class="kh-article"' in html
    assert 'dir="rtl"' in html and "«کتابخانه تا کی باز است؟»" in html


def test_not_found_is_a_designed_state_with_the_closest_passages():
    html = answer_html(answer(found=False), {ARTICLE.id: ARTICLE}, turn=1)
    assert "kh-not-found" in html and "نزدیک‌ترین بخش‌ها" in html and "kh-closest" in html
    assert "kh-marker" not in html and "kh-cited" not in html


def test_streamed_text_shows_only_what_is_composed():
    html = answer_html(answer(), {ARTICLE.id: ARTICLE}, turn=1, shown="در این خبر ")
    assert '<p class="kh-text" dir="auto">در این خبر </p>' in html and "kh-sources" in html and "kh-composing" in html
    assert "kh-composing" not in answer_html(answer(), {ARTICLE.id: ARTICLE}, turn=1)


def test_highlight_marks_passage_and_sentence_at_article_offsets():
    text = "اول. دوم جمله. سوم."
    html = highlighted(text, 100, passages=[(105, 119)], marks=[(105, 114)])
    passage = '<span class="kh-passage"><mark class="kh-cited">دوم جمله.</mark></span>'
    assert html == f'اول. {passage}<span class="kh-passage"> سوم.</span>'


def test_long_article_is_shown_as_a_window_around_the_passage():
    text = "آغاز. " + "متن " * ARTICLE_VIEW_CHARS + "جمله هدف." + " پایان" * 10
    start = text.index("جمله هدف.")
    article = Article("long", "بلند", text)
    html = article_view(article, [(start, start + 9)], [(start, start + 9)], PERSIAN)
    assert '<mark class="kh-cited">جمله هدف.</mark>' in html and "آغاز." not in html and "kh-note" in html


def test_direction_and_digits_follow_the_language():
    assert is_persian("شمخانی with Hamas") and not is_persian("Who met شمخانی?")
    assert (
        labels_for("Who met?") is ENGLISH
        and ENGLISH.digits("12") == "12"
        and PERSIAN.digits("2020-01-02") == "۲۰۲۰-۰۱-۰۲"
    )
    html = conversation_html([("<b>Who</b> met?", "<p>a</p>")])
    assert '<div class="kh-question" dir="auto">&lt;b&gt;Who&lt;/b&gt; met?</div><p>a</p>' in html
