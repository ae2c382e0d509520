"""Generate ~59,000 sample polling stations around the real geography, deterministically.

Codes are eight digits (more when a constituency needs over 9,999): the constituency id
zero-padded to four digits, then a serial within the constituency zero-padded to four, e.g.
00010031 is station 31 of constituency 1. Codes held by official stations are skipped. Fixed
stations get numbers first, grouped by place; mobile stations follow.
"""

import datetime as dt
import math
import random
from functools import lru_cache

from sqlalchemy import delete, func, insert, select

from webapp.constituencies.models import Election
from webapp.data.importer import Report
from webapp.extensions import db
from webapp.places.geometry import point_in_geometry
from webapp.stations import sample_names as words
from webapp.stations.models import MobileStop, Station
from webapp.stations.rows import clock, polling_instant
from webapp.stations.sample_plan import Geography, Place, Plan, build_plans
from webapp.text.normalize import search_key

BATCH = 5_000
EXTENSIONS = ((20 * 60, 0.5), (22 * 60, 0.35), (24 * 60, 0.15))
ACCESS = ("step_free", "ramp", "accessible_toilet", "parking")
_METRES_PER_DEGREE = 111_320


def _pick(rng: random.Random, *choices: tuple[str, float]) -> str:
    """One value from (value, cumulative probability) pairs; cheaper than `rng.choices`."""
    roll = rng.random()
    return next((value for value, upto in choices if roll < upto), choices[-1][0])


_search_key = lru_cache(maxsize=4096)(search_key)


def _jitter(rng: random.Random, place: Place, low_m: float, high_m: float, shape) -> tuple:
    """A point `low_m`–`high_m` from the place, inside the county polygon, else the place itself."""
    for _attempt in range(8):
        distance = low_m + (high_m - low_m) * math.sqrt(rng.random())
        angle = rng.random() * 2 * math.pi
        lat = place.lat + distance * math.cos(angle) / _METRES_PER_DEGREE
        lon = place.lon + distance * math.sin(angle) / (
            _METRES_PER_DEGREE * math.cos(math.radians(place.lat))
        )
        lat, lon = round(lat, 6), round(lon, 6)
        if shape is None or point_in_geometry(lat, lon, shape):
            return lat, lon
    return place.lat, place.lon


def _hours(rng: random.Random, election: Election) -> dict:
    """Election hours; about one station in ten extended, with the time it was announced."""
    values = {"opens_at": election.opens_at, "closes_at": election.closes_at}
    values["extended_until"] = values["extension_announced_at"] = None
    if rng.random() < 0.1:
        until = rng.choices([m for m, _w in EXTENSIONS], [w for _m, w in EXTENSIONS])[0]
        # Announced before the regular closing, as extensions are: never after the polls shut.
        closes = election.closes_at.hour * 60 + election.closes_at.minute
        announced = closes - rng.choice((30, 20, 15, 10))
        values["extended_until"] = polling_instant(election.polling_date, until)
        values["extension_announced_at"] = polling_instant(election.polling_date, announced)
    return values


def _stops(rng: random.Random, election: Election) -> list[dict]:
    """Two to four village stops splitting the day, with half an hour to travel between them."""
    count = rng.randint(2, 4)
    start = election.opens_at.hour * 60 + election.opens_at.minute
    end = election.closes_at.hour * 60 + election.closes_at.minute
    slots = (end - start) // 60
    cuts = [start + 60 * c for c in sorted(rng.sample(range(1, slots), count - 1))]
    bounds = [start, *cuts, end]
    used: set = set()
    return [
        {
            "place": words.village_stop(rng, used),
            "starts_at": clock(bounds[i] + (30 if i else 0)),
            "ends_at": clock(bounds[i + 1]),
        }
        for i in range(count)
    ]


def _station(rng: random.Random, plan: Plan, place: Place, mobile: bool, ctx: dict) -> dict:
    """The column values of one sample station (its code is given later)."""
    constituency, shape = plan.constituency, ctx["shapes"][place.county_id]
    audience = "mixed" if mobile else _pick(rng, ("mixed", 0.88), ("men", 0.94), ("women", 1))
    if mobile:
        name, kind = words.mobile_name(rng, rng.randint(1, 12), place.name), "other"
        lat, lon = _jitter(rng, place, 1_500, 8_000, shape)
    else:
        name, kind = words.venue(rng, audience)
        lat, lon = _jitter(rng, place, 150, place.spread_m, shape)
    electronic = constituency.fully_electronic or rng.random() < (
        0.3 if place.fixed_weight > 4 else 0.03
    )
    access = {fact: _pick(rng, ("unknown", 0.75), ("yes", 0.9), ("no", 1)) for fact in ACCESS}
    return {
        "election_id": constituency.election_id,
        "constituency_id": constituency.id,
        "county_id": place.county_id,
        "city_id": place.city_id,
        "name": name,
        "search_key": _search_key(name),
        "venue_kind": kind,
        "address": f"{place.name}، {words.address(rng)}",
        "landmark": words.landmark(rng),
        "neighbourhood": "" if mobile or place.city_id is None else words.neighbourhood(rng),
        "lat": lat,
        "lon": lon,
        "location_source": "sample",
        "is_mobile": mobile,
        "audience": audience,
        **_hours(rng, ctx["elections"][constituency.election_id]),
        "electronic": electronic,
        **access,
        "published": rng.random() >= 0.002,
        "is_sample": True,
        "updated_at": ctx["now"],
    }


def _constituency_stations(rng: random.Random, plan: Plan, ctx: dict) -> list[tuple]:
    """(code, station values, stops) for one constituency, numbered by place."""
    places = plan.places
    fixed = rng.choices(range(len(places)), [p.fixed_weight for p in places], k=plan.fixed)
    mobile = rng.choices(range(len(places)), [p.mobile_weight for p in places], k=plan.mobile)
    order = sorted(fixed) + sorted(mobile)
    width = max(4, len(str(len(order))))
    serial, out = 0, []
    election = ctx["elections"][plan.constituency.election_id]
    for n, index in enumerate(order):
        is_mobile = n >= len(fixed)
        values = _station(rng, plan, places[index], is_mobile, ctx)
        stops = _stops(rng, election) if is_mobile else []
        serial += 1
        while (code := f"{plan.constituency.id:04d}{serial:0{width}d}") in ctx["taken"]:
            serial += 1
        out.append((code, values, stops))
    return out


def _delete_samples() -> int:
    """Remove every sample station and its stops; return how many stations went."""
    samples = select(Station.id).where(Station.is_sample.is_(True))
    options = {"synchronize_session": False}
    db.session.execute(
        delete(MobileStop).where(MobileStop.station_id.in_(samples)), execution_options=options
    )
    result = db.session.execute(
        delete(Station).where(Station.is_sample.is_(True)), execution_options=options
    )
    return result.rowcount


def _insert(rows: list[tuple]) -> None:
    """Bulk insert stations, then their stops with the ids the database gave the stations.

    Core inserts on the tables: the ORM bulk path starts a new statement wherever a NULL
    appears, and RETURNING through it was several times slower on PostgreSQL.
    """
    stations = [{"code": code, **values} for code, values, _stops in rows]
    for start in range(0, len(stations), BATCH):
        db.session.execute(insert(Station.__table__), stations[start : start + BATCH])
    ids = dict(db.session.execute(select(Station.code, Station.id).where(Station.is_sample)).all())
    stops = [{"station_id": ids[code], **stop} for code, _values, found in rows for stop in found]
    for start in range(0, len(stops), BATCH):
        db.session.execute(insert(MobileStop.__table__), stops[start : start + BATCH])


def _summary(report: Report, plans: list[Plan], skipped: list, geography: Geography) -> None:
    counts = sorted((p.fixed + p.mobile, p.constituency.id, p) for p in plans)
    fixed = sum(p.fixed for p in plans)
    mobile = sum(p.mobile for p in plans)
    seats = sum(p.constituency.seats for p in plans) or 1
    report.notes.append(
        f"{fixed} fixed and {mobile} mobile stations in {len(plans)} territorial constituencies, "
        f"about {(fixed + mobile) / seats:.0f} per seat"
    )
    if counts:
        low, high = counts[0][2], counts[-1][2]
        report.notes.append(
            f"per constituency: fewest {counts[0][0]} ({low.constituency.name_fa}, "
            f"{low.constituency.seats} seat(s)), most {counts[-1][0]} "
            f"({high.constituency.name_fa}, {high.constituency.seats} seats)"
        )
    if skipped:
        names = "، ".join(c.name_fa for c in skipped)
        report.notes.append(
            f"{len(skipped)} constituencies without counties get no stations "
            f"(the religious minorities vote at any station): {names}"
        )
    if geography.label_fallbacks:
        report.notes.append(
            f"{len(geography.label_fallbacks)} counties or districts have no trusted city point; "
            "their stations stand around the county's label point"
        )


def generate_sample_stations(seed: int = 1402, total: int = 59_000) -> Report:
    """Replace the sample stations with `total` new ones made from `seed`; official ones stay."""
    report = Report(source=f"sample stations (seed {seed})")
    rng = random.Random(seed)
    try:
        removed = _delete_samples()
        plans, skipped, geography = build_plans(total)
        ctx = {
            "shapes": geography.shapes,
            "elections": {e.id: e for e in db.session.scalars(select(Election))},
            "taken": set(db.session.scalars(select(Station.code))),
            "now": dt.datetime.now(dt.UTC),
        }
        rows = [row for plan in plans for row in _constituency_stations(rng, plan, ctx)]
        _insert(rows)
        report.created = len(rows)
        _summary(report, plans, skipped, geography)
        official = db.session.scalar(
            select(func.count()).select_from(Station).where(Station.is_sample.is_(False))
        )
        report.notes.append(f"replaced {removed} sample stations; {official} official left alone")
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report
