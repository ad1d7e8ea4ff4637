"""Medians, percentiles, ratios and the Markdown table every benchmark prints."""

from __future__ import annotations

import platform
import statistics
from collections.abc import Sequence

from index.embeddings.settings import available_cpus


def percentile(values: Sequence[float], share: float) -> float:
    """The value at a share (0–1) of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def median(values: Sequence[float]) -> float:
    """The median, rounded for a table."""
    return round(statistics.median(values), 2)


def ratio(khabar: float, baseline: float, higher_is_better: bool) -> str:
    """How many times better khabar is than the baseline on one figure."""
    if not khabar or not baseline:
        return "—"
    times = khabar / baseline if higher_is_better else baseline / khabar
    return f"{times:.2f}×"


def markdown(rows: Sequence[tuple[str, float, float, bool]]) -> str:
    """Rows of (figure, khabar, baseline, higher is better) as a Markdown table with ratios."""
    lines = ["| figure | khabar | baseline | khabar vs baseline |", "| --- | ---: | ---: | ---: |"]
    for figure, khabar, baseline, higher in rows:
        lines.append(f"| {figure} | {khabar:,.2f} | {baseline:,.2f} | {ratio(khabar, baseline, higher)} |")
    return "\n".join(lines)


def machine() -> str:
    """One line naming the machine the figures come from."""
    return f"{platform.machine()}, {available_cpus()} CPUs, Python {platform.python_version()}, {platform.platform()}"
