"""Queries for constituency pages: the national list and one constituency with its stations."""

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from webapp.constituencies.models import Constituency, ConstituencyArea
from webapp.extensions import db
from webapp.i18n import name_for
from webapp.places.models import City, County, Province
from webapp.stations.models import Station
from webapp.text.collation import persian_sort_key

PER_PAGE = 40


@dataclass
class StationGroup:
    """Stations of one county and city on the current page."""

    county: County
    city: City | None
    total: int
    stations: list = field(default_factory=list)


def by_province() -> tuple[list[tuple[Province | None, list[Constituency]]], dict[int, int]]:
    """Constituencies grouped by province (minority seats last), and station counts by id."""
    rows = db.session.scalars(select(Constituency).options(joinedload(Constituency.province))).all()
    counts = dict(
        db.session.execute(
            select(Station.constituency_id, func.count())
            .where(Station.published.is_(True))
            .group_by(Station.constituency_id)
        ).all()
    )
    groups: dict[int | None, list[Constituency]] = {}
    for row in rows:
        groups.setdefault(row.province_id, []).append(row)
    provinces = {p.id: p for p in db.session.scalars(select(Province))}
    ordered = sorted(
        groups.items(),
        key=lambda kv: (
            kv[0] is None,
            persian_sort_key(name_for(provinces[kv[0]].name_fa, provinces[kv[0]].name_en))
            if kv[0]
            else (),
        ),
    )
    result = []
    for province_id, items in ordered:
        items.sort(key=lambda c: persian_sort_key(name_for(c.name_fa, c.name_en)))
        result.append((provinces.get(province_id), items))
    return result, counts


def get(cid: int) -> Constituency | None:
    """One constituency with its areas, counties and districts."""
    return db.session.scalar(
        select(Constituency)
        .filter_by(id=cid)
        .options(
            joinedload(Constituency.province),
            selectinload(Constituency.areas).joinedload(ConstituencyArea.county),
            selectinload(Constituency.areas).joinedload(ConstituencyArea.sector),
        )
    )


def station_groups(cid: int, page: int) -> tuple[list[StationGroup], int, int]:
    """One page of a constituency's stations grouped by county then city; (groups, pages, total)."""
    counts = db.session.execute(
        select(Station.county_id, Station.city_id, func.count())
        .where(Station.constituency_id == cid, Station.published.is_(True))
        .group_by(Station.county_id, Station.city_id)
    ).all()
    counties = {
        c.id: c
        for c in db.session.scalars(select(County).where(County.id.in_({r[0] for r in counts})))
    }
    cities = {
        c.id: c
        for c in db.session.scalars(select(City).where(City.id.in_({r[1] for r in counts if r[1]})))
    }
    groups = [
        StationGroup(counties[county_id], cities.get(city_id), n)
        for county_id, city_id, n in counts
    ]
    groups.sort(
        key=lambda g: (
            persian_sort_key(name_for(g.county.name_fa, g.county.name_en)),
            persian_sort_key(g.city.name_fa) if g.city else (),
        )
    )
    total = sum(g.total for g in groups)
    pages = max(1, -(-total // PER_PAGE))
    start, end = (page - 1) * PER_PAGE, page * PER_PAGE
    shown, offset = [], 0
    for group in groups:
        lo, hi = max(start - offset, 0), min(end - offset, group.total)
        if lo < hi:
            group.stations = list(
                db.session.scalars(
                    select(Station)
                    .where(
                        Station.constituency_id == cid,
                        Station.published.is_(True),
                        Station.county_id == group.county.id,
                        Station.city_id == group.city.id
                        if group.city
                        else Station.city_id.is_(None),
                    )
                    .order_by(Station.code)
                    .offset(lo)
                    .limit(hi - lo)
                )
            )
            shown.append(group)
        offset += group.total
        if offset >= end:
            break
    return shown, pages, total
