"""A long answering sentence cut to the part that answers, verbatim, even where one clause is longer than the room."""

from __future__ import annotations

from assistant.answering.trim import best_window
from assistant.query.terms import question_terms
from index.text.normalize import normalize

# FarsNews (fars-news-3.json, article 187): the Elysee's statement on Hollande's call to Cameron
SENTENCE = (
    "به نوشته روزنامه فرانسوی فیگارو، در بیانیه منتشره از سوی کاخ الیزه آمده است: اولاند طی این گفت‌وگو به کامرون "
    "بخاطر کسب رأی مثبت پارلمان انگلیس به جنگ علیه داعش در سوریه تبریک گفت و رهبران دو کشور در خصوص تقویت "
    "همکاری‌ها برای مبارزه با گروه تروریستی داعش به ویژه در سوریه و تبادل اطلاعات توافق کردند."
)
QUESTION = "کدام رئیس‌جمهور در تماس تلفنی به کامرون تبریک گفت؟"


def test_a_clause_longer_than_the_room_is_cut_at_a_space_not_passed_over(seed_alone):
    question = question_terms(normalize(QUESTION), seed_alone.lexical)
    window = best_window(SENTENCE, question, 150)
    text = window.of(SENTENCE)
    assert len(text) <= 150
    assert text.startswith("اولاند") and "کامرون" in text and "تبریک" in text
    assert SENTENCE[window.end] == " "  # whole words


def test_clauses_that_fit_are_kept_whole(seed_alone):
    question = question_terms(normalize(QUESTION), seed_alone.lexical)
    assert best_window(SENTENCE, question, len(SENTENCE)).of(SENTENCE) == SENTENCE
