"""Split an area's stations into printable sheets: by county and town, then by neighbourhood.

An area that fits on one sheet gets one sheet. Otherwise each (county, city) group keeps to its
own sheets, except that small towns of the same county share a sheet while they fit. A group
with more than `size` table rows is cut in two along its longer side (in metres) again and again,
keeping the pieces balanced, so every sheet covers one compact neighbourhood and its map can be
drawn at street scale. Within a sheet, stations are numbered in reading order for a Persian
reader: bands from north to south, east to west inside a band.
"""

import math
from dataclasses import dataclass, field
from typing import NamedTuple

SHEET_SIZE = 15  # rows of the table that fit under the map on one A4 page
STOP_ROWS = 0.5  # a mobile station's stop takes a line, half a station's two-line row
BANDS = 5


class Point(NamedTuple):
    """The little a plan needs to know about a station (a tuple: thousands are made per page)."""

    id: int
    code: str
    county_id: int
    city_id: int | None
    lat: float
    lon: float
    sample: bool = False
    stops: int = 0  # a mobile station's stops, each a line of its row in the table

    @property
    def rows(self) -> float:
        """The room this station takes in a sheet's table, in station rows."""
        return 1 + STOP_ROWS * self.stops


def weight(points) -> float:
    """The table rows these points take."""
    return sum(p.rows for p in points)


@dataclass
class Sheet:
    """One printable sheet: its place in the plan and its stations in numbering order."""

    number: int  # 1-based over the whole plan (the ?sheet= of the URL)
    groups: list[tuple[int, int | None]]  # (county id, city id) of its stations, in plan order
    part: int  # 1-based within its group when one big group spans several sheets
    parts: int
    points: list[Point] = field(default_factory=list)


def _metres(points: list[Point]) -> list[tuple[float, float, Point]]:
    lat0 = sum(p.lat for p in points) / len(points)
    k = math.cos(math.radians(lat0))
    return [(p.lon * 111_320 * k, p.lat * 110_574, p) for p in points]


def _split(items: list[tuple[float, float, Point]], parts: int) -> list[list[Point]]:
    """Cut items into `parts` compact, balanced pieces by repeated halving."""
    if parts <= 1:
        return [[p for _x, _y, p in items]]
    xs = [x for x, _y, _p in items]
    ys = [y for _x, y, _p in items]
    axis = 0 if max(xs) - min(xs) >= max(ys) - min(ys) else 1
    ordered = sorted(items, key=lambda item: (item[axis], item[2].code))
    left_parts = parts // 2
    cut = round(len(ordered) * left_parts / parts)
    return _split(ordered[:cut], left_parts) + _split(ordered[cut:], parts - left_parts)


def reading_order(points: list[Point]) -> list[Point]:
    """North to south in bands, east to west within a band (the order a Persian reader scans)."""
    if len(points) < 2:
        return list(points)
    north = max(p.lat for p in points)
    south = min(p.lat for p in points)
    band = (north - south) / BANDS or 1.0
    return sorted(
        points, key=lambda p: (min(int((north - p.lat) / band), BANDS - 1), -p.lon, p.code)
    )


def _pack(groups: dict, keys: list, size: int):
    """(keys, points, part, parts) per sheet: small towns of a county share, big ones split."""
    shared: list = []
    for key in keys + [None]:
        members = groups.get(key, [])
        fits = key is not None and weight(members) <= size
        same_county = shared and key is not None and shared[0][0] == key[0]
        room = fits and same_county and _count(groups, shared) + weight(members) <= size
        if shared and not room:
            yield shared, [p for k in shared for p in groups[k]], 1, 1
            shared = []
        if key is None:
            return
        if fits:
            shared.append(key)
            continue
        pieces = _split(_metres(members), math.ceil(weight(members) / size))
        for part, piece in enumerate(pieces, start=1):
            yield [key], piece, part, len(pieces)


def _count(groups: dict, keys: list) -> float:
    return sum(weight(groups[k]) for k in keys)


def plan(points: list[Point], group_order, size: int = SHEET_SIZE) -> list[Sheet]:
    """Sheets for every station, in `group_order(key)` order of their groups, each about `size`
    table rows at most (a mobile station's stops add to its row)."""
    groups: dict[tuple[int, int | None], list[Point]] = {}
    for point in sorted(points, key=lambda p: p.code):
        groups.setdefault((point.county_id, point.city_id), []).append(point)
    keys = sorted(groups, key=group_order)
    if weight(points) <= size:
        return [Sheet(1, keys, 1, 1, reading_order(points))] if points else []
    return [
        Sheet(number, sheet_keys, part, parts, reading_order(members))
        for number, (sheet_keys, members, part, parts) in enumerate(
            _pack(groups, keys, size), start=1
        )
    ]
