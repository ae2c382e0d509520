"""Is a point in Iran? Province polygons from the database, loaded once per process."""

from functools import lru_cache

from sqlalchemy import select

from webapp.extensions import db
from webapp.places.geometry import distance_to_geometry_m, parse_geometry, point_in_geometry
from webapp.places.models import Province

COAST_TOLERANCE_M = 15_000


@lru_cache(maxsize=1)
def _province_shapes() -> tuple[dict, ...]:
    rows = db.session.execute(select(Province.boundary)).scalars()
    return tuple(parse_geometry(text) for text in rows if text)


def inside_iran(lat: float, lon: float) -> bool:
    """True inside a province polygon or within 15 km of one (simplified coasts and borders)."""
    shapes = _province_shapes()
    if not shapes:
        return True
    if any(point_in_geometry(lat, lon, shape) for shape in shapes):
        return True
    return any(distance_to_geometry_m(lat, lon, shape) <= COAST_TOLERANCE_M for shape in shapes)
