"""The `khabar` command end to end on the seed: ingest, ask (text, JSON, batch), stats, remove, exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_ID, SEEDS

from assistant.cli import main
from assistant.commands.common import EXIT_INDEX, EXIT_NEGATIVE, EXIT_OK, EXIT_USAGE
from index.embeddings import EmbedderSettings

QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"


@pytest.fixture
def seeded(tmp_path, capsys):
    """An index directory holding the seeds, built through the CLI."""
    index = str(tmp_path / "idx")
    assert main(["ingest", str(SEEDS), "--index", index]) == EXIT_OK
    assert "1 new, 0 updated, 0 unchanged, 0 failed" in capsys.readouterr().out
    return index


def test_ingest_twice_reports_unchanged(seeded, capsys):
    assert main(["ingest", str(SEEDS), "--index", seeded]) == EXIT_OK
    out = capsys.readouterr().out
    assert "0 new, 0 updated, 1 unchanged, 0 failed, 0 repeated in the input; 0 chunks embedded" in out


def test_ask_prints_the_cited_sentence(seeded, capsys):
    assert main(["ask", QUESTION, "--index", seeded]) == EXIT_OK
    out = capsys.readouterr().out
    assert "شمخانی" in out and "[1]" in out and "خبرگزاری مهر" in out


def test_ask_json_has_the_answer_fields(seeded, capsys):
    assert main(["ask", QUESTION, "--json", "--index", seeded]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] is True and answer["retrieved"][0] == SEED_ID
    assert "شمخانی" in answer["answer"] and answer["text"] == answer["answer"]  # `text`: the old name, one release
    citation = answer["citations"][0]
    assert citation["article_id"] == SEED_ID and "شمخانی" in citation["quote"]
    assert (SEEDS / f"{SEED_ID}.txt").read_text(encoding="utf-8")[citation["start"] : citation["end"]] == citation[
        "quote"
    ]


def test_ask_batch_writes_the_answer_format(seeded, tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"id": "a", "question": QUESTION, "answer_keywords": ["x"]}, ensure_ascii=False)
        + "\n\n"
        + json.dumps({"id": "b", "question": "Who did the deputy head of Hamas's political bureau meet?"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.jsonl"
    assert main(["ask", "--batch", str(questions), "--out", str(out), "--index", seeded]) == EXIT_OK
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    for row in rows:
        assert set(row) >= {"id", "found", "answer", "citations", "retrieved", "latency_ms"}
        assert row["retrieved"][0] == SEED_ID and row["latency_ms"] > 0
    assert "شمخانی" in rows[0]["answer"]


def test_ask_batch_asks_a_conversation_turn_after_the_earlier_ones(seeded, tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": "turns", "turns": [QUESTION, "او درباره معامله قرن چه گفت؟"]},
        {"id": "history", "question": "او درباره معامله قرن چه گفت؟", "history": [QUESTION]},
    ]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "a.jsonl"
    assert main(["ask", "--batch", str(questions), "--out", str(out), "--index", seeded]) == EXIT_OK
    answers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in answers] == ["turns", "history"]
    # «او» is the Hamas deputy: Shamkhani's «معامله قرن ... شکست خورده» is not his (issue 12)
    assert all("شکست خورده" not in a["answer"] and "صالح العاروری" in a["answer"] for a in answers)
    questions.write_text(json.dumps({"id": "x", "question": "چه؟", "history": "نه"}) + "\n", encoding="utf-8")
    assert main(["ask", "--batch", str(questions), "--index", seeded]) == EXIT_USAGE
    assert "q.jsonl, line 1: field 'history' must be a list" in capsys.readouterr().err


def test_batch_file_errors_name_the_line(seeded, tmp_path, capsys):
    questions = tmp_path / "bad.jsonl"
    questions.write_text('{"id": "a", "question": "سلام؟"}\n{not json\n', encoding="utf-8")
    assert main(["ask", "--batch", str(questions), "--index", seeded]) == EXIT_USAGE
    assert "bad.jsonl, line 2" in capsys.readouterr().err


def test_unanswerable_question_is_refused_with_closest_passages(seeded, capsys):
    assert main(["ask", "قیمت بیت کوین در بازار امروز چقدر است؟", "--json", "--index", seeded]) == EXIT_NEGATIVE
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] is False and answer["answer"].startswith("در اخبار موجود پاسخی")
    assert answer["passages"] and answer["citations"] == []


def test_usage_errors_have_their_exit_code(seeded, capsys):
    assert main(["ask", "   ", "--index", seeded]) == EXIT_USAGE
    assert "question is empty" in capsys.readouterr().err
    assert main(["ask", "؟" * 3, "--index", seeded]) == EXIT_USAGE
    assert main(["ask", "x" * 5000, "--index", seeded]) == EXIT_USAGE
    assert "limit is 1000" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", QUESTION, "--since", "yesterday", "--index", seeded])
    assert exit_info.value.code == EXIT_USAGE


def test_empty_index_says_to_ingest_first(tmp_path, capsys):
    assert main(["ask", QUESTION, "--index", str(tmp_path / "empty")]) == EXIT_INDEX
    assert "khabar ingest" in capsys.readouterr().err


def test_filters_restrict_the_search(seeded, capsys):
    assert main(["ask", QUESTION, "--source", "خبرگزاری فارس", "--json", "--index", seeded]) == EXIT_NEGATIVE
    assert json.loads(capsys.readouterr().out)["passages"] == []
    assert main(["ask", QUESTION, "--source", "خبرگزاری مهر", "--json", "--index", seeded]) == EXIT_OK


def test_stats_and_remove(seeded, capsys):
    assert main(["stats", "--json", "--index", seeded]) == EXIT_OK
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 1 and figures["chunks"] == figures["vectors"] > 0
    assert figures["precision"] == EmbedderSettings().resolved_precision  # what the index was built in here
    assert main(["remove", SEED_ID, "--index", seeded]) == EXIT_OK
    assert main(["remove", SEED_ID, "--index", seeded]) == EXIT_NEGATIVE
    main(["stats", "--json", "--index", seeded])
    assert json.loads(capsys.readouterr().out.split("removed")[-1].split("\n", 1)[-1])["vectors"] == 0


def test_a_wrong_khabar_precision_is_a_usage_error_naming_it(monkeypatch, seeded, capsys):
    monkeypatch.setenv("KHABAR_PRECISION", "int4")
    assert main(["stats", "--index", seeded]) == EXIT_USAGE
    assert "precision must be one of auto, fp32, bf16, int8. Currently, it is 'int4'" in capsys.readouterr().err


def test_khabar_home_is_honoured(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KHABAR_HOME", str(tmp_path / "from-env"))
    assert main(["ingest", str(SEEDS)]) == EXIT_OK
    assert (tmp_path / "from-env" / "manifest.sqlite3").exists()
