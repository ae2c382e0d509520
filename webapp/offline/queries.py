"""What a saved constituency's pack is made of, read from the database."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from webapp.constituencies.models import Constituency, Election
from webapp.extensions import db
from webapp.offline.pack import PackStation, build
from webapp.places.models import County
from webapp.stations.models import Station
from webapp.text.dates import TEHRAN


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


def _station(row: Station, place: int, day: dt.date) -> PackStation:
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
        stops=[(s.place, _minutes(s.starts_at), _minutes(s.ends_at)) for s in row.stops],
    )


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
    rows = db.session.scalars(
        select(Station)
        .where(Station.constituency_id == cid, Station.published.is_(True))
        .order_by(Station.code)
        .options(
            joinedload(Station.city),
            joinedload(Station.county).load_only(County.name_fa, County.name_en),
            selectinload(Station.stops),
        )
    ).all()
    places: dict[tuple, int] = {}
    stations = []
    for row in rows:
        key = (row.city.name_fa if row.city else "", row.county.name_fa, row.county.name_en)
        stations.append(_station(row, places.setdefault(key, len(places)), election.polling_date))
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
