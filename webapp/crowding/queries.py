"""Loading what the reporting pages need: stations with their hours, tokens, rankings."""

import datetime as dt
import time

from flask import current_app, g
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from webapp.constituencies.models import Election
from webapp.crowding import clock, levels
from webapp.crowding.hours import Hours, at_tehran, hours_of
from webapp.crowding.models import StationToken
from webapp.crowding.service import StationRef, Status, statuses
from webapp.extensions import db
from webapp.places.geometry import degree_box, haversine_m
from webapp.security import same_hash, token_hash
from webapp.stations.models import MobileStop, Station

NEAR_CANDIDATES = 20
HOUR_COLUMNS = (
    Station.id,
    Station.code,
    Station.election_id,
    Station.opens_at,
    Station.closes_at,
    Station.extended_until,
    Station.is_mobile,
)
_BOX_QUERY = select(*HOUR_COLUMNS, Station.lat, Station.lon).where(
    Station.published.is_(True),
    Station.lat.between(bindparam("s"), bindparam("n")),
    Station.lon.between(bindparam("w"), bindparam("e")),
)
_TOKEN_QUERY = (
    select(StationToken.token_hash, StationToken.revoked_at, Station.published, *HOUR_COLUMNS)
    .join(Station, Station.id == StationToken.station_id)
    .where(StationToken.token_hash == bindparam("digest"))
)
LIST_LIMIT = 20
POINT_CANDIDATES = 200  # with a location, only the nearest few hundred can win
CACHE_SECONDS = 60


def _cached(name: str, key, load):
    """A value kept a minute per app process (hours and dates change only on import)."""
    cache = current_app.extensions.setdefault(f"crowding_{name}", {})
    expires, value = cache.get(key, (0.0, None))
    if value is None or time.monotonic() > expires:
        value = load()
        cache[key] = (time.monotonic() + CACHE_SECONDS, value)
    return value


def _polling_dates() -> dict[int, dt.date]:
    """Election id → polling date."""
    return _cached(
        "dates",
        None,
        lambda: dict(db.session.execute(select(Election.id, Election.polling_date)).all()),
    )


def _stops(station_ids: list[int]) -> dict[int, list[tuple[dt.time, dt.time]]]:
    found: dict[int, list[tuple[dt.time, dt.time]]] = {}
    if station_ids:
        rows = db.session.execute(
            select(MobileStop.station_id, MobileStop.starts_at, MobileStop.ends_at).where(
                MobileStop.station_id.in_(station_ids)
            )
        )
        for sid, start, end in rows:
            found.setdefault(sid, []).append((start, end))
    return found


def refs_for(stations) -> list[StationRef]:
    """StationRefs for Station objects or HOUR_COLUMNS rows (mobile stops in one query).

    Fixed stations with the same hours share one Hours object, so big lists stay cheap.
    """
    dates = _polling_dates()
    stops = _stops([s.id for s in stations if s.is_mobile])
    shared: dict[tuple, Hours] = {}
    refs = []
    for s in stations:
        args = (dates[s.election_id], s.opens_at, s.closes_at, s.extended_until)
        if s.id in stops:
            hours = hours_of(*args, stops[s.id])
        elif (hours := shared.get(args)) is None:
            hours = shared[args] = hours_of(*args)
        refs.append(StationRef(s.id, s.code, hours))
    return refs


def statuses_for(stations) -> dict[int, Status]:
    """Station id → Status for Station rows."""
    return statuses(refs_for(list(stations))) if stations else {}


def _polling_windows() -> list[tuple[dt.datetime, dt.datetime]]:
    return [
        (at_tehran(day, opens), at_tehran(day + dt.timedelta(days=1), dt.time()))
        for day, opens in db.session.execute(select(Election.polling_date, Election.opens_at))
    ]


def polling_live() -> bool:
    """True on polling day from the first opening until midnight, when levels can exist."""
    if "crowding_live" not in g:
        now = clock.now()
        windows = _cached("windows", None, _polling_windows)
        g.crowding_live = any(start <= now < end for start, end in windows)
    return g.crowding_live


def published_station(code: str) -> Station | None:
    """One published station by code."""
    return db.session.scalar(
        select(Station).filter_by(code=code[:20], published=True).options(joinedload(Station.city))
    )


def ref_for_token(token: str | None, code: str) -> StationRef | None:
    """The station of a valid, unrevoked token, only if it is the station asked for.

    One prepared query on the token's hash (the hot path of every staff report).
    """
    if not token or len(token) > 100:
        return None
    row = db.session.execute(_TOKEN_QUERY, {"digest": token_hash(token)}).first()
    if row is None or row.revoked_at is not None or not same_hash(row.token_hash, token):
        return None
    if row.code != code or not row.published:
        return None
    return refs_for([row])[0]


def station_for_token(token: str | None, code: str) -> Station | None:
    """Like `ref_for_token`, but the whole Station for a page."""
    ref = ref_for_token(token, code)
    return db.session.get(Station, ref.id) if ref is not None else None


def _nearest_rows(lat: float, lon: float, count: int) -> list[tuple[object, float]]:
    """(HOUR_COLUMNS row, metres) of the `count` nearest published stations, nearest first.

    The same widening boxes as the station finder, but only the columns the ranking needs.
    """
    from webapp.stations.queries import NEAR_RADII_M

    for radius in NEAR_RADII_M:
        dlat, dlon = degree_box(lat, radius)
        box = {"s": lat - dlat, "n": lat + dlat, "w": lon - dlon, "e": lon + dlon}
        near = sorted(
            (
                (d, r)
                for r in db.session.execute(_BOX_QUERY, box)
                if (d := haversine_m(lat, lon, r.lat, r.lon)) <= radius
            ),
            key=lambda pair: pair[0],
        )
        if len(near) >= count or radius == NEAR_RADII_M[-1]:
            return [(r, d) for d, r in near[:count]]
    return []


def least_crowded_near(lat: float, lon: float, limit: int = 10):
    """The best `limit` of the nearest stations by walking time plus expected wait.

    Returns (station, metres, status), the Station rows loaded only for the winners.
    """
    candidates = _nearest_rows(lat, lon, NEAR_CANDIDATES)
    refs = refs_for([r for r, _d in candidates])
    found = statuses(refs)
    ranked = sorted(
        ((ref, d) for ref, (_r, d) in zip(refs, candidates, strict=True)),
        key=lambda t: (
            not found[t[0].id].open,
            levels.trip_minutes(t[1], found[t[0].id].reading, found[t[0].id].age_seconds or 0),
            t[1],
        ),
    )[:limit]
    by_id = {
        s.id: s
        for s in db.session.scalars(
            select(Station)
            .where(Station.id.in_([ref.id for ref, _d in ranked]))
            .options(joinedload(Station.city), joinedload(Station.county))
        )
    }
    return [(by_id[ref.id], d, found[ref.id]) for ref, d in ranked]


def _constituency_rows(cid: int) -> list[tuple[StationRef, float, float]]:
    """(ref, lat, lon) of a constituency's published stations.

    Reading the hours of thousands of stations on every request would cost more than all
    the rest of the page, so they are kept a minute.
    """

    def load():
        found = db.session.execute(
            select(*HOUR_COLUMNS, Station.lat, Station.lon).where(
                Station.constituency_id == cid, Station.published.is_(True)
            )
        ).all()
        refs = refs_for(found)
        return [(ref, row.lat, row.lon) for ref, row in zip(refs, found, strict=True)]

    return _cached("constituency_rows", cid, load)


def least_crowded_in(cid: int, point: tuple[float, float] | None, page: int = 1):
    """One page of a constituency's open stations, least crowded first; with a point, nearest
    trips first.

    Returns (ranked (station, distance or None, status), open stations without a reading, the
    page shown, pages). A page past the end shows the last one: the list moves with the queues,
    so a page that existed a minute ago may not now.
    """
    rows = _constituency_rows(cid)
    if point is not None:
        rows = sorted(rows, key=lambda r: haversine_m(point[0], point[1], r[1], r[2]))
        rows = rows[:POINT_CANDIDATES]
    found = statuses([ref for ref, _lat, _lon in rows])
    live = [r for r in rows if found[r[0].id].open]
    unknown = sum(1 for r in live if found[r[0].id].reading is None)
    if point is not None:
        scored = [(r[0], haversine_m(point[0], point[1], r[1], r[2])) for r in live]
        scored.sort(
            key=lambda t: (
                levels.trip_minutes(t[1], found[t[0].id].reading, found[t[0].id].age_seconds or 0),
                t[1],
            )
        )
    else:
        scored = [(r[0], None) for r in live if found[r[0].id].reading is not None]
        scored.sort(key=lambda t: (found[t[0].id].reading.level, found[t[0].id].age_seconds))
    pages = max(1, -(-len(scored) // LIST_LIMIT))
    page = min(page, pages)
    chosen = scored[(page - 1) * LIST_LIMIT : page * LIST_LIMIT]
    by_id = {
        s.id: s
        for s in db.session.scalars(
            select(Station)
            .where(Station.id.in_([ref.id for ref, _d in chosen]))
            .options(joinedload(Station.city))
        )
    }
    ranked = [(by_id[ref.id], d, found[ref.id]) for ref, d in chosen]
    return ranked, unknown, page, pages


def published_stations(codes: list[str]) -> list[Station]:
    """Published stations with these codes, in the order asked."""
    if not codes:
        return []
    rows = db.session.scalars(
        select(Station).where(Station.code.in_(codes), Station.published.is_(True))
    ).all()
    by_code = {s.code: s for s in rows}
    return [by_code[c] for c in dict.fromkeys(codes) if c in by_code]


def near_stations(point: tuple[float, float], order: str | None) -> list[tuple[Station, float]]:
    """(station, metres) nearest first; with order=quiet on polling day, least crowded nearby."""
    from webapp.stations.queries import nearest_stations

    if order == "quiet" and polling_live():
        return [(station, d) for station, d, _status in least_crowded_near(*point)]
    return nearest_stations(*point)
