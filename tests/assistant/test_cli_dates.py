"""The CLI over real FarsNews articles: Jalali date filters, undated articles counted, stats, one line per source,
and a reader that stops early (`| head -1`)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import pytest
from conftest import CORPUS, REPO, SEED, SEED_ID, SEEDS, need_shared

from assistant.answer import Answer, Citation
from assistant.cli import main
from assistant.commands.ask import print_answer
from assistant.commands.common import EXIT_OK, EXIT_USAGE
from index.dates import parse_day

PICKED = {
    "https://www.farsnews.ir/news/13981128000436": "1398/11/28",
    "https://www.farsnews.ir/news/13980230000997": "1398/02/30",
    "https://www.farsnews.ir/news/13990723000169": "1399/07/23",
    "https://www.farsnews.ir/news/13950612000640": "1395/06/12",
}
"""Short real articles of four dates (link prefix → Jalali date its URL carries)."""
QUESTION = "همایش اصلاح‌طلبان پایتخت کی برگزار می‌شود؟"


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory):
    """An index of the four picked FarsNews articles (dated only by their URLs) and the undated seed."""
    records = [
        record
        for path in sorted(need_shared(CORPUS).glob("*.json"))
        for record in json.loads(path.read_text(encoding="utf-8"))
        if any(record["link"].startswith(link) for link in PICKED)
    ]
    assert len(records) == len(PICKED)
    folder = tmp_path_factory.mktemp("dated")
    (folder / "picked.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    index = str(folder / "idx")
    assert main(["ingest", str(folder / "picked.json"), str(SEEDS), "--index", index]) == EXIT_OK
    return index


def _ask_json(index: str, capsys, *options: str) -> dict:
    """`khabar ask QUESTION --json` with these options, parsed."""
    main(["ask", QUESTION, "--json", "--index", index, *options])
    return json.loads(capsys.readouterr().out)


def test_a_jalali_year_filter_keeps_that_year_only_and_counts_the_undated(dated_index, capsys):
    answer = _ask_json(dated_index, capsys, "--since", "1398-01-01", "--until", "1398-12-29")
    days = {date.fromisoformat(passage["published"]) for passage in answer["passages"]}
    assert days and all(parse_day("1398-01-01") <= day <= parse_day("1398-12-29") for day in days)
    assert parse_day("1398-11-28") in days
    assert answer["undated_excluded"] == 1
    assert answer["undated_note"] == "1 خبر بی‌تاریخ بیرون از بازه تاریخ ماند و جستجو نشد."


def test_dates_in_persian_digits_and_month_names_filter_the_same(dated_index, capsys):
    written = _ask_json(dated_index, capsys, "--since", "۱۳۹۹/۰۱/۰۱", "--until", "۳۰ اسفند ۱۳۹۹")
    days = {date.fromisoformat(passage["published"]) for passage in written["passages"]}
    assert days == {parse_day("1399-07-23")}


def test_without_a_date_filter_nothing_is_said_about_undated_articles(dated_index, capsys):
    answer = _ask_json(dated_index, capsys)
    assert answer["undated_excluded"] == 0 and answer["undated_note"] == ""
    assert SEED_ID in answer["retrieved"]


def test_an_ambiguous_date_is_a_usage_error_saying_why(dated_index, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["ask", QUESTION, "--since", "03/04/2021", "--index", dated_index])
    assert refused.value.code == EXIT_USAGE
    assert "ambiguous date '03/04/2021'" in capsys.readouterr().err


def test_stats_show_dated_articles_by_origin_and_a_readable_time(dated_index, capsys):
    assert main(["stats", "--index", dated_index]) == EXIT_OK
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert lines["dated"] == "4 of 5 (80.0%)"
    assert lines["dated_from"] == "url: 4"
    assert lines["last_ingest"][:4].isdigit() and lines["last_ingest"][4] == "-" and "." not in lines["last_ingest"]


def test_sources_are_listed_once_with_each_of_their_quotes_and_persian_readers_get_jalali_dates():
    text = SEED.read_text(encoding="utf-8")
    sentences = [line for line in text.splitlines() if "شمخانی" in line][:2]
    citations = [
        Citation(1, SEED_ID, f"{SEED_ID}:{n}", "دیدار", "خبرگزاری مهر", date(2020, 3, 20), "", quote, 0, len(quote))
        for n, quote in enumerate(sentences)
    ]
    answer = Answer("شمخانی با چه کسی دیدار کرد؟", "پاسخ [1]", True, citations)
    out = io.StringIO()
    print_answer(answer, out)
    printed = out.getvalue()
    assert printed.count("[1] ") == 1 and "1399/01/01" in printed
    assert all(f"«{sentence}»" in printed for sentence in sentences)


def test_a_reader_that_stops_early_ends_the_command_quietly(dated_index):
    command = [sys.executable, "-m", "assistant.cli", "ask", QUESTION, "--index", dated_index]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `| head -1` once it has its line: every write now meets a closed pipe
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == EXIT_OK
    assert b"Traceback" not in stderr and b"BrokenPipeError" not in stderr
