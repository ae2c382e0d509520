"""Queries for polling stations: nearest, one station's page, a county's constituencies.

Searching by name or code is the search module's job (webapp/search).
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from webapp.constituencies.models import Constituency, ConstituencyArea
from webapp.extensions import db
from webapp.places.geometry import degree_box, haversine_m
from webapp.places.models import County
from webapp.stations.models import Station

NEAR_RADII_M = (1_500, 5_000, 15_000, 50_000, 150_000, 600_000)


def station_by_code(code: str) -> Station | None:
    """One published station with everything its page shows, or None."""
    return db.session.scalar(
        select(Station)
        .filter_by(code=code, published=True)
        .options(
            joinedload(Station.county).joinedload(County.province),
            joinedload(Station.city),
            joinedload(Station.constituency),
            selectinload(Station.stops),
        )
    )


def nearest_stations(lat: float, lon: float, limit: int = 10) -> list[tuple[Station, float]]:
    """The `limit` nearest published stations with their distance in metres."""
    found: list[tuple[Station, float]] = []
    for radius in NEAR_RADII_M:
        dlat, dlon = degree_box(lat, radius)
        rows = db.session.execute(
            select(Station.id, Station.lat, Station.lon).where(
                Station.published.is_(True),
                Station.lat.between(lat - dlat, lat + dlat),
                Station.lon.between(lon - dlon, lon + dlon),
            )
        ).all()
        near = sorted(
            (d, sid)
            for sid, slat, slon in rows
            if (d := haversine_m(lat, lon, slat, slon)) <= radius
        )
        if len(near) >= limit or radius == NEAR_RADII_M[-1]:
            chosen = near[:limit]
            by_id = {
                s.id: s
                for s in db.session.scalars(
                    select(Station)
                    .where(Station.id.in_([sid for _d, sid in chosen]))
                    .options(joinedload(Station.city), joinedload(Station.county))
                )
            }
            found = [(by_id[sid], d) for d, sid in chosen]
            break
    return found


def constituency_of_county(county_id: int) -> list[Constituency]:
    """The constituencies that cover a county (more than one when it is split by district)."""
    return list(
        db.session.scalars(
            select(Constituency)
            .join(ConstituencyArea)
            .where(ConstituencyArea.county_id == county_id)
            .distinct()
        )
    )
