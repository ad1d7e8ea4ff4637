"""Where each person of the who-met-whom graph is drawn: a force-directed layout, then labels pushed apart.

Each group of people linked by meetings is laid out on its own by Fruchterman–Reingold (seeded, so the same graph
is drawn the same way), which places people who met close together; each node's label then takes a box of its
estimated width below its circle, and overlapping boxes are pushed apart along the axis where they overlap least
until none overlaps. The groups are then packed in rows, largest first, as Graphviz packs components. Widths are
estimated generously (`CHAR_WIDTH` of the font size per character, more than Persian and Latin glyphs of the page's
fonts take), so the drawn labels fit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FONT_SIZE = 11.0
CHAR_WIDTH = 0.62
"""A label's width per character as a share of the font size: above the widest average glyph of the page's fonts."""
LABEL_GAP = 4.0
SEED = 13
ITERATIONS = 300
SPACING = 130.0
"""The side of the layout's square per square root of the node count (a label's width, about)."""
ROW_WIDTH = 1100.0
"""Groups of people who met are packed in rows this wide (a laptop screen's width of the drawing)."""
MAX_SEPARATION_ROUNDS = 2000


@dataclass(frozen=True)
class Box:
    """A node drawn: its circle's centre and radius, and the box its circle and label take."""

    x: float
    y: float
    radius: float
    left: float
    top: float
    right: float
    bottom: float


def label_width(label: str) -> float:
    """The width a label is given (in the drawing's units)."""
    return len(label) * FONT_SIZE * CHAR_WIDTH + 6.0


def _forces(count: int, edges: Sequence[tuple[int, int, float]], area: float) -> np.ndarray:
    """Fruchterman–Reingold positions of `count` nodes joined by weighted edges, in a square of side `area`."""
    rng = np.random.default_rng(SEED)
    angles = np.linspace(0, 2 * math.pi, count, endpoint=False)
    positions = np.c_[np.cos(angles), np.sin(angles)] * area / 3 + rng.normal(0, area / 50, (count, 2))
    if count == 1:
        return np.zeros((1, 2))
    ideal = area / math.sqrt(count)
    temperature = area / 10
    sources = np.array([a for a, _, _ in edges], dtype=int)
    targets = np.array([b for _, b, _ in edges], dtype=int)
    weights = np.array([w for _, _, w in edges], dtype=float)
    for _ in range(ITERATIONS):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        push = (ideal**2 / distance**2)[:, :, None] * delta
        moves = push.sum(axis=1)
        if len(edges):
            along = positions[sources] - positions[targets]
            length = np.maximum(np.linalg.norm(along, axis=1), 1e-3)
            pull = (length / ideal * weights)[:, None] * along
            np.add.at(moves, sources, -pull)
            np.add.at(moves, targets, pull)
        size = np.maximum(np.linalg.norm(moves, axis=1), 1e-9)
        positions += moves / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature *= 0.985
    return positions


def _boxes(positions: np.ndarray, radii: Sequence[float], labels: Sequence[str]) -> np.ndarray:
    """Each node's box (left, top, right, bottom): its circle with its label centred below it."""
    half = np.array([max(r, label_width(t) / 2) for r, t in zip(radii, labels, strict=True)])
    down = np.array([r + LABEL_GAP + FONT_SIZE + 2 for r in radii])
    up = np.array(radii, dtype=float)
    x, y = positions[:, 0], positions[:, 1]
    return np.c_[x - half, y - up, x + half, y + down]


def _separate(positions: np.ndarray, radii: Sequence[float], labels: Sequence[str], gap: float) -> np.ndarray:
    """The positions moved until no two boxes (with `gap` around each) overlap: every overlapping pair is pushed
    apart by half its overlap each, along the axis where it overlaps less, all pairs at once, round after round."""
    positions = positions.copy()
    half = np.array([max(r, label_width(t) / 2) for r, t in zip(radii, labels, strict=True)])
    up = np.array(radii, dtype=float)
    down = up + LABEL_GAP + FONT_SIZE + 2
    upper = np.triu(np.ones((len(positions), len(positions)), dtype=bool), k=1)
    for _ in range(MAX_SEPARATION_ROUNDS):
        x, y = positions[:, 0], positions[:, 1]
        left, right, top, bottom = x - half, x + half, y - up, y + down
        dx = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :]) + gap
        dy = np.minimum(bottom[:, None], bottom[None, :]) - np.maximum(top[:, None], top[None, :]) + gap
        overlapping = (dx > 0) & (dy > 0) & upper
        if not overlapping.any():
            break
        sideways = overlapping & (dx < dy)
        vertical = overlapping & ~(dx < dy)
        side = np.where(x[:, None] >= x[None, :], 1.0, -1.0)
        level = np.where(y[:, None] >= y[None, :], 1.0, -1.0)
        shift_x = np.where(sideways, side * dx / 2, 0.0)
        shift_y = np.where(vertical, level * dy / 2, 0.0)
        positions[:, 0] += shift_x.sum(axis=1) - shift_x.sum(axis=0)
        positions[:, 1] += shift_y.sum(axis=1) - shift_y.sum(axis=0)
    return positions


def _components(count: int, edges: Sequence[tuple[int, int, float]]) -> list[list[int]]:
    """The connected groups of nodes, largest first (ties in node order)."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b, _ in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for node in range(count):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def layout(
    labels: Sequence[str],
    radii: Sequence[float],
    edges: Sequence[tuple[int, int, float]],
    gap: float = 6.0,
    width: float = ROW_WIDTH,
) -> list[Box]:
    """Where to draw each node (by index) so that linked nodes lie near and no two labels overlap: each connected
    group laid out on its own, then the groups packed in rows, largest first; the origin is the top-left corner."""
    if len(labels) != len(radii):
        raise ValueError(f"labels and radii must be as many. Currently, {len(labels)} and {len(radii)}")
    placed: dict[int, Box] = {}
    x = y = row = 0.0
    for group in _components(len(labels), edges):
        local = {node: n for n, node in enumerate(group)}
        inner = [(local[a], local[b], w) for a, b, w in edges if a in local]
        sub_labels, sub_radii = [labels[n] for n in group], [radii[n] for n in group]
        if len(group) == 2:  # a pair side by side, their labels apart: the line between them crosses no label
            halves = [max(r, label_width(t) / 2) for r, t in zip(sub_radii, sub_labels, strict=True)]
            positions = np.array([[0.0, 0.0], [sum(halves) + 2 * gap, 0.0]])
        else:
            positions = _forces(len(group), inner, SPACING * math.sqrt(len(group)))
            positions = _separate(positions, sub_radii, sub_labels, gap)
        boxes = _boxes(positions, sub_radii, sub_labels)
        left, top = boxes[:, 0].min(), boxes[:, 1].min()
        size_x, size_y = boxes[:, 2].max() - left, boxes[:, 3].max() - top
        if x > 0 and x + size_x > width:
            x, y, row = 0.0, y + row + gap, 0.0
        shift_x, shift_y = x - left + gap, y - top + gap
        for node, (px, py), box in zip(group, positions.tolist(), boxes.tolist(), strict=True):
            placed[node] = Box(
                px + shift_x,
                py + shift_y,
                float(radii[node]),
                box[0] + shift_x,
                box[1] + shift_y,
                box[2] + shift_x,
                box[3] + shift_y,
            )
        x, row = x + size_x + 2 * gap, max(row, size_y)
    return [placed[n] for n in range(len(labels))]
