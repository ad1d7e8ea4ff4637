"""How long the who-met-whom layout takes and how many labels overlap, beside Fruchterman–Reingold alone.

    python -m benchmarks.graph_layout INDEX

Reads the meetings of INDEX (a copy of its manifest, never written), builds the graph and lays out its busiest 30,
60 and all people the way the Meetings tab does (`top_people`, `layout`); the baseline is the same force layout
without the label separation and row packing. Prints a Markdown table: people, edges, label pairs that overlap
(estimated boxes) and seconds, for each.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from assistant.web.layout import SPACING, _boxes, _forces, layout
from assistant.web.meetings import _radius, _short, top_people
from index.extensions import default_extensions
from index.meetings.query import MeetingFilter, find_meetings, meeting_graph
from index.store.manifest import Manifest


def _overlaps(boxes) -> int:
    """Pairs of (left, top, right, bottom) boxes that overlap."""
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="khabar-graph-") as folder:
        for name in ("manifest.sqlite3", "manifest.sqlite3-wal", "manifest.sqlite3-shm"):
            if (args.index / name).exists():
                shutil.copy(args.index / name, Path(folder) / name)
        manifest = Manifest(Path(folder) / "manifest.sqlite3", default_extensions())
        graph = meeting_graph(find_meetings(manifest.connection, MeetingFilter(limit=100_000)))
        manifest.close()
    print(f"{len(graph.nodes)} people, {len(graph.edges)} edges\n")
    head = (
        "people drawn",
        "edges",
        "overlapping labels: khabar",
        "seconds",
        "overlapping labels: force alone",
        "seconds",
    )
    print("| " + " | ".join(head) + " |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for top in (30, 60, len(graph.nodes)):
        nodes = top_people(graph, top)
        index = {node.key: n for n, node in enumerate(nodes)}
        edges = [
            (index[e.source], index[e.target], float(len(e.meetings)))
            for e in graph.edges
            if e.source in index and e.target in index
        ]
        labels, radii = [_short(n.label) for n in nodes], [_radius(n.meetings) for n in nodes]
        start = time.perf_counter()
        drawn = layout(labels, radii, edges)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        plain = _boxes(_forces(len(nodes), edges, SPACING * len(nodes) ** 0.5), radii, labels)
        theirs = time.perf_counter() - start
        mine = _overlaps([(b.left, b.top, b.right, b.bottom) for b in drawn])
        print(f"| {len(nodes)} | {len(edges)} | {mine} | {ours:.2f} | {_overlaps(plain.tolist())} | {theirs:.2f} |")


if __name__ == "__main__":
    main()
