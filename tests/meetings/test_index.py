"""The meetings table follows ingest, edit and removal; the assistant and `khabar meetings` answer from it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import SEED, SEED_ID

from assistant.app import Assistant
from assistant.cli import main
from assistant.meetings.question import meeting_question
from index.article import Article
from index.ingest import Ingestor
from index.meetings.query import MeetingFilter, find_meetings, load_meetings, meeting_graph, search_meetings
from index.meetings.store import MeetingsExtension
from index.news_index import NewsIndex
from index.settings import IndexSettings

SEED_TEXT = SEED.read_text(encoding="utf-8")
LAVROV = (
    "وزیر خارجه روسیه خواستار تحقیقات فوری درباره کشته شدن کودکان در ادلب شد.\n"
    "بنا بر این گزارش، لاوروف قرار است فردا جمعه 28 اکتبر (7 آبانماه) در مسکو با وزیر خارجه ایران دیدار و گفت وگو کند."
)

CALL = (
    "وزیر امور خارجه ایتالیا در پی گفت و گوی تلفنی با کمال خرازی همتای ایرانی خود به این امر اشاره نکرد که آیا ایران "
    "تعهدات ویژه‌ای داده یا خیر."
)
MEETINGS_3 = """
CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, url TEXT, source TEXT, published TEXT);
CREATE TABLE meetings (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, position INTEGER NOT NULL, status TEXT NOT NULL,
    place TEXT NOT NULL, date_text TEXT NOT NULL, date TEXT, jalali TEXT NOT NULL,
    evidence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
"""
"""The meetings table as `meetings/3` wrote it, before kinds."""


def _rows(news_index: NewsIndex) -> list[tuple]:
    """(article, status, evidence start) of every stored meeting, and the participant and search row counts."""
    db = news_index.manifest.connection
    meetings = db.execute("SELECT article_id, status, start FROM meetings ORDER BY article_id").fetchall()
    people = db.execute("SELECT count(*) FROM meeting_participants").fetchone()[0]
    searchable = db.execute("SELECT count(*) FROM meetings_search").fetchone()[0]
    return [*meetings, people, searchable]


@pytest.fixture(scope="module")
def news_index(tmp_path_factory, embedder):
    """An index of the seed and one article with a planned meeting."""
    index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("meetings") / "index"))
    Ingestor(index, embedder).ingest([Article(SEED_ID, "", SEED_TEXT), Article("lavrov", "لاوروف", LAVROV)])
    yield index
    index.close()


def test_reingest_edit_and_remove_keep_the_table_in_step(tmp_path, embedder):
    index = NewsIndex(IndexSettings(home=tmp_path / "index"))
    ingest = Ingestor(index, embedder).ingest
    ingest([Article(SEED_ID, "", SEED_TEXT), Article("lavrov", "لاوروف", LAVROV)])
    first = _rows(index)
    assert first[:2] == [("000_e8a22bdbff0c4942", "happened", 0), ("lavrov", "planned", 73)] and first[2:] == [4, 2]
    ingest([Article(SEED_ID, "", SEED_TEXT)])
    assert _rows(index) == first
    ingest(
        [
            Article(
                "lavrov", "لاوروف", LAVROV.replace("قرار است فردا", "صبح امروز").replace("گفت وگو کند", "گفت وگو کرد")
            )
        ]
    )
    assert _rows(index)[:2] == [("000_e8a22bdbff0c4942", "happened", 0), ("lavrov", "happened", 73)]
    assert index.remove("lavrov") == "lavrov"
    assert _rows(index) == [("000_e8a22bdbff0c4942", "happened", 0), 2, 1]
    index.close()


def test_a_call_is_stored_and_listed_with_its_kind(tmp_path, embedder, capsys):
    index = NewsIndex(IndexSettings(home=tmp_path / "index"))
    Ingestor(index, embedder).ingest([Article(SEED_ID, "", SEED_TEXT), Article("call", "تماس تلفنی", CALL)])
    db = index.manifest.connection
    assert dict(db.execute("SELECT article_id, kind FROM meetings")) == {SEED_ID: "meeting", "call": "call"}
    (call,) = [m for m in find_meetings(db) if m.article_id == "call"]
    sides = (call.who[0].text, call.whom[0].text)
    assert call.kind == "call" and sides == ("وزیر امور خارجه ایتالیا", "کمال خرازی همتای ایرانی")
    index.close()
    assert main(["meetings", "--index", str(tmp_path / "index")]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert sorted(line.split()[2] for line in lines) == ["call", "meeting"]


def test_a_table_written_before_kinds_gains_the_column_on_rederivation():
    db = sqlite3.connect(":memory:")
    db.executescript(MEETINGS_3)
    db.execute("INSERT INTO articles VALUES ('call', 'تماس', '', '', NULL)")
    db.executescript(MeetingsExtension.schema)
    MeetingsExtension().write(db, Article("call", "تماس", CALL))
    (record,) = load_meetings(db, [row[0] for row in db.execute("SELECT id FROM meetings")])
    assert record.kind == "call" and record.whom[0].name == "کمال خرازی"


WORDS = ("العاروری", "شمخانی", "لاوروف", "وزیر")
"""A word of each person's label in the graph of the seed and the Lavrov text."""


def test_queries_return_meetings_and_a_graph(news_index):
    db = news_index.manifest.connection
    (shamkhani,) = find_meetings(db, MeetingFilter(person="علی شمخانی"))
    assert shamkhani.article_id == SEED_ID and shamkhani.whom[0].key == "شمخانی"
    assert [m.article_id for m in find_meetings(db, MeetingFilter(status="planned"))] == ["lavrov"]
    assert [m.article_id for m in search_meetings(db, ["لاوروف"])] == ["lavrov"]
    graph = meeting_graph(find_meetings(db))
    named = {word: next(n.key for n in graph.nodes if word in n.label) for word in WORDS}
    assert len(graph.nodes) == 4 and all(n.person == n.key for n in graph.nodes)  # nodes are stored people
    pairs = {frozenset((e.source, e.target)) for e in graph.edges}
    assert pairs == {frozenset((named["العاروری"], named["شمخانی"])), frozenset((named["لاوروف"], named["وزیر"]))}
    assert all(m.evidence for e in graph.edges for m in e.meetings)


def test_who_met_whom_questions_are_answered_from_the_table(news_index, embedder):
    assistant = Assistant(news_index, embedder)
    answer = assistant.ask("نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟")
    assert answer.found and "شمخانی" in answer.text and len(answer.text) <= 400
    (citation,) = answer.citations
    assert citation.quote == SEED_TEXT[citation.start : citation.end] and citation.chunk_id
    assert answer.retrieved[0] == SEED_ID
    planned = assistant.ask("لاوروف قراره با چه کسی دیدار کند؟")
    assert planned.text.startswith("قرار است لاوروف با وزیر خارجه ایران دیدار کند")
    english = assistant.ask("Who did the deputy head of Hamas's political bureau meet?")
    assert "شمخانی" in english.text and " met " in english.text


def test_only_who_met_whom_questions_are_recognized():
    assert meeting_question("شمخانی با چه کسی دیدار کرد؟") is not None
    assert meeting_question("چه کسی با شمخانی ملاقات کرد؟").terms == ("شمخانی",)
    assert meeting_question("Whom is Lavrov scheduled to meet?").status == "planned"
    assert meeting_question("شمخانی درباره معامله قرن چه گفت؟") is None
    assert meeting_question("What did Shamkhani say about the deal?") is None


def test_the_meetings_command_lists_and_exports(news_index, capsys):
    home = str(news_index.settings.home)
    assert main(["meetings", "--person", "شمخانی", "--index", home]) == 0
    assert "علی شمخانی" in capsys.readouterr().out
    assert main(["meetings", "--json", "--index", home]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["meetings"]) == 2 and len(data["graph"]["edges"]) == 2
    assert main(["meetings", "--person", "ناشناس", "--index", home]) == 1
