"""Where each person of the who-met-whom graph is drawn: a force-directed layout, then labels pushed apart.

Fruchterman–Reingold (seeded, so the same graph is drawn the same way) places people who met close together; each
node's label then takes a box of its estimated width below its circle, and overlapping boxes are pushed apart
along the axis where they overlap least until none overlaps. Widths are estimated generously (`CHAR_WIDTH` of the
font size per character, more than Persian and Latin glyphs of the page's fonts take), so the drawn labels fit.
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
        positions = np.clip(positions, -area / 2, area / 2)  # the frame keeps unlinked groups in view
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


def layout(
    labels: Sequence[str], radii: Sequence[float], edges: Sequence[tuple[int, int, float]], gap: float = 6.0
) -> list[Box]:
    """Where to draw each node (by index) so that linked nodes lie near and no two labels overlap; the drawing's
    origin is its top-left corner."""
    if len(labels) != len(radii):
        raise ValueError(f"labels and radii must be as many. Currently, {len(labels)} and {len(radii)}")
    if not labels:
        return []
    area = SPACING * math.sqrt(len(labels))
    positions = _separate(_forces(len(labels), edges, area), radii, labels, gap)
    boxes = _boxes(positions, radii, labels)
    left, top = boxes[:, 0].min() - gap, boxes[:, 1].min() - gap
    return [
        Box(x - left, y - top, float(r), b[0] - left, b[1] - top, b[2] - left, b[3] - top)
        for (x, y), r, b in zip(positions.tolist(), radii, boxes.tolist(), strict=True)
    ]
