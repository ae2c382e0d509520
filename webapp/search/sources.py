"""The built-in kinds: constituencies, provinces, counties, cities and polling stations.

Places weigh by the published stations inside them (the sample spreads stations by seats, and
official lists follow the electorate), so a big city outranks a village of the same name.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.places.models import City, County, Province
from webapp.search.registry import PEOPLE, PLACES, Entry, Kind, register
from webapp.stations.models import Station


def _counts(column, *joins) -> dict[int, int]:
    """Published stations per value of `column`."""
    query = select(column, func.count()).select_from(Station)
    for target, on in joins:
        query = query.join(target, on)
    return dict(db.session.execute(query.where(Station.published).group_by(column)).all())


def constituency_entries():
    """Every constituency, weighted by its stations, with its seats."""
    counts = _counts(Station.constituency_id)
    rows = db.session.execute(
        select(Constituency, Province.name_fa, Province.name_en).outerjoin(
            Province, Province.id == Constituency.province_id
        )
    )
    for row, province_fa, province_en in rows:
        yield Entry(
            row.id,
            row.name_fa,
            row.name_en,
            province_fa or "",
            province_en or "",
            (province_fa,),
            weight=counts.get(row.id, 0),
            number=row.seats,
        )


def province_entries():
    """Every province, weighted by its stations."""
    counts = _counts(County.province_id, (County, County.id == Station.county_id))
    for row in db.session.scalars(select(Province)):
        yield Entry(row.id, row.name_fa, row.name_en, weight=counts.get(row.id, 0))


def county_entries():
    """Every county with its province."""
    counts = _counts(Station.county_id)
    rows = db.session.execute(
        select(County.id, County.name_fa, County.name_en, Province.name_fa, Province.name_en).join(
            Province, Province.id == County.province_id
        )
    )
    for cid, name_fa, name_en, province_fa, province_en in rows:
        yield Entry(
            cid, name_fa, name_en, province_fa, province_en, (province_fa,), counts.get(cid, 0)
        )


def city_entries():
    """Every city with its county and province."""
    counts = _counts(Station.city_id)
    rows = db.session.execute(
        select(
            City.id,
            City.name_fa,
            County.name_fa,
            County.name_en,
            Province.name_fa,
            Province.name_en,
        )
        .join(County, County.id == City.county_id)
        .join(Province, Province.id == County.province_id)
    )
    for cid, name_fa, county_fa, county_en, province_fa, province_en in rows:
        yield Entry(
            cid,
            name_fa,
            context_fa=f"{county_fa}، {province_fa}",
            context_en=f"{county_en}, {province_en}",
            context_names=(county_fa, province_fa),
            weight=counts.get(cid, 0),
        )


def station_entries():
    """Every published station with its code, city and county; fixed ones before mobile."""
    rows = db.session.connection().execute(
        select(
            Station.id,
            Station.name,
            Station.code,
            Station.is_sample,
            Station.is_mobile,
            City.name_fa,
            County.name_fa,
            County.name_en,
            Province.name_fa,
        )
        .join(County, County.id == Station.county_id)
        .join(Province, Province.id == County.province_id)
        .outerjoin(City, City.id == Station.city_id)
        .where(Station.published)
    )
    for sid, name, code, sample, mobile, city_fa, county_fa, county_en, province_fa in rows:
        yield Entry(
            sid,
            name,
            context_fa=city_fa or county_fa,
            context_en=county_en,
            context_names=(city_fa, county_fa, province_fa),
            weight=0 if mobile else 1,
            code=code,
            sample=sample,
        )


STATION_COLUMNS = ("name", "code", "published", "city_id", "county_id", "is_mobile", "is_sample")


def _near(place: str):
    """Link to the nearest stations of a county or city."""
    return lambda hit: url_for("stations.near", **{place: hit.ref_id})


def register_builtin() -> None:
    """Register the kinds this package knows about."""
    for kind in (
        Kind(
            "constituency",
            PLACES,
            10,
            _l("Constituency"),
            _l("Constituencies"),
            constituency_entries,
            lambda hit: url_for("constituencies.show", cid=hit.ref_id),
            {"constituency": ("name_fa", "name_en", "seats", "province_id")},
        ),
        Kind(
            "province",
            PLACES,
            20,
            _l("Province"),
            _l("Provinces"),
            province_entries,
            lambda hit: url_for("constituencies.index") + f"#province-{hit.ref_id}",
            {"province": ("name_fa", "name_en")},
        ),
        Kind(
            "county",
            PLACES,
            30,
            _l("County"),
            _l("Counties"),
            county_entries,
            _near("county"),
            {"county": ("name_fa", "name_en", "province_id")},
        ),
        Kind(
            "city",
            PLACES,
            40,
            _l("City"),
            _l("Cities"),
            city_entries,
            _near("city"),
            {"city": ("name_fa", "county_id")},
        ),
        Kind(
            "station",
            PEOPLE,
            50,
            _l("Polling station"),
            _l("Polling stations"),
            station_entries,
            lambda hit: url_for("stations.show", code=hit.code),
            {"station": STATION_COLUMNS},
        ),
    ):
        register(kind)
