"""The reader's features on the seed article: question kinds, coverage, answer cues, and the shortlist order."""

from __future__ import annotations

from conftest import SEED

from assistant.answering.reader_features import (
    LEXICAL_FEATURES,
    SentenceView,
    lexical_matrix,
    question_kinds,
    sentence_cues,
)
from assistant.answering.span_features import candidates, tokens
from assistant.query.terms import question_terms
from index.text.normalize import normalize
from index.text.sentences import split_sentences
from index.text.tokens import terms
from training.reader.features import CorpusWeights


def _views(text: str, title: str = "") -> list[SentenceView]:
    """The seed's sentences as one passage ranked first."""
    spans = split_sentences(text)
    headline = frozenset(terms(normalize(title)))
    all_terms = headline.union(*(frozenset(terms(normalize(s.of(text)))) for s in spans))
    return [
        SentenceView(s.of(text), normalize(s.of(text)), frozenset(terms(normalize(s.of(text)))), headline, all_terms,
                     i, len(spans), 0, 0.85)
        for i, s in enumerate(spans)
    ]  # fmt: skip


def test_question_words_say_what_kind_of_answer_is_asked():
    assert question_kinds(normalize("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟")) >= {"person"}
    assert "number" in question_kinds(normalize("چند نفر در این حادثه کشته شدند؟"))
    assert "time" in question_kinds(normalize("این نمایشگاه در چه تاریخی برگزار می‌شود؟"))
    assert "place" in question_kinds(normalize("Where did the minister travel?"))
    assert question_kinds(normalize("شمخانی درباره معامله قرن گفت")) == frozenset()


def test_the_sentence_holding_the_question_words_covers_it_best_on_the_seed():
    text = SEED.read_text(encoding="utf-8")
    views = _views(text)
    weights = CorpusWeights([v.normalized for v in views])
    question = question_terms(normalize("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"), weights)
    matrix = lexical_matrix(question, frozenset({"person"}), views)
    coverage = matrix[:, LEXICAL_FEATURES.index("coverage")]
    assert matrix.shape == (len(views), len(LEXICAL_FEATURES))
    assert int(coverage.argmax()) == 0 and "شمخانی" in views[0].text
    assert matrix[:, LEXICAL_FEATURES.index("coverage_gap")].max() == 0.0
    assert matrix[0, LEXICAL_FEATURES.index("first_sentence")] == 1.0
    assert matrix[0, LEXICAL_FEATURES.index("asks_person")] == 1.0


def test_cues_see_numbers_and_dates_the_question_does_not_hold():
    text = "به گفته وی، آتش‌سوزی در پست فشار قوی شهریار عامل این حادثه بود و برق تا ساعت ۲۲ وصل شد."
    view = _views(text)[0]
    weights = CorpusWeights([view.normalized])
    assert "number" in sentence_cues(view, question_terms(normalize("برق تا چه ساعتی وصل شد؟"), weights))
    dated = _views("این نمایشگاه از ۵ تا ۲۱ اوت ۲۰۱۶ میلادی در ریو برگزار شد.")[0]
    assert "date" in sentence_cues(dated, question_terms(normalize("نمایشگاه کی برگزار شد؟"), weights))


def test_span_candidates_are_runs_of_whole_words_and_close_a_quote():
    sentence = "وی طرح موسوم به «معامله قرن» را اقدامی شکست خورده دانست."
    words = tokens(sentence)
    spans = {c.span.of(sentence) for c in candidates(sentence, words)}
    assert "«معامله قرن»" in spans and "شکست خورده" in spans
    assert all(not s.startswith(" ") and not s.endswith(" ") for s in spans)
