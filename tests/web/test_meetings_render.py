"""The meetings table and graph SVG: escaped, with a line and cited sentences per edge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from assistant.meetings.lines import meeting_line
from assistant.web.meetings import graph_svg, meeting_filter, meetings_table_html
from index.meetings.model import Participant
from index.meetings.query import MeetingRecord, meeting_graph

EVIL = "<script>alert(1)</script>"


def record(n: int, who: str, whom: str, evidence: str, day: date | None, url: str = "https://x.example/1"):
    """A stored meeting of `who` with `whom`."""
    return MeetingRecord(
        f"m{n}",
        f"a{n}",
        f"title {n} {EVIL}",
        url,
        "agency",
        None,
        "happened",
        "تهران",
        "",
        day,
        "",
        evidence,
        0,
        len(evidence),
        (Participant(who, who, "", who),),
        (Participant(whom, whom, "", whom),),
    )


MEETINGS = [
    record(1, "شمخانی", "العاروری", f"شمخانی با العاروری دیدار کرد {EVIL}", date(2020, 1, 2)),
    record(2, "شمخانی", f"ظریف {EVIL}", "شمخانی با ظریف دیدار کرد", date(2019, 5, 1), "javascript:alert(1)"),
]


def test_table_escapes_and_links_only_http():
    html = meetings_table_html(MEETINGS)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('class="kh-m-row"') == 2 and 'href="https://x.example/1"' in html
    assert "javascript:" not in html and "2020-01-02" in html and "تهران" in html


def test_graph_is_an_svg_circle_with_a_line_and_cited_sentences_per_edge():
    html = graph_svg(meeting_graph(MEETINGS))
    assert "data-person" not in html  # no stored identities: nothing to open
    assert html.count("<circle") == 3 and html.count("<line") == 2
    assert html.count('class="kh-edge"') == 2 and html.count('class="kh-edge-detail"') == 2
    assert 'href="#kh-edge-1"' in html and 'id="kh-edge-1"' in html
    assert "<script>" not in html and "شمخانی با ظریف دیدار کرد" in html
    assert "Nothing to draw" in graph_svg(meeting_graph([]))


def test_form_filters_refuse_bad_dates_and_statuses():
    assert meeting_filter("شمخانی", "2020-01-01", "", "planned").status == "planned"
    for args in (("", "yesterday"), ("", "", "", "rumoured"), ("", "2021-01-01", "2020-01-01")):
        with pytest.raises(ValueError):
            meeting_filter(*args)


def test_a_call_is_labelled_in_the_table_and_said_to_be_one_in_its_line():
    evidence = "وزیر امور خارجه ایتالیا در پی گفت و گوی تلفنی با کمال خرازی"
    call = replace(record(3, "فراتینی", "کمال خرازی", evidence, None), kind="call", place="")
    html = meetings_table_html([call, MEETINGS[0]])
    assert html.count('data-kind="call"') == 1 and "تماس" in html
    assert meeting_line(call, persian=True, subject_first=True, limit=80) == "فراتینی با کمال خرازی تلفنی گفت‌وگو کرد"
    assert meeting_line(call, persian=False, subject_first=True, limit=80) == "فراتینی spoke by phone with کمال خرازی"
    assert meeting_line(MEETINGS[0], persian=True, subject_first=True, limit=80).endswith(
        "دیدار کرد (2020-01-02، در تهران)"
    )
