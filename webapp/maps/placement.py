"""Place numbered markers so none hides another: each stays on its point or moves to free space.

Markers are placed one by one. A marker whose point is free sits on it; otherwise it tries rings
of positions around its point, nearest first, and takes the first one that overlaps no placed
marker and no reserved box (the north arrow, the scale bar). The map then draws a leader line
from the true point to the moved marker. Placed markers are kept in a grid, so a few hundred
markers take milliseconds.
"""

import math
from dataclasses import dataclass

from webapp.maps.projection import Box

GAP = 0.35  # frame units kept clear between two markers


@dataclass(frozen=True)
class Placed:
    """Where a marker ended up, and whether it had to leave its point."""

    x: float
    y: float
    moved: bool


class _Grid:
    """Boxes bucketed by cell, for overlap tests against nearby boxes only."""

    def __init__(self, cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box):
        c = self.cell
        for i in range(math.floor(box.x0 / c), math.floor(box.x1 / c) + 1):
            for j in range(math.floor(box.y0 / c), math.floor(box.y1 / c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def hits(self, box: Box) -> bool:
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if overlaps(box, other):
                    return True
        return False


def overlaps(a: Box, b: Box) -> bool:
    """True when two boxes share more than an edge."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _box(x: float, y: float, hw: float, hh: float, gap: float = 0) -> Box:
    return Box(x - hw - gap, y - hh - gap, x + hw + gap, y + hh + gap)


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _candidates(x: float, y: float, step: float, rings: int):
    """The point itself, then rings of positions around it, nearest first."""
    yield x, y
    for k in range(1, rings + 1):
        count = 8 * k
        turn = (k % 2) * math.pi / count
        for i in range(count):
            angle = turn + 2 * math.pi * i / count
            yield x + k * step * math.cos(angle), y + k * step * math.sin(angle)


def place(
    points: list[tuple[float, float]],
    sizes: list[tuple[float, float]],
    frame: Box,
    reserved: list[Box] = (),
) -> list[Placed]:
    """Positions for markers of half-sizes `sizes` at `points`, all inside `frame`."""
    largest = max((max(hw, hh) for hw, hh in sizes), default=1.0)
    grid = _Grid(cell=4 * largest)
    for box in reserved:
        grid.add(box)
    step = 1.1 * largest
    rings = max(4, int(max(frame.width, frame.height) / step / 2))
    result: list[Placed] = []
    for (px, py), (hw, hh) in zip(points, sizes, strict=True):
        lo_x, hi_x = frame.x0 + hw, frame.x1 - hw
        lo_y, hi_y = frame.y0 + hh, frame.y1 - hh
        start = (_clamp(px, lo_x, hi_x), _clamp(py, lo_y, hi_y))
        chosen = None
        for cx, cy in _candidates(*start, step, rings):
            if not (lo_x <= cx <= hi_x and lo_y <= cy <= hi_y):
                continue
            if not grid.hits(_box(cx, cy, hw, hh, GAP / 2)):
                chosen = (cx, cy)
                break
        cx, cy = chosen or start
        grid.add(_box(cx, cy, hw, hh, GAP / 2))
        result.append(Placed(cx, cy, math.hypot(cx - px, cy - py) > 0.01))
    return result
