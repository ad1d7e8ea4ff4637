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


def _cell(value: object) -> str:
    """A table cell: a dash for a figure that does not apply."""
    return "—" if value is None else str(value)


def markdown(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, one line per (language, mode)."""
    header = "| questions | mode | " + " | ".join(title for _, title in COLUMNS) + " |"
    rule = "|" + " --- |" * (len(COLUMNS) + 2)
    lines = [header, rule]
    for row in rows:
        figures = asdict(row.scores)
        cells = [f"{row.language} ({row.scores.questions})", row.mode] + [_cell(figures[key]) for key, _ in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(rows: Sequence[Row]) -> list[dict]:
    """The rows as JSON-ready dicts."""
    return [{"mode": row.mode, "language": row.language, **asdict(row.scores)} for row in rows]
