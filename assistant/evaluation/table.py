"""The evaluation table, as Markdown for people and as JSON for scripts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from assistant.evaluation.runner import Row

COLUMNS = (
    ("answered_pct", "answered %"),
    ("answer_hit_pct", "answer hit %"),
    ("concise_answer_hit_pct", "concise hit %"),
    ("answer_chars_p50", "median chars"),
    ("cited_quote_supports_pct", "quote supports %"),
    ("first_citation_is_gold_pct", "1st cite gold %"),
    ("hit_at_1_pct", "hit@1"),
    ("hit_at_5_pct", "hit@5"),
    ("hit_at_10_pct", "hit@10"),
    ("mrr_at_10", "MRR@10"),
    ("unanswerable_refused_pct", "refused %"),
    ("latency_ms_p50", "p50 ms"),
    ("latency_ms_p95", "p95 ms"),
)


EXTRA_TITLES = {
    "answer_read_pct": "answer read %",
    "all_gold_at_10_pct": "all gold @10 %",
    "cites_all_gold_pct": "cites all gold %",
    "misattributed_pct": "misattributed %",
}
"""Titles of the figures only some sets have; a per-kind figure is titled by its kind."""


def _cell(value: object) -> str:
    """A table cell: a dash for a figure that does not apply."""
    return "—" if value is None else str(value)


def _extra_keys(rows: Sequence[Row]) -> list[str]:
    """The set-only figures of the rows, in the order they first appear."""
    return list(dict.fromkeys(key for row in rows for key in row.extra))


def _title(key: str) -> str:
    """A set-only figure's column title."""
    return EXTRA_TITLES.get(key) or key.removesuffix("_concise_hit_pct") + " concise hit %"


def markdown(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, one line per (language, mode, way of asking)."""
    extra = _extra_keys(rows)
    titles = [title for _, title in COLUMNS] + [_title(key) for key in extra]
    header = "| questions | mode | " + " | ".join(titles) + " |"
    rule = "|" + " --- |" * (len(titles) + 2)
    lines = [header, rule]
    for row in rows:
        figures = asdict(row.scores)
        mode = f"{row.mode}, {row.variant}" if row.variant else row.mode
        cells = [f"{row.language} ({row.scores.questions})", mode]
        cells += [_cell(figures[key]) for key, _ in COLUMNS] + [_cell(row.extra.get(key)) for key in extra]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(rows: Sequence[Row]) -> list[dict]:
    """The rows as JSON-ready dicts."""
    return [
        {"mode": row.mode, "language": row.language, "variant": row.variant, **asdict(row.scores), **row.extra}
        for row in rows
    ]


def _run_label(row: dict) -> str:
    """A JSON row's language, mode and way of asking, as one label."""
    return " · ".join(part for part in (row["language"], row["mode"], row.get("variant")) if part)


def comparison(before: Sequence[dict], after: Sequence[dict] | None, labels: tuple[str, str]) -> str:
    """Two runs of one set (JSON rows) side by side, one line per figure; a run not made yet shows dashes."""
    standard = dict(COLUMNS)
    titles = standard | {
        key: _title(key)
        for row in before
        for key in row
        if key in EXTRA_TITLES or (key.endswith("_concise_hit_pct") and key not in standard)
    }
    titles = {key: title for key, title in titles.items() if any(row.get(key) is not None for row in before)}
    later = {_run_label(row): row for row in after or []}
    lines = [f"| run | figure | {labels[0]} | {labels[1]} |", "| --- | --- | --- | --- |"]
    for row in before:
        label = _run_label(row)
        for key, title in titles.items():
            if key in row:
                lines.append(f"| {label} | {title} | {_cell(row[key])} | {_cell(later.get(label, {}).get(key))} |")
    return "\n".join(lines)
