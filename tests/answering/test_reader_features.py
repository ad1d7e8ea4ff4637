"""The reader's features on the seed article: question kinds, coverage, answer cues, and the lexical rows."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SEED

from assistant.answering.reader_features import (
    LEXICAL_FEATURES,
    Background,
    SentenceView,
    lexical_matrix,
    sentence_cues,
)
from assistant.answering.span_features import candidates, tokens
from assistant.query.kinds import question_kinds
from assistant.query.terms import question_terms
from index.text.normalize import normalize
from index.text.sentences import split_sentences
from index.text.tokens import ARABIC_SCRIPT, terms
from training.reader.features import CorpusWeights, reworded, script_neutral


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
    matrix = lexical_matrix(question, frozenset({"person"}), views, Background(0.79, 0.02))
    coverage = matrix[:, LEXICAL_FEATURES.index("coverage")]
    assert matrix.shape == (len(views), len(LEXICAL_FEATURES))
    assert int(coverage.argmax()) == 0 and "شمخانی" in views[0].text
    assert matrix[:, LEXICAL_FEATURES.index("coverage_gap")].max() == 0.0
    assert matrix[0, LEXICAL_FEATURES.index("first_sentence")] == 1.0
    assert matrix[0, LEXICAL_FEATURES.index("asks_person")] == 1.0
    assert matrix[0, LEXICAL_FEATURES.index("passage_similarity_z")] == pytest.approx((0.85 - 0.79) / 0.02)


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


def test_a_background_reads_similarities_as_spreads_above_the_corpus():
    background = Background.of(np.array([0.70, 0.72, 0.74, 0.76]))
    assert background.mean == pytest.approx(0.73)
    assert background.z(np.array([0.73, 0.73 + background.spread])) == pytest.approx([0.0, 1.0])
    assert Background.of(np.array([0.8, 0.8])).spread > 0  # a flat background never divides by zero


def test_across_languages_only_numbers_and_latin_words_meet():
    view = _views("وارسته از بهره‌برداری 6 هزار و 127 دفتر ICT روستایی خبر داد.")[0]
    across = script_neutral(view)
    assert across.terms and all(not ARABIC_SCRIPT.search(t) for t in across.terms)
    assert {"127", "ict"} <= across.terms and across.text == view.text


def test_a_question_in_other_words_keeps_its_weight_but_meets_only_what_its_answer_does_not_say():
    text = SEED.read_text(encoding="utf-8")
    views = _views(text)
    weights = CorpusWeights([v.normalized for v in views])
    asked = question_terms(normalize("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"), weights)
    reworded_question = reworded(asked, views[0].terms)
    assert sum(reworded_question.weights.values()) == pytest.approx(sum(asked.weights.values()))
    assert asked.coverage(set(views[0].terms)) > 0.5 and reworded_question.coverage(set(views[0].terms)) == 0.0
    as_asked = lexical_matrix(asked, frozenset({"person"}), views, Background(0.79, 0.02))
    other_words = lexical_matrix(reworded_question, frozenset({"person"}), views, Background(0.79, 0.02))
    coverage = LEXICAL_FEATURES.index("coverage")
    assert other_words[0, coverage] == 0.0 and other_words[:, coverage].max() < as_asked[:, coverage].max()
