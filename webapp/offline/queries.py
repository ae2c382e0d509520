"""What a saved constituency's pack is made of, read from the database."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from webapp.constituencies.models import Constituency, Election
from webapp.extensions import db
from webapp.offline.pack import PackStation, build
from webapp.places.models import City, County
from webapp.stations.models import MobileStop, Station
from webapp.text.dates import TEHRAN

STATION_COLUMNS = (
    "id", "code", "name", "lat", "lon", "electronic", "is_mobile", "is_sample", "audience",
    "opens_at", "closes_at", "extended_until", "address", "landmark", "neighbourhood",
    "venue_kind", "step_free", "ramp", "accessible_toilet", "parking",
)  # fmt: skip


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _minutes_after(day: dt.date, instant: dt.datetime | None) -> int | None:
    """Minutes from midnight (Tehran) of the polling day to an instant."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.UTC)
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=TEHRAN)
    return round((instant - midnight).total_seconds() / 60)


def _station(row, place: int, day: dt.date, stops: list) -> PackStation:
    return PackStation(
        code=row.code,
        name=row.name,
        lat=row.lat,
        lon=row.lon,
        place=place,
        electronic=row.electronic,
        mobile=row.is_mobile,
        sample=row.is_sample,
        audience=row.audience,
        opens=_minutes(row.opens_at),
        closes=_minutes(row.closes_at),
        extended_until=_minutes_after(day, row.extended_until),
        address=row.address,
        landmark=row.landmark or "",
        neighbourhood=row.neighbourhood or "",
        venue=row.venue_kind,
        access=(row.step_free, row.ramp, row.accessible_toilet, row.parking),
        stops=stops,
    )


def _rows(cid: int):
    """The published stations of a constituency with their place names, by code."""
    return db.session.execute(
        select(
            *(getattr(Station, name) for name in STATION_COLUMNS),
            City.name_fa.label("city_fa"),
            County.name_fa.label("county_fa"),
            County.name_en.label("county_en"),
        )
        .join(County, County.id == Station.county_id)
        .outerjoin(City, City.id == Station.city_id)
        .where(Station.constituency_id == cid, Station.published.is_(True))
        .order_by(Station.code)
    ).all()


def _stops(cid: int) -> dict[int, list[tuple[str, int, int]]]:
    """Where each mobile station of a constituency stops, by station id."""
    rows = db.session.execute(
        select(MobileStop.station_id, MobileStop.place, MobileStop.starts_at, MobileStop.ends_at)
        .join(Station, Station.id == MobileStop.station_id)
        .where(Station.constituency_id == cid, Station.published.is_(True))
        .order_by(MobileStop.station_id, MobileStop.starts_at)
    )
    stops: dict[int, list[tuple[str, int, int]]] = {}
    for station_id, place, start, end in rows:
        stops.setdefault(station_id, []).append((place, _minutes(start), _minutes(end)))
    return stops


def _version(cid: int) -> tuple[int, str]:
    """How many published stations a constituency has and when the last one changed."""
    count, newest = db.session.execute(
        select(func.count(), func.max(Station.updated_at)).where(
            Station.constituency_id == cid, Station.published.is_(True)
        )
    ).one()
    return count, newest.isoformat() if newest else ""


def pack_bytes(cid: int) -> bytes | None:
    """The gzip-budgeted JSON pack of one constituency, or None when there is none."""
    if db.session.get(Constituency, cid) is None:
        return None
    return _cached_pack(db.engine.url.render_as_string(), cid, *_version(cid))


@lru_cache(maxsize=16)
def _cached_pack(database: str, cid: int, count: int, newest: str) -> bytes:
    """Build once per constituency and data version (keys beyond cid only key the cache)."""
    del database, count
    constituency = db.session.scalar(
        select(Constituency).filter_by(id=cid).options(joinedload(Constituency.province))
    )
    election = db.session.get(Election, constituency.election_id)
    stops = _stops(cid)
    places: dict[tuple, int] = {}
    stations = []
    for row in _rows(cid):
        key = (row.city_fa or "", row.county_fa, row.county_en)
        place = places.setdefault(key, len(places))
        stations.append(_station(row, place, election.polling_date, stops.get(row.id, [])))
    province = constituency.province
    head = {
        "id": cid,
        "name": [constituency.name_fa, constituency.name_en],
        "province": [province.name_fa, province.name_en] if province else None,
        "seats": constituency.seats,
        "electronic": constituency.fully_electronic,
        "date": election.polling_date.isoformat(),
        "updated": newest,
        "places": [list(key) for key in places],
    }
    return build(head, stations)
