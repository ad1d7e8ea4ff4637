"""Loaders read every format into articles, verbatim, and turn each bad file, line or record into an error value."""

from __future__ import annotations

import codecs
import ipaddress
import json
import shutil
import socket
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CORPUS, SEED, SEED_ID, need_shared

from index.article import Article, content_id
from index.dates import jalali_to_gregorian
from index.loaders import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, FetchPolicy, LoaderError, load_source
from index.loaders.dates import parse_date

LOOPBACK = FetchPolicy(allow=("127.0.0.0/8",))
"""The test sites run on loopback, which URL ingest refuses unless allowed."""
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"

# Persian as legacy Windows-1256 files write it: Arabic yeh (ي), which that code page has instead of Persian ی.
LEGACY_PERSIAN = (
    "به گزارش خبرگزاري فارس، نرخ تورم در ماه گذشته دو درصد کاهش يافت.\n"
    "سخنگوي بانک مرکزي گفت: روند کاهشي تا پايان سال ادامه مي‌يابد."
)


def _load(source: str | Path) -> tuple[list[Article], list[LoaderError]]:
    """Articles and errors loaded from a source (URLs may be on loopback), each in order."""
    items = list(load_source(source, LOOPBACK))
    assert all(isinstance(item, Article | LoaderError) for item in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, LoaderError)]


def _write(path: Path, content: str | bytes) -> Path:
    """A file with the given content, its folders created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text and Markdown -------------------------------------------------------------------------------------


def test_seed_loads_with_file_name_id_first_line_title_and_verbatim_text():
    [article], errors = _load(SEED)
    raw = SEED.read_text(encoding="utf-8")
    first_line = raw.splitlines()[0]
    assert errors == []
    assert article.id == SEED_ID
    assert article.title.endswith("…") and first_line.startswith(article.title.removesuffix("…"))
    assert len(article.title) <= 121
    assert article.source == "خبرگزاری مهر"
    assert article.text == "\n".join(line.rstrip() for line in raw.splitlines()).strip()
    assert article.text.startswith(first_line)
    assert article.origin == str(SEED)
    assert list(load_source(str(SEED))) == [article]


def test_markdown_heading_is_the_title_and_not_the_text():
    [article], _ = _load(FIXTURES / "heading.md")
    assert article.id == "heading"
    assert article.title == "نشست خبری وزیر نیرو"
    assert article.text.startswith("وزیر نیرو در نشست خبری امروز")
    assert "#" not in article.text
    assert article.text.endswith("به پایان می\u200cرسد.")


def test_one_line_text_is_titled_by_its_first_sentence(tmp_path):
    path = _write(tmp_path / "short.txt", "باران امروز شدید بود. جاده‌ها بسته شد؟ مردم در خانه ماندند.")
    [article], _ = _load(path)
    assert article.title == "باران امروز شدید بود."
    assert article.text == "باران امروز شدید بود. جاده‌ها بسته شد؟ مردم در خانه ماندند."


def test_cleanup_touches_whitespace_only(tmp_path):
    raw = "خط اول با ي و ك   \r\n\r\n\r\n\r\n\r\nخط\u200cدوم ۱۲.۵ درصد\t\r\n\r\n"
    [article], _ = _load(_write(tmp_path / "messy.txt", raw))
    assert article.text == "خط اول با ي و ك\n\nخط\u200cدوم ۱۲.۵ درصد"


# --- encodings, binary, empty and oversized input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        LEGACY_PERSIAN.encode("utf-8"),
        codecs.BOM_UTF8 + LEGACY_PERSIAN.encode("utf-8"),
        LEGACY_PERSIAN.encode("utf-16"),
        codecs.BOM_UTF16_BE + LEGACY_PERSIAN.encode("utf-16-be"),
        LEGACY_PERSIAN.encode("cp1256"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom", "windows-1256"],
)
def test_text_in_every_supported_encoding_loads_verbatim(tmp_path, encoded):
    [article], errors = _load(_write(tmp_path / "legacy.txt", encoded))
    assert errors == []
    assert article.text == LEGACY_PERSIAN
    assert article.source == "خبرگزاری فارس"


def test_windows_1256_json_loads_verbatim(tmp_path):
    record = {"title": "تورم", "text": LEGACY_PERSIAN, "url": "https://example.org/1"}
    path = _write(tmp_path / "legacy.json", json.dumps([record], ensure_ascii=False).encode("cp1256"))
    [article], _ = _load(path)
    assert article.text == LEGACY_PERSIAN
    assert article.title == "تورم"


def test_undecodable_text_names_the_encodings_tried(tmp_path):
    path = _write(tmp_path / "latin.txt", "Café crème brûlée, naïve résumé.".encode("latin-1"))
    [error] = list(load_source(path))
    assert isinstance(error, LoaderError)
    assert error.origin == str(path)
    assert error.reason == "cannot decode: not UTF-8, UTF-16 or Windows-1256"


@pytest.mark.parametrize("name", ["photo.png", "notes.txt", "data.json"])
def test_binary_file_is_refused(tmp_path, name):
    path = _write(tmp_path / name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    [error] = list(load_source(path))
    assert isinstance(error, LoaderError)
    assert (error.origin, error.reason) == (str(path), "binary file, not text")


def test_text_file_of_unknown_type_given_explicitly_is_refused(tmp_path):
    path = _write(tmp_path / "notes.rtf", "just text")
    [error] = list(load_source(path))
    assert isinstance(error, LoaderError)
    assert "unsupported file type '.rtf'" in error.reason


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_file_is_an_error(tmp_path, content):
    path = _write(tmp_path / "empty.txt", content)
    [error] = list(load_source(path))
    assert isinstance(error, LoaderError)
    assert (error.origin, error.reason) == (str(path), "empty")


def test_huge_article_is_refused_naming_the_record(tmp_path):
    records = [{"id": "ok", "text": "متن کوتاه"}, {"id": "big", "text": "ا" * (MAX_ARTICLE_CHARS + 1)}]
    path = _write(tmp_path / "big.json", json.dumps(records, ensure_ascii=False))
    articles, [error] = _load(path)
    assert [a.id for a in articles] == ["ok"]
    assert error.field == "[1].text"
    assert "over the limit of 1000000" in error.reason
    [text_error] = list(load_source(_write(tmp_path / "big.txt", "ا" * (MAX_ARTICLE_CHARS + 1))))
    assert isinstance(text_error, LoaderError) and "over the limit" in text_error.reason


def test_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no real disk use
    [error] = list(load_source(path))
    assert isinstance(error, LoaderError)
    assert error.reason == f"{MAX_FILE_BYTES + 1} bytes, over the limit of {MAX_FILE_BYTES}"


def test_missing_path_yields_one_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere" / "news.json"
    [error] = list(load_source(missing))
    assert isinstance(error, LoaderError)
    assert (error.origin, error.reason) == (str(missing), "no such file or directory")


# --- JSON and JSON Lines ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def farsnews() -> tuple[Path, list[dict], list[Article | LoaderError]]:
    """The first real FarsNews file: its path, raw records and loaded items."""
    path = need_shared(CORPUS / "fars-news-1.json")
    return path, json.loads(path.read_text(encoding="utf-8")), list(load_source(path))


def test_farsnews_articles_have_their_links_as_unique_ids(farsnews):
    path, records, items = farsnews
    assert len(items) == len(records) == 300
    assert all(isinstance(item, Article) for item in items)
    assert [a.id for a in items] == [r["link"] for r in records]
    assert len({a.id for a in items}) == 300
    assert all(a.url == a.id and a.origin == str(path) for a in items)


def test_farsnews_fields_map_to_the_article(farsnews):
    _, records, items = farsnews
    for record, article in zip(records, items, strict=True):
        expected_category = " / ".join(part for part in (record["cat"], record["subcat"]) if part)
        assert article.category == expected_category
        assert article.title == " ".join(record["title"].split())
        assert article.tags == tuple(record["tags"])
    assert sum(bool(a.category) for a in items) == sum(bool(r["cat"]) for r in records) > 250


def test_farsnews_text_is_abstract_then_paragraphs_with_arabic_letters_verbatim(farsnews):
    _, records, items = farsnews
    for record, article in zip(records, items, strict=True):
        raw = "\n".join([record["abstract"], *record["paragraphs"]])
        assert article.text.split() == raw.split()
        assert article.text.startswith(record["abstract"].strip())
        for letter in ("ي", "ك", "\u200c"):
            assert article.text.count(letter) == raw.count(letter)
    assert sum("ي" in a.text for a in items) > 100


def test_farsnews_source_is_detected_as_fars(farsnews):
    _, _, items = farsnews
    assert sum(a.source == "خبرگزاری فارس" for a in items) >= 0.9 * len(items)
    assert all(a.source for a in items)


def test_broken_json_names_file_and_line():
    path = FIXTURES / "broken.json"
    [error] = list(load_source(path))
    assert isinstance(error, LoaderError)
    assert (error.origin, error.line) == (str(path), 4)
    assert str(error).startswith(f"{path}, line 4: invalid JSON at column 3")


def test_generic_fields_and_aliases_in_an_articles_wrapper():
    path = FIXTURES / "articles.json"
    [article], [error] = _load(path)
    assert article.id == "17"
    assert article.title == "کاهش مصرف آب در تابستان"
    assert article.text.startswith("مصرف آب شهری")
    assert article.url == "https://news.example.org/w17"
    assert article.source == "ایسنا"
    assert article.published == date(2023, 7, 23)  # Jalali 1402-05-01
    assert article.category == "محیط زیست"
    assert article.tags == ("آب", "تابستان")
    assert (error.origin, error.field) == (str(path), "articles[1].text")


def test_json_record_errors_name_their_index(tmp_path):
    records = [{"id": str(i), "text": f"خبر شماره {i}"} for i in range(12)]
    records += [{"title": "بی‌متن"}, "not an object", {"text": "x", "published": "فردا"}, {"text": "y", "tags": 5}]
    articles, errors = _load(_write(tmp_path / "list.json", json.dumps(records, ensure_ascii=False)))
    assert len(articles) == 12
    assert [e.field for e in errors] == ["[12].text", "[13]", "[14].published", "[15].tags"]
    assert "unparsable date 'فردا'" in errors[2].reason


def test_json_id_falls_back_to_url_then_content_hash(tmp_path):
    records = [{"text": "متن با نشانی", "link": "https://example.org/a"}, {"text": "متن بی‌نشانی"}]
    articles, _ = _load(_write(tmp_path / "ids.json", json.dumps(records, ensure_ascii=False)))
    assert [a.id for a in articles] == ["https://example.org/a", content_id("متن بی‌نشانی")]
    [single], _ = _load(_write(tmp_path / "one.json", json.dumps({"id": "x1", "content": "تنها خبر"})))
    assert (single.id, single.text, single.title) == ("x1", "تنها خبر", "تنها خبر")


def test_jsonl_bad_line_is_one_error_and_the_other_lines_load():
    path = FIXTURES / "one-bad-line.jsonl"
    articles, errors = _load(path)
    assert [a.id for a in articles] == ["a1", "a3"]
    assert articles[0].published == date(2024, 3, 20)  # Jalali 1403/01/01
    assert articles[0].source == "ایرنا"
    assert articles[1].tags == ("کتاب", "بازار")
    assert [(e.origin, e.line, e.field) for e in errors] == [(str(path), 2, None), (str(path), 4, "text")]


# --- CSV and TSV --------------------------------------------------------------------------------------------------


def test_csv_rows_load_and_bad_rows_name_their_line():
    path = FIXTURES / "articles.csv"
    articles, errors = _load(path)
    assert [a.id for a in articles] == ["c1", "c3"]
    assert articles[0].tags == ("اقتصاد", "نان")
    assert articles[0].source == "خبرگزاری مهر"
    assert articles[0].published == date(2024, 3, 20)
    assert articles[1].text == "بند نخست این خبر در یک سطر است.\nبند دوم در سطر بعد می\u200cآید."
    assert (articles[1].source, articles[1].published) == ("ایرنا", date(2020, 8, 2))
    assert [(e.line, e.field) for e in errors] == [(3, "text"), (6, "published")]


def test_tsv_and_a_table_without_text_column(tmp_path):
    [article], _ = _load(_write(tmp_path / "rows.tsv", "Title\tBody\nعنوان\tمتن، با ویرگول\n"))
    assert (article.title, article.text) == ("عنوان", "متن، با ویرگول")
    [error] = list(load_source(_write(tmp_path / "no-text.csv", "id,title\n1,x\n")))
    assert isinstance(error, LoaderError) and error.line == 1 and "no text column" in error.reason


# --- HTML ---------------------------------------------------------------------------------------------------------


def test_malicious_html_yields_inert_text_only():
    [article], errors = _load(FIXTURES / "malicious.html")
    assert errors == []
    for field in (article.text, article.title):
        assert "alert(" not in field
        assert "<" not in field and "javascript" not in field and "onerror" not in field
    assert article.text.startswith("به گزارش ایسنا، کتابخانه عمومی تازه\u200cای")
    assert "کمک\u200cهای مردمی" in article.text
    assert "تمامی حقوق محفوظ" not in article.text
    assert article.title == "افتتاح کتابخانه عمومی تازه در شهر نمونه"
    assert article.id == article.url == "https://news.example.org/fa/news/1001"
    assert article.published == date(2021, 5, 4)
    assert article.source == "ایسنا"


def test_html_without_canonical_url_is_named_by_its_file(tmp_path):
    page = "<html><head><title>خبر</title></head><body><p>" + "متن خبر آزمایشی. " * 20 + "</p></body></html>"
    [article], _ = _load(_write(tmp_path / "page-7.htm", page))
    assert article.id == "page-7"
    assert article.url == ""
    [error] = list(load_source(_write(tmp_path / "blank.html", "<html><body><script>alert(1)</script></body></html>")))
    assert isinstance(error, LoaderError) and error.reason == "no article text found in the HTML page"


# --- feeds --------------------------------------------------------------------------------------------------------


def test_rss_feed_entries_become_articles():
    articles, errors = _load(FIXTURES / "feed.rss")
    assert errors == []
    first, second = articles
    assert (first.id, second.id) == ("news-2001", "https://news.example.org/fa/news/2002")
    assert first.url == "https://news.example.org/fa/news/2001"
    assert first.title == "بارش برف راه\u200cهای شمالی را بست"
    assert first.text == (
        "بارش سنگین برف از شامگاه دیروز چند جاده شمالی کشور را مسدود کرد.\n"
        "پلیس راه از رانندگان خواست از سفرهای غیرضروری پرهیز کنند."
    )
    assert first.published == date(2020, 8, 1)  # the date as written, not shifted to UTC (31 July)
    assert (first.category, first.tags) == ("جامعه", ("جامعه", "آب و هوا"))
    assert {a.source for a in articles} == {"خبرگزاری نمونه"}
    assert second.published == date(2020, 8, 3)


def test_atom_feed_entries_become_articles():
    first, second = _load(FIXTURES / "feed.atom")[0]
    assert (first.id, first.url) == ("urn:example:wire:1", "https://wire.example.com/2024/01/talks")
    assert first.title == "Talks resume in Geneva"
    assert first.text == (
        "GENEVA (Reuters) - Negotiators resumed talks on Tuesday after a two-week pause.\n"
        "Both sides called the first session constructive."
    )
    assert "alert(" not in first.text
    assert first.published == date(2024, 1, 2)
    assert first.source == second.source == "Example Wire"
    assert (second.id, second.published) == ("urn:example:wire:2", date(2024, 1, 1))


def test_xml_that_is_no_feed_and_a_feed_without_entries(tmp_path):
    [error] = list(load_source(_write(tmp_path / "config.xml", "<config><a>1</a></config>")))
    assert isinstance(error, LoaderError) and error.reason.startswith("not an RSS or Atom feed")
    empty = '<rss version="2.0"><channel><title>خالی</title></channel></rss>'
    [error] = list(load_source(_write(tmp_path / "empty.rss", empty)))
    assert isinstance(error, LoaderError) and error.reason == "feed has no entries"


# --- directories --------------------------------------------------------------------------------------------------


def test_directory_is_walked_sorted_skipping_hidden_and_unknown_files(tmp_path):
    root = tmp_path / "news"
    _write(root / "a.txt", "خبر الف\nادامه خبر الف")
    _write(root / "b.md", "# خبر ب\n\nمتن خبر ب")
    shutil.copy(FIXTURES / "broken.json", root / "broken.json")
    _write(root / "sub" / "c.jsonl", '{"id": "c1", "text": "یک"}\n{"id": "c2", "text": "دو"}\n')
    shutil.copy(FIXTURES / "feed.rss", _write(root / "sub" / "deeper" / "d.rss", ""))
    _write(root / "z.CSV", "id,text\nz1,متن زد\n")
    _write(root / ".hidden.txt", "پنهان")
    _write(root / ".cache" / "e.txt", "پنهان")
    _write(root / "photo.png", b"\x89PNG\x00\x00")
    _write(root / "README", "not an article")
    items = list(load_source(str(root)))
    ids = [item.id if isinstance(item, Article) else "ERROR" for item in items]
    assert ids == ["a", "b", "ERROR", "c1", "c2", "news-2001", "https://news.example.org/fa/news/2002", "z1"]
    assert items[2].origin == str(root / "broken.json")
    assert items[3].origin == str(root / "sub" / "c.jsonl")


# --- dates --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1399, 1, 1), date(2020, 3, 20)),
        ((1403, 1, 1), date(2024, 3, 20)),
        ((1387, 6, 31), date(2008, 9, 21)),
        ((1348, 10, 11), date(1970, 1, 1)),
        ((1357, 11, 22), date(1979, 2, 11)),
        ((1399, 12, 30), date(2021, 3, 20)),
        ((1404, 1, 1), date(2025, 3, 21)),
        ((1408, 12, 30), date(2030, 3, 20)),
    ],
)
def test_jalali_to_gregorian_on_known_dates(jalali, gregorian):
    assert jalali_to_gregorian(*jalali) == gregorian


def test_days_that_do_not_exist_in_the_jalali_calendar_are_refused():
    for year, month, day in [(1400, 12, 30), (1399, 13, 1), (1399, 7, 31), (1399, 1, 0)]:
        with pytest.raises(ValueError, match="not a Jalali date"):
            jalali_to_gregorian(year, month, day)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-05-01", date(2020, 5, 1)),
        ("2020-05-01T23:30:00-05:00", date(2020, 5, 1)),
        ("2020-05-01T10:00:00Z", date(2020, 5, 1)),
        ("Sat, 01 Aug 2020 00:30:00 +0430", date(2020, 8, 1)),
        ("2020/05/01", date(2020, 5, 1)),
        ("1399/05/12", date(2020, 8, 2)),
        ("۱۳۹۹/۰۵/۱۲", date(2020, 8, 2)),
        ("1399-05-12 14:30", date(2020, 8, 2)),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "دیروز", "2020/02/30", "1400/12/30", "2020-05-01 noon"])
def test_parse_date_refuses_what_is_no_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


# --- URLs over a real local HTTP server ---------------------------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    """Serves a folder with fixed content types, quietly."""

    extensions_map = {  # noqa: RUF012 - the stdlib attribute being overridden
        ".html": "text/html",
        ".rss": "application/rss+xml",
        ".atom": "application/octet-stream",
        ".json": "application/json",
        ".txt": "text/plain; charset=windows-1256",
    }

    def log_message(self, *args: object) -> None:
        """No request log on stderr."""


@pytest.fixture
def site(tmp_path):
    """A folder served over HTTP on 127.0.0.1, and its base URL."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_html_page_fetched_over_http(site):
    root, base = site
    page = "<html><head><title>خبر</title></head><body><article><p>" + "گزارش آزمایشی از سرور. " * 15
    _write(root / "page.html", page + "</p><script>alert(1)</script></article></body></html>")
    shutil.copy(FIXTURES / "malicious.html", root / "malicious.html")
    [article] = list(load_source(f"{base}/page.html", LOOPBACK))
    assert isinstance(article, Article)
    assert article.id == article.url == article.origin == f"{base}/page.html"
    assert article.text.startswith("گزارش آزمایشی از سرور.") and "alert(" not in article.text
    [canonical] = list(load_source(f"{base}/malicious.html", LOOPBACK))
    assert canonical.id == "https://news.example.org/fa/news/1001"
    assert "alert(" not in canonical.text


def test_feeds_fetched_over_http_by_content_type_and_by_sniffing(site):
    root, base = site
    shutil.copy(FIXTURES / "feed.rss", root / "feed.rss")
    shutil.copy(FIXTURES / "feed.atom", root / "feed.atom")
    rss, _ = _load(f"{base}/feed.rss")
    assert [a.id for a in rss] == ["news-2001", "https://news.example.org/fa/news/2002"]
    assert rss[0].origin == f"{base}/feed.rss"
    atom, _ = _load(f"{base}/feed.atom")  # served as application/octet-stream
    assert [a.title for a in atom] == ["Talks resume in Geneva", "Harbour reopens"]


def test_json_and_declared_charset_text_fetched_over_http(site):
    root, base = site
    shutil.copy(FIXTURES / "articles.json", root / "articles.json")
    _write(root / "legacy.txt", LEGACY_PERSIAN.encode("cp1256"))
    articles, [error] = _load(f"{base}/articles.json")
    assert [a.id for a in articles] == ["17"] and error.field == "articles[1].text"
    [text] = list(load_source(f"{base}/legacy.txt", LOOPBACK))
    assert isinstance(text, Article)
    assert (text.id, text.text) == (f"{base}/legacy.txt", LEGACY_PERSIAN)


def test_http_errors_name_the_url(site):
    _, base = site
    [missing] = list(load_source(f"{base}/missing.html", LOOPBACK))
    assert isinstance(missing, LoaderError)
    assert (missing.origin, missing.reason) == (f"{base}/missing.html", "HTTP 404 File not found")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/feed.rss"
    [refused] = list(load_source(url, LOOPBACK))
    assert isinstance(refused, LoaderError)
    assert refused.origin == url and refused.reason.startswith("cannot fetch:")


def test_malformed_rss_is_refused_naming_the_line_instead_of_guessing_items(tmp_path):
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>نمونه</title>\n'
        "<item><title>خبر یک</title><description>متن خبر نخست درباره بازگشایی مدرسه است.</description>\n"
        "<item><title>خبر دو</title><description>متن خبر دوم درباره افتتاح پل است.</description></item>\n"
        "</channel></rss>\n"
    )
    articles, [error] = _load(_write(tmp_path / "broken.rss", feed))
    assert articles == [] and error.line == 5 and "malformed feed" in error.reason


def test_csv_quote_never_closed_is_an_error_not_a_merged_row(tmp_path):
    table = (
        "id,text,url\n"
        "a1,سد تازه استان نمونه آبگیری شد.,https://example.org/a1\n"
        'a2,"پل تازه شهر نمونه افتتاح شد.,https://example.org/a2\n'
        "a3,مدرسه تازه روستا بازگشایی شد.,https://example.org/a3\n"
    )
    articles, [error] = _load(_write(tmp_path / "unclosed.csv", table))
    assert [a.id for a in articles] == ["a1"] and articles[0].url == "https://example.org/a1"
    assert error.line == 3 and "never closed" in error.reason


def test_csv_row_with_missing_fields_is_an_error(tmp_path):
    articles, [error] = _load(_write(tmp_path / "short.csv", "id,title,text\nb1,عنوان\n"))
    assert articles == [] and error.line == 2 and "2 fields, the header has 3" in error.reason


@pytest.mark.parametrize(
    ("record", "field"),
    [({"text": 123}, "text"), ({"text": "متن خبر", "title": 5.5}, "title"), ({"text": "متن", "url": ["x"]}, "url")],
)
def test_json_fields_of_the_wrong_type_are_errors(tmp_path, record, field):
    [error] = list(load_source(_write(tmp_path / "typed.json", json.dumps(record))))
    assert isinstance(error, LoaderError) and error.field == field and "expected a string" in error.reason


def test_articles_that_are_not_a_list_is_named(tmp_path):
    [error] = list(load_source(_write(tmp_path / "wrapper.json", '{"articles": "not a list"}')))
    assert isinstance(error, LoaderError)
    assert error.field == "articles" and error.reason == "expected a list of articles, got str"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected(tmp_path, codec):
    path = _write(tmp_path / "no-bom.txt", LEGACY_PERSIAN.replace("ي", "ی").encode(codec))
    [article] = list(load_source(path))
    assert isinstance(article, Article) and article.text == LEGACY_PERSIAN.replace("ي", "ی")


def test_a_file_reached_twice_through_a_symlink_is_one_article(tmp_path):
    root = tmp_path / "corpus"
    shutil.copy(SEED, _write(root / "news" / "placeholder.txt", "x").parent / SEED.name)
    (root / "news" / "placeholder.txt").unlink()
    (root / "again.txt").symlink_to(root / "news" / SEED.name)
    articles, errors = _load(root)
    assert errors == [] and [a.id for a in articles] == [SEED_ID]


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "[::1]", "10.1.2.3", "169.254.169.254"]
)
def test_url_ingest_refuses_inner_addresses_by_default(site, host):
    _, base = site
    port = base.rsplit(":", 1)[1]
    [refused] = list(load_source(f"http://{host}:{port}/page.html"))
    assert isinstance(refused, LoaderError) and "not a public address" in refused.reason


def test_fetch_allow_list_names_hosts_networks_and_ports():
    policy = FetchPolicy(allow=("wiki.internal", "10.0.0.0/8:8080"))
    address = ipaddress.ip_address
    assert policy.allows("news.example", address("93.184.216.34"), 443)
    assert not policy.allows("news.example", address("224.0.0.1"), 80)
    assert policy.allows("wiki.internal", address("192.168.1.5"), 80)
    assert policy.allows("x", address("10.9.8.7"), 8080) and not policy.allows("x", address("10.9.8.7"), 80)
    assert not policy.allows("x", address("127.0.0.1"), 8080)
    with pytest.raises(ValueError, match="KHABAR_FETCH_ALLOW"):
        FetchPolicy(allow=("host:port",))
