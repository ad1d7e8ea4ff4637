"""The graph over the real FarsNews meetings: a seeded force-directed layout whose label boxes never overlap."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, need_shared

from assistant.web.layout import layout
from assistant.web.meetings import graph_svg
from index.meetings.evaluate import load_articles
from index.meetings.query import find_meetings, meeting_graph
from index.meetings.store import MeetingsExtension
from index.store.manifest import Manifest


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """Who met whom over the whole FarsNews corpus (meetings only: identities are tested in tests/meetings)."""
    manifest = Manifest(tmp_path_factory.mktemp("graph") / "manifest.sqlite3", [MeetingsExtension()])
    manifest.commit([(article, []) for article in load_articles(need_shared(CORPUS)).values()])
    yield meeting_graph(find_meetings(manifest.connection, None))
    manifest.close()


def _overlaps(boxes) -> int:
    """How many pairs of boxes overlap."""
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a.right, b.right) > max(a.left, b.left) and min(a.bottom, b.bottom) > max(a.top, b.top)
    )


def test_every_person_of_the_corpus_is_placed_without_overlapping_labels(graph):
    assert len(graph.nodes) > 100  # the corpus has about a hundred meetings
    index = {node.key: n for n, node in enumerate(graph.nodes)}
    edges = [(index[e.source], index[e.target], float(len(e.meetings))) for e in graph.edges]
    labels = [node.label[:28] for node in graph.nodes]
    boxes = layout(labels, [8.0] * len(labels), edges)
    assert _overlaps(boxes) == 0
    assert layout(labels, [8.0] * len(labels), edges) == boxes  # seeded: the same graph is drawn the same way
    assert min(b.left for b in boxes) >= 0 and min(b.top for b in boxes) >= 0


def test_people_who_met_are_drawn_closer_than_people_who_did_not(graph):
    nodes = graph.nodes[:40]
    index = {node.key: n for n, node in enumerate(nodes)}
    edges = [(index[e.source], index[e.target], 1.0) for e in graph.edges if e.source in index and e.target in index]
    boxes = layout([n.label[:28] for n in nodes], [8.0] * len(nodes), edges)
    linked = {(a, b) for a, b, _ in edges} | {(b, a) for a, b, _ in edges}

    def distance(a: int, b: int) -> float:
        return ((boxes[a].x - boxes[b].x) ** 2 + (boxes[a].y - boxes[b].y) ** 2) ** 0.5

    near = [distance(a, b) for a, b, _ in edges]
    far = [distance(a, b) for a in range(len(nodes)) for b in range(a + 1, len(nodes)) if (a, b) not in linked]
    assert sum(near) / len(near) < 0.6 * sum(far) / len(far)


def test_the_svg_shows_the_top_people_and_only_their_edges(graph):
    html = graph_svg(graph, top=30)
    assert html.count('<g class="kh-node"') == 30
    shown = set(re.findall(r'data-key="([^"]+)"', html))
    for source, target in re.findall(r'data-source="([^"]+)" data-target="([^"]+)"', html):
        assert source in shown and target in shown
    with pytest.raises(ValueError, match="top must be greater than 0"):
        graph_svg(graph, top=0)
