"""`khabar eval` end to end on the seed: a conversation set asked with and without its history, per-set indexes."""

from __future__ import annotations

import json

import pytest
from conftest import EVAL, SEED_ID, SEEDS, SHARED, need_shared

from assistant.cli import main
from assistant.commands.common import EXIT_INDEX, EXIT_OK, EXIT_USAGE

CONVERSATION = {
    "id": "seed-1",
    "article": f"seed:{SEED_ID}",
    "turns": ["دریابان شمخانی با چه کسی دیدار کرد؟", "او درباره معامله قرن چه گفت؟"],
    "turns_en": ["Whom did Admiral Shamkhani meet?", "What did he say about the deal?"],
    "answer_keywords": ["شکست خورده"],
    "match": "all",
}  # «شکست خورده» is Shamkhani's: the Hamas deputy's «او» must not be answered with it (issue 12)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """An index directory holding the seeds, built through the CLI once for these tests."""
    index = str(tmp_path_factory.mktemp("eval") / "idx")
    assert main(["ingest", str(SEEDS), "--index", index]) == EXIT_OK
    return index


def test_a_conversation_set_is_scored_on_its_last_turn_with_and_without_history(seeded, tmp_path, capsys):
    questions = tmp_path / "followup-dev.jsonl"  # the shared set's name: asked as a conversation
    questions.write_text(json.dumps(CONVERSATION, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(questions), "--index", seeded, "--json"]) == EXIT_OK
    rows = json.loads(capsys.readouterr().out)["followup-dev"]
    assert [(r["language"], r["variant"]) for r in rows] == [
        ("fa", "with history"), ("fa", "alone"), ("en", "with history"), ("en", "alone")
    ]  # fmt: skip
    with_history = rows[0]
    assert with_history["questions"] == 1 and with_history["hit_at_1_pct"] == 100.0
    assert with_history["answer_hit_pct"] == 100.0
    assert with_history["answer_read_pct"] == 100.0  # the reader read the seed's passage holding the answer


def test_the_table_names_each_set_and_way_of_asking(seeded, tmp_path, capsys):
    questions = tmp_path / "followup-dev.jsonl"
    questions.write_text(json.dumps(CONVERSATION, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(questions), "--index", seeded, "--languages", "fa"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("## followup-dev") and "| fa (1) | hybrid, with history |" in out
    assert "| fa (1) | hybrid, alone |" in out
    assert "answer read %" in out.splitlines()[2]


def test_sets_over_two_corpora_need_an_index_each(seeded, capsys):
    assert main(["eval", "--set", "facts-dev,bbc-dev", "--index", seeded]) == EXIT_USAGE
    assert "--index-of CORPUS=DIR" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["eval", "--set", "nope"])
    assert "sets must be among facts-dev" in capsys.readouterr().err


def test_an_empty_index_asks_for_build(tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "a", "question": "چه خبر؟"}) + "\n", encoding="utf-8")
    assert main(["eval", str(questions), "--index", str(tmp_path / "empty")]) == EXIT_INDEX
    assert "is empty: ingest its corpus, or pass --corpus PATH" in capsys.readouterr().err


def test_an_empty_index_for_a_named_set_asks_for_its_corpus_to_be_built(tmp_path, capsys):
    need_shared(EVAL / "bbc-dev.jsonl")
    assert main(["eval", "--set", "bbc-dev", "--index", str(tmp_path / "empty")]) == EXIT_INDEX
    assert "is empty: add --build bbc" in capsys.readouterr().err


def test_a_saved_run_is_printed_beside_this_one(seeded, tmp_path, capsys):
    questions = tmp_path / "followup-dev.jsonl"
    questions.write_text(json.dumps(CONVERSATION, ensure_ascii=False) + "\n", encoding="utf-8")
    saved = tmp_path / "main-2026-12-01.json"
    assert main(["eval", str(questions), "--index", seeded, "--languages", "fa", "--json"]) == EXIT_OK
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["eval", str(questions), "--index", seeded, "--languages", "fa", "--before", str(saved)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "| run | figure | main-2026-12-01 | this run |" in out
    assert "| fa · hybrid · with history | answer hit % | 100.0 | 100.0 |" in out
    saved.write_text("[1, 2]", encoding="utf-8")
    assert main(["eval", str(questions), "--index", seeded, "--before", str(saved)]) == EXIT_USAGE
    assert "main-2026-12-01.json: expected" in capsys.readouterr().err


def test_build_ingests_a_squad_corpus_once_and_a_rerun_resumes(tmp_path, capsys):
    source = json.loads(need_shared(SHARED / "data" / "persianqa" / "pqa_test.json").read_text(encoding="utf-8"))
    small = tmp_path / "shared" / "data" / "persianqa" / "pqa_test.json"
    small.parent.mkdir(parents=True)
    small.write_text(json.dumps({"data": source["data"][:2]}, ensure_ascii=False), encoding="utf-8")
    command = ["eval", "--set", "persianqa", "--shared", str(tmp_path / "shared"), "--json",
               "--index-of", f"persianqa={tmp_path / 'idx'}", "--build"]  # fmt: skip
    assert main(command) == EXIT_OK
    first = capsys.readouterr()
    assert "building the persianqa index" in first.err and "2 new, 0 updated, 0 unchanged" in first.err
    rows = json.loads(first.out)["persianqa"]
    assert rows[0]["questions"] > 0 and rows[0]["hit_at_1_pct"] >= 50.0  # two paragraphs: the right one is found
    assert main(command) == EXIT_OK
    assert "0 new, 0 updated, 2 unchanged" in capsys.readouterr().err


def test_any_questions_file_with_its_corpus_is_answered_in_a_temporary_index(tmp_path, capsys):
    questions = tmp_path / "mine.jsonl"
    row = {"id": "a", "question": CONVERSATION["turns"][0], "answer_keywords": ["شمخانی"], "article": f"seed:{SEED_ID}"}
    questions.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(questions), "--corpus", str(SEEDS), "--json"]) == EXIT_OK
    captured = capsys.readouterr()
    assert "1 new, 0 updated" in captured.err
    (scores,) = json.loads(captured.out)["mine"]
    assert (scores["language"], scores["answer_hit_pct"], scores["hit_at_1_pct"]) == ("fa", 100.0, 100.0)
