"""The eval sets' own figures on their real rows: SQuAD conversion, two-article, who-said-what and per-kind scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, EVAL, REPO, SHARED, need_shared

from assistant.evaluation.attribution import misattributed_pct, speakers_of
from assistant.evaluation.metrics import all_gold_figures, contains, fold, kind_figures, read_figures
from assistant.evaluation.runner import load_questions
from assistant.evaluation.sets import CORPORA, SETS
from assistant.evaluation.squad import SquadFormatError, convert
from index.loaders import load_source


def _rows(name: str) -> list[dict]:
    """The rows of a shared eval set (skipped when ../shared is absent)."""
    return load_questions(SETS[name], need_shared(SHARED))


@pytest.fixture(scope="module")
def farsnews() -> dict[str, object]:
    """The FarsNews articles by id and by URL."""
    articles = {}
    for path in sorted(need_shared(CORPUS).glob("*.json")):
        for article in load_source(path):
            articles[article.id] = articles[article.url] = article
    return articles


def test_every_set_loads_with_the_fields_it_is_asked_with():
    for name, spec in SETS.items():
        rows = _rows(name)
        assert rows, name
        first = next(iter(spec.languages.values()))
        assert all(row[first] for row in rows), name
    assert all(len(row["turns"]) == 2 for row in _rows("followup-dev"))


def test_a_set_row_without_its_question_field_names_the_file_line_and_field(tmp_path):
    broken = tmp_path / "eval" / "followup-dev.jsonl"
    broken.parent.mkdir()
    broken.write_text('{"id": "a", "turns": ["یک پرسش؟", "دومی؟"]}\n{"id": "b", "question": "تنها؟"}\n', "utf-8")
    with pytest.raises(ValueError, match=r"followup-dev.jsonl, line 2: field 'turns' must be a list"):
        load_questions(SETS["followup-dev"], tmp_path)


def test_squad_conversion_matches_the_shared_script(tmp_path):
    script, pquad = need_shared(EVAL / "pquad_to_jsonl.py"), need_shared(EVAL / "pquad" / "Validation.json")
    subprocess.run([sys.executable, script, pquad, tmp_path, "--questions", "50", "--seed", "3"], check=True)
    theirs = [json.loads(line) for line in (tmp_path / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    corpus = [json.loads(line) for line in (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    ours = convert(pquad, "pquad", "PQuAD (Persian Wikipedia)", sample=50, seed=3)
    assert ours.questions == theirs and ours.corpus == corpus


def test_persianqa_converts_to_its_published_counts():
    corpus = CORPORA["persianqa"]
    squad = convert(need_shared(SHARED / corpus.squad_file), corpus.squad_prefix, corpus.squad_source)
    assert (len(squad.corpus), len(squad.questions)) == (93, 651)  # its README: 93 paragraphs, 651 answerable
    assert all(contains(squad.corpus[int(q["article"].split("-")[1])]["text"], q["answer_keywords"])
               for q in squad.questions)  # fmt: skip


def test_a_file_that_is_not_squad_is_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1}', encoding="utf-8")
    with pytest.raises(SquadFormatError, match=r"bad\.json"):
        convert(bad, "x", "")
    bad.write_text('{"data": [{"title": "t", "paragraphs": [{"qas": []}]}]}', encoding="utf-8")
    with pytest.raises(SquadFormatError, match=r"bad\.json: .* lacks the field 'context'"):
        convert(bad, "x", "")


def test_two_article_answers_count_only_when_both_articles_are_found_and_cited():
    questions = _rows("multi-dev")
    both = [
        {"id": q["id"], "found": True, "answer": "", "retrieved": q["article_urls"][::-1],
         "citations": [{"article_id": url} for url in q["article_urls"]]}
        for q in questions
    ]  # fmt: skip
    one = [{**a, "retrieved": a["retrieved"][:1], "citations": a["citations"][:1]} for a in both]
    assert all_gold_figures(questions, both) == {"all_gold_at_10_pct": 100.0, "cites_all_gold_pct": 100.0}
    assert all_gold_figures(questions, one) == {"all_gold_at_10_pct": 0.0, "cites_all_gold_pct": 0.0}
    by_eval_id = [{**a, "retrieved": q["articles"]} for a, q in zip(both, questions, strict=True)]
    assert all_gold_figures(questions, by_eval_id)["all_gold_at_10_pct"] == 100.0


def test_the_answer_counts_as_read_only_when_the_passages_read_hold_its_keywords():
    questions = _rows("facts-dev")
    answerable = [q for q in questions if not q.get("unanswerable")]
    evidence = [{"id": q["id"], "found": False, "read": q.get("evidence", "")} for q in questions]
    elsewhere = [
        {**a, "read": answerable[(i + 1) % len(answerable)].get("evidence", "")} for i, a in enumerate(evidence)
    ]
    assert read_figures(questions, evidence)["answer_read_pct"] >= 90.0  # a few keywords are not in the evidence
    assert read_figures(questions, elsewhere)["answer_read_pct"] < 20.0
    assert read_figures(questions, [])["answer_read_pct"] == 0.0


def test_bbc_concise_hit_is_split_by_kind():
    questions = _rows("bbc-dev")
    facts_only = [
        {"id": q["id"], "found": True, "answer": q["evidence"] if q["kind"] == "fact" else "no idea"} for q in questions
    ]
    figures = kind_figures(questions, facts_only)
    assert set(figures) == {"fact_concise_hit_pct", "who_concise_hit_pct"}  # unanswerable rows have no hit
    assert figures["fact_concise_hit_pct"] == 100.0 and figures["who_concise_hit_pct"] == 0.0


def test_a_statement_belongs_to_the_person_named_for_it_never_to_the_other(farsnews):
    for question in _rows("quotes-dev"):
        article = farsnews[question["article_url"]]
        people = [question["speaker"], question["distractor_speaker"]]
        attributed = speakers_of(article.text, people)
        evidence = fold(question["evidence"])
        speakers = {who for sentence, who in attributed if fold(sentence) in evidence or evidence in fold(sentence)}
        assert question["distractor_speaker"] not in speakers, question["id"]
        naming = [s for s, who in attributed if who == question["distractor_speaker"] and contains(s, people[1:])]
        assert naming or not contains(article.text, people[1:]), question["id"]


def test_quoting_the_other_person_is_misattributed_and_the_asked_person_is_not(farsnews):
    questions = _rows("quotes-dev")
    text = {q["id"]: farsnews[q["article_url"]].text for q in questions}
    other, right = [], []
    for question in questions:
        people = [question["speaker"], question["distractor_speaker"]]
        theirs = [s for s, who in speakers_of(text[question["id"]], people) if who == people[1]]
        quote = next(s for s in theirs if not contains(s, question["answer_keywords"], question["match"]))
        other.append({"id": question["id"], "found": True, "answer": quote, "citations": [{"quote": quote}]})
        right.append({"id": question["id"], "found": True, "answer": question["evidence"],
                      "citations": [{"quote": question["evidence"]}]})  # fmt: skip
    assert misattributed_pct(questions, other, lambda q: text[q["id"]]) == 100.0
    assert misattributed_pct(questions, right, lambda q: text[q["id"]]) == 0.0


def test_the_fars_corpus_is_the_farsnews_files_and_the_seeds():
    files = CORPORA["fars"].files(need_shared(SHARED), REPO)
    assert [p.name for p in files[:-1]] == [f"fars-news-{n}.json" for n in range(1, 5)]
    assert files[-1] == Path(REPO / "seeds")


def test_a_corpus_whose_files_are_missing_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"corpus bbc: no file under .* matches corpus/bbc/\*\.jsonl"):
        CORPORA["bbc"].files(tmp_path, REPO)
