"""Plane geometry on lon/lat rings: point in polygon, distances, Iran's bounding box."""

import json
import math
from functools import lru_cache

IRAN_BBOX = (25.0, 40.0, 44.0, 64.0)  # lat min, lat max, lon min, lon max
EARTH_RADIUS_M = 6_371_000


def inside_iran_bbox(lat: float, lon: float) -> bool:
    """True when a point lies in the box around Iran (a first, cheap check)."""
    lat_min, lat_max, lon_min, lon_max = IRAN_BBOX
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def _in_ring(lon: float, lat: float, ring: list) -> bool:
    """Even-odd rule for one closed ring of [lon, lat] pairs."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def point_in_geometry(lat: float, lon: float, geometry: dict) -> bool:
    """True when the point lies inside a GeoJSON Polygon or MultiPolygon (holes respected)."""
    for rings in _polygons(geometry):
        inside = rings and _in_ring(lon, lat, rings[0])
        if inside and not any(_in_ring(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


@lru_cache(maxsize=1024)
def parse_geometry(text: str) -> dict:
    """Parse a stored GeoJSON geometry once."""
    return json.loads(text)


def distance_to_geometry_m(lat: float, lon: float, geometry: dict) -> float:
    """Approximate distance in metres from a point to the nearest vertex of a geometry."""
    best = math.inf
    for rings in _polygons(geometry):
        for ring in rings:
            for x, y in ring:
                best = min(best, haversine_m(lat, lon, y, x))
    return best


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def degree_box(lat: float, radius_m: float) -> tuple[float, float]:
    """Half-sizes in degrees (lat, lon) of a box that holds a circle of `radius_m`."""
    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    return dlat, dlon
