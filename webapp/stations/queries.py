"""Queries for polling stations: by code, by place, nearest, and one station's page."""

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from webapp.constituencies.models import Constituency, ConstituencyArea
from webapp.extensions import db
from webapp.i18n import list_separator, persian, pick
from webapp.places.geometry import degree_box, haversine_m
from webapp.places.models import City, County, Province
from webapp.stations.models import Station
from webapp.text.collation import persian_sort_key
from webapp.text.normalize import compact_key, normalize_code, search_key

NEAR_RADII_M = (1_500, 5_000, 15_000, 50_000, 150_000, 600_000)
RESULT_LIMIT = 12


@dataclass
class PlaceHit:
    """One search result: what kind of place, its name, a line of context and where it links."""

    kind: str
    id: int
    name: Markup
    context: Markup
    weight: float

    @property
    def sort_name(self) -> str:
        """The name without markup, for ordering."""
        return self.name.striptags()


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


def stations_by_code_prefix(code: str, limit: int = RESULT_LIMIT) -> list[Station]:
    """Published stations whose code equals or starts with the typed code."""
    code = normalize_code(code)
    if not code or len(code) > 20:
        return []
    exact = db.session.scalars(select(Station).filter_by(code=code)).all()
    if exact or len(code) < 2:
        return [s for s in exact if s.published]
    upper = code[:-1] + chr(ord(code[-1]) + 1)
    # Range on the unique code index only; `published` is checked on the few rows found, so the
    # planner never trades the code index for the (published, lat, lon) one.
    rows = db.session.scalars(
        select(Station)
        .where(Station.code >= code, Station.code < upper)
        .order_by(Station.code)
        .limit(limit * 2)
    )
    return [s for s in rows if s.published][:limit]


def _name_filter(model, key: str, compact: str, english: str | None):
    """Match a place by prefix of its key, a word inside it, or its compact key."""
    clauses = [
        model.search_key.startswith(key, autoescape=True),
        model.search_key.contains(" " + key, autoescape=True),
        model.compact_key.contains(compact, autoescape=True),
    ]
    if english is not None and hasattr(model, "name_en"):
        clauses.append(func.lower(model.name_en).contains(english, autoescape=True))
    return or_(*clauses)


def _rank(hit_key: str, key: str, compact: str) -> int:
    if hit_key == key:
        return 0
    if hit_key.startswith(key):
        return 1
    return 2 if compact in hit_key.replace(" ", "") else 3


def search_places(query: str) -> list[PlaceHit]:
    """Constituencies, provinces, counties and cities matching a query, best first."""
    key, compact = search_key(query), compact_key(query)
    if not compact:
        return []
    english = key if key.isascii() else None
    hits: list[tuple[tuple, PlaceHit]] = []
    for row in db.session.scalars(
        select(Constituency).where(_name_filter(Constituency, key, compact, english)).limit(50)
    ):
        hit = PlaceHit("constituency", row.id, pick(row.name_fa, row.name_en), Markup(), row.seats)
        hits.append(((_rank(row.search_key, key, compact), 0, -row.seats), hit))
    for row in db.session.scalars(
        select(Province).where(_name_filter(Province, key, compact, english)).limit(50)
    ):
        hit = PlaceHit("province", row.id, pick(row.name_fa, row.name_en), Markup(), 0)
        hits.append(((_rank(row.search_key, key, compact), 1, 0), hit))
    for row in db.session.scalars(
        select(County)
        .where(_name_filter(County, key, compact, english))
        .options(joinedload(County.province))
        .limit(50)
    ):
        context = pick(row.province.name_fa, row.province.name_en)
        hit = PlaceHit("county", row.id, pick(row.name_fa, row.name_en), context, 0)
        hits.append(((_rank(row.search_key, key, compact), 2, 0), hit))
    for row in db.session.scalars(
        select(City)
        .where(_name_filter(City, key, compact, None))
        .options(joinedload(City.county).joinedload(County.province))
        .limit(50)
    ):
        county = row.county
        context = Markup(list_separator()).join(
            [
                pick(county.name_fa, county.name_en),
                pick(county.province.name_fa, county.province.name_en),
            ]
        )
        hits.append(
            (
                (_rank(row.search_key, key, compact), 3, 0),
                PlaceHit("city", row.id, persian(row.name_fa), context, 0),
            )
        )
    hits.sort(key=lambda pair: (pair[0], persian_sort_key(pair[1].sort_name)))
    return [hit for _rank_key, hit in hits[: RESULT_LIMIT * 2]]


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
