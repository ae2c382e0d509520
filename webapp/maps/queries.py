"""What the print pages and station cards load: station points, sheets, boundaries."""

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload, undefer

from webapp.constituencies.models import Constituency, ConstituencyArea
from webapp.extensions import db
from webapp.maps.sheets import Point
from webapp.places.geometry import parse_geometry
from webapp.places.models import City, County, Province
from webapp.stations.models import MobileStop, Station

RURAL = "none"  # ?city=none: the county's stations outside any city


def constituency(cid: int) -> Constituency | None:
    """One constituency with its province and the counties it covers."""
    return db.session.scalar(
        select(Constituency)
        .filter_by(id=cid)
        .options(
            joinedload(Constituency.province),
            selectinload(Constituency.areas).joinedload(ConstituencyArea.county),
            selectinload(Constituency.areas).joinedload(ConstituencyArea.sector),
        )
    )


def county(county_id: int) -> County | None:
    """One county with its province."""
    return db.session.scalar(
        select(County).filter_by(id=county_id).options(joinedload(County.province))
    )


def city_of(county_id: int, city_id: int) -> City | None:
    """A city of this county, or None."""
    return db.session.scalar(select(City).filter_by(id=city_id, county_id=county_id))


def _points(*where) -> tuple[list[Point], dt.datetime | None]:
    """Plan points of the published stations matching `where`, and their newest change."""
    where = (Station.published.is_(True), *where)
    rows = db.session.execute(
        select(
            Station.id,
            Station.code,
            Station.county_id,
            Station.city_id,
            Station.lat,
            Station.lon,
            Station.is_sample,
        ).where(*where)
    ).all()
    # One aggregate beats converting thousands of timestamps (SQLite stores them as text).
    as_of = db.session.scalar(select(func.max(Station.updated_at)).where(*where)) if rows else None
    stops = dict(
        db.session.execute(
            select(MobileStop.station_id, func.count())
            .join(Station, Station.id == MobileStop.station_id)
            .where(*where)
            .group_by(MobileStop.station_id)
        ).all()
    )
    return [Point(*row, stops=stops.get(row.id, 0)) for row in rows], as_of


def constituency_points(cid: int) -> tuple[list[Point], dt.datetime | None]:
    """Every published station of a constituency as plan points, and the newest change."""
    return _points(Station.constituency_id == cid)


def county_points(county_id: int, city: int | str | None = None):
    """Points (and newest change) of a county's stations; of one city, or none when RURAL."""
    where = [Station.county_id == county_id]
    if city == RURAL:
        where.append(Station.city_id.is_(None))
    elif city is not None:
        where.append(Station.city_id == city)
    return _points(*where)


def places_for(keys) -> tuple[dict[int, County], dict[int, City]]:
    """The counties and cities named by (county id, city id) group keys."""
    county_ids = {k[0] for k in keys}
    city_ids = {k[1] for k in keys if k[1]}
    counties = {
        c.id: c for c in db.session.scalars(select(County).where(County.id.in_(county_ids)))
    }
    cities = {c.id: c for c in db.session.scalars(select(City).where(City.id.in_(city_ids)))}
    return counties, cities


def stations(ids: list[int]) -> list[Station]:
    """Stations with what a sheet prints, in the order of `ids`."""
    rows = db.session.scalars(
        select(Station)
        .where(Station.id.in_(ids))
        .options(selectinload(Station.stops), joinedload(Station.city))
    ).all()
    by_id = {s.id: s for s in rows}
    return [by_id[i] for i in ids if i in by_id]


def county_shapes(county_ids) -> dict[int, dict]:
    """Parsed boundaries of these counties (those that have one)."""
    rows = db.session.execute(
        select(County.id, County.boundary).where(County.id.in_(set(county_ids)))
    ).all()
    return {cid: parse_geometry(text) for cid, text in rows if text}


def province_shape(province_id: int | None) -> dict | None:
    """The parsed boundary of a province, or None."""
    if province_id is None:
        return None
    text = db.session.scalar(
        select(Province.boundary).where(Province.id == province_id).options(undefer("*"))
    )
    return parse_geometry(text) if text else None


def constituencies_of_county(county_id: int) -> list[Constituency]:
    """Constituencies that cover a county (two or more when it is split by district)."""
    return list(
        db.session.scalars(
            select(Constituency)
            .join(ConstituencyArea)
            .where(ConstituencyArea.county_id == county_id)
            .distinct()
            .order_by(Constituency.id)
        )
    )
