"""Answers on the seed: the cited Shamkhani sentence in Persian and English, ي/ك folding, refusals, limits."""

from __future__ import annotations

import pytest
from conftest import SEED, SEED_ID, SEEDS

from assistant.app import Assistant, QuestionError
from assistant.retrieval.filters import SearchFilters
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings

ARABIC_LETTER_ARTICLE = (
    "به گزارش خبرگزاري فارس، وزير امور خارجه كشورمان در سفر به كيش با همتاي عماني خود ديدار كرد. "
    "در اين ديدار دو طرف درباره توسعه همكاري‌هاي اقتصادي و كشتيراني گفتگو كردند."
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    """An assistant over the seed and one article written with Arabic ي and ك."""
    from index.article import Article

    news_index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("answer")))
    items = [
        *load_source(SEEDS),
        Article(id="kish", title="ديدار در كيش", text=ARABIC_LETTER_ARTICLE, source="خبرگزاری فارس"),
    ]
    Ingestor(news_index, embedder).ingest(items)
    yield Assistant(news_index, embedder)
    news_index.close()


def test_persian_who_met_whom_is_answered_with_the_cited_sentence(assistant):
    answer = assistant.ask("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟")
    assert answer.found and "شمخانی" in answer.text and "[1]" in answer.text
    first = answer.citations[0]
    assert first.article_id == SEED_ID and first.source == "خبرگزاری مهر"
    assert SEED.read_text(encoding="utf-8")[first.start : first.end] == first.quote
    assert "دیدار و گفتگو کرد" in first.quote


def test_english_question_over_persian_news(assistant):
    answer = assistant.ask("Who did the deputy head of Hamas's political bureau meet?")
    assert answer.found and answer.citations[0].article_id == SEED_ID
    assert "شمخانی" in answer.text


def test_modern_letters_find_text_written_with_arabic_letters(assistant):
    answer = assistant.ask("وزیر امور خارجه در کیش با کدام همتای خود دیدار کرد؟")
    assert answer.found and answer.citations[0].article_id == "kish"
    assert "عماني" in answer.citations[0].quote  # the quote stays verbatim, Arabic letters and all


def test_words_typed_without_a_space_are_parted_when_the_index_knows_both(assistant):
    query = assistant.retriever.prepare("نایب رئیس دفتر سیاسی حماس با دبیرشورای عالی امنیت ملی دیدار کرد؟")
    assert "دبیر شورای" in query.normalized
    assert "آیفون" in assistant.retriever.prepare("قیمت گوشی آیفون چند است؟").normalized  # unknown: left whole
    answer = assistant.ask("نایب رئیس دفتر سیاسی حماس با دبیرشورای عالی امنیت ملی دیدار کرد؟")
    assert answer.found and answer.citations[0].article_id == SEED_ID


def test_what_the_news_does_not_say_is_refused(assistant):
    answer = assistant.ask("قیمت بیت کوین در بازار امروز چقدر است؟")
    assert not answer.found and answer.citations == [] and answer.passages
    assert answer.text == "در اخبار موجود پاسخی برای این پرسش پیدا نشد."
    assert (
        assistant.ask("What is the price of bitcoin today?").text == "The available news does not answer this question."
    )


def test_answers_are_concise_and_markers_match_citations(assistant):
    answer = assistant.ask("شمخانی درباره معامله قرن چه گفت؟")
    assert answer.found and "معامله قرن" in answer.text
    assert len(answer.text) <= 420
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.text


def test_filters_apply_to_both_searches(assistant):
    only_fars = SearchFilters(source="خبرگزاری فارس")
    passages = assistant.ask("شمخانی", filters=only_fars).passages
    assert passages and {p.article_id for p in passages} == {"kish"}


def test_bad_questions_are_rejected_with_a_reason(assistant):
    for question, reason in (("", "empty"), ("   ", "empty"), ("?!؟", "no words"), ("س" * 1001, "limit")):
        with pytest.raises(QuestionError, match=reason):
            assistant.ask(question)
    with pytest.raises(ValueError, match="k must be greater than 0"):
        assistant.ask("شمخانی", k=0)


def test_a_repeated_question_is_answered_from_the_cache_until_the_index_changes(assistant, embedder):
    from index.article import Article

    question = "شمخانی درباره معامله قرن چه گفت؟"
    first = assistant.ask(question)
    again = assistant.ask(question)
    assert again.text == first.text and again.citations == first.citations
    assert assistant.cache.get((question, 5, None, "hybrid", ()), assistant.index.manifest.generation) is not None
    extra = Article(
        id="cache-extra", title="خبر تازه", text="شمخانی امروز در تهران با سفیر عمان دیدار کرد.", source="ایسنا"
    )
    Ingestor(assistant.index, embedder).ingest([extra])
    assert assistant.cache.get((question, 5, None, "hybrid", ()), assistant.index.manifest.generation) is None
    assistant.index.remove("cache-extra")
