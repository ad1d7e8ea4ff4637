"""The eval metrics on small hand-made cases, and agreement with the shared scorer (score.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict

import pytest
from conftest import EVAL, need_shared

from assistant.evaluation.metrics import contains, fold, is_gold, score

QUESTIONS = [
    {"id": "right", "question": "?", "answer_keywords": ["شمخانی"], "match": "any", "article": "seed:000_abc"},
    {"id": "wrong", "question": "?", "answer_keywords": ["127"], "match": "all", "article": "farsnews-1-0",
     "article_url": "https://www.farsnews.ir/news/8707060255"},
    {"id": "long", "question": "?", "answer_keywords": ["لاوروف"], "match": "any", "article": "farsnews-1-2"},
    {"id": "trap", "question": "?", "answer_keywords": [], "unanswerable": True, "article": None},
]  # fmt: skip
ANSWERS = [
    {"id": "right", "found": True, "answer": "نایب رئیس با دریابان علی شمخاني دیدار کرد. [1]",
     "citations": [{"article_id": "000_abc", "quote": "با دریابان علی شمخاني دیدار کرد"}],
     "retrieved": ["000_abc", "x"], "latency_ms": 10},
    {"id": "wrong", "found": True, "answer": "۱۲۸ دفتر [1]", "citations": [{"article_id": "other", "quote": "۱۲۸"}],
     "retrieved": ["other", "https://www.farsnews.ir/news/8707060255"], "latency_ms": 30},
    {"id": "long", "found": True, "answer": "لاوروف " + "متن " * 120, "citations": [], "retrieved": [],
     "latency_ms": 20},
    {"id": "trap", "found": False, "answer": "در اخبار موجود پاسخی برای این پرسش پیدا نشد.", "citations": [],
     "retrieved": ["y"], "latency_ms": 40},
]  # fmt: skip


def test_folding_and_keyword_matching():
    assert fold("علي‌ ك ۱۲۷") == "علی ک 127"
    assert contains("با دریابان علی شمخاني", ["شمخانی"])
    assert contains("6 هزار و ۱۲۷ دفتر", ["127", "دفتر"], match="all")
    assert not contains("6 هزار و 1270 دفتر", ["127"], match="all")
    assert contains("خانواده شهید رئیس‌علی", ["خانواده شهید رئیسعلی"])  # joined spelling, longer than 3 letters
    assert not contains("anything", [])


def test_gold_article_by_eval_id_url_or_seed_file_name():
    assert is_gold("000_abc", QUESTIONS[0]) and is_gold("seeds/000_abc.txt", QUESTIONS[0])
    assert is_gold("https://www.farsnews.ir/news/8707060255", QUESTIONS[1]) and is_gold("farsnews-1-0", QUESTIONS[1])
    assert not is_gold("other", QUESTIONS[1]) and not is_gold(None, QUESTIONS[1])


def test_a_right_a_wrong_a_long_answer_and_a_refusal():
    scores = score(QUESTIONS, ANSWERS)
    assert scores.questions == 4 and scores.answered_pct == 100.0
    assert scores.answer_hit_pct == round(200 / 3, 1)  # right and long hold their keyword; wrong does not
    assert scores.concise_answer_hit_pct == round(100 / 3, 1)  # the long one is over 400 characters
    assert scores.cited_quote_supports_pct == round(100 / 3, 1)
    assert scores.first_citation_is_gold_pct == round(100 / 3, 1)
    assert (scores.hit_at_1_pct, scores.hit_at_5_pct) == (round(100 / 3, 1), round(200 / 3, 1))
    assert scores.mrr_at_10 == round((1 + 0.5 + 0) / 3, 3)
    assert scores.unanswerable_refused_pct == 100.0
    assert (scores.latency_ms_p50, scores.latency_ms_p95) == (25.0, 30)


def test_answering_the_trap_counts_against_refusal():
    answered_trap = [*ANSWERS[:3], {**ANSWERS[3], "found": True, "answer": "حدس"}]
    assert score(QUESTIONS, answered_trap).unanswerable_refused_pct == 0.0


def test_same_figures_as_the_shared_scorer(tmp_path):
    scorer = need_shared(EVAL / "score.py")
    questions, answers = tmp_path / "q.jsonl", tmp_path / "a.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS), encoding="utf-8")
    answers.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ANSWERS), encoding="utf-8")
    output = subprocess.run([sys.executable, scorer, questions, answers, "--json"], capture_output=True, text=True)
    theirs = json.loads(output.stdout)
    ours = asdict(score(QUESTIONS, ANSWERS))
    renamed = {"hit_at_1_pct": "retrieval_hit@1_pct", "hit_at_5_pct": "retrieval_hit@5_pct",
               "hit_at_10_pct": "retrieval_hit@10_pct", "mrr_at_10": "retrieval_mrr@10"}  # fmt: skip
    for key, value in ours.items():
        assert theirs[renamed.get(key, key)] == pytest.approx(value), key
