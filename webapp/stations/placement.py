"""Is a station's point inside its county? Point in polygon with a tolerance at the edge.

The county polygons in the data pack are simplified (6 % of the vertices kept) and clipped to
the Natural Earth coastline, so a real building near a border or on the shore can fall a little
outside its polygon. A point within `EDGE_TOLERANCE_M` of the edge counts as inside.
"""

import math

from webapp.places.geometry import point_in_geometry

EDGE_TOLERANCE_M = 2_000
_METRES_PER_DEGREE = 111_320


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def _segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    """Distance from point p to segment a–b on a plane."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def distance_to_edge_m(lat: float, lon: float, geometry: dict) -> float:
    """Metres from a point to the nearest edge of a polygon (equirectangular, fine for km)."""
    kx = _METRES_PER_DEGREE * math.cos(math.radians(lat))
    ky = _METRES_PER_DEGREE
    best = math.inf
    for ring in _rings(geometry):
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
            best = min(
                best,
                _segment_distance(
                    0.0, 0.0, (ax - lon) * kx, (ay - lat) * ky, (bx - lon) * kx, (by - lat) * ky
                ),
            )
    return best


def metres_outside(lat: float, lon: float, geometry: dict) -> float:
    """0 for a point inside the polygon, else its distance to the polygon's edge in metres."""
    if point_in_geometry(lat, lon, geometry):
        return 0.0
    return distance_to_edge_m(lat, lon, geometry)


def within(lat: float, lon: float, geometry: dict, tolerance_m: float = EDGE_TOLERANCE_M) -> bool:
    """True when the point is inside the polygon or no further than `tolerance_m` outside it."""
    return metres_outside(lat, lon, geometry) <= tolerance_m
