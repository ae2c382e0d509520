"""Queries over provinces, counties and cities."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.i18n import name_for
from webapp.places.models import City, County, Province
from webapp.text.collation import persian_sort_key


def provinces_sorted() -> list[Province]:
    """All provinces in alphabetical order of the page's language."""
    rows = db.session.scalars(select(Province)).all()
    return sorted(rows, key=lambda p: persian_sort_key(name_for(p.name_fa, p.name_en)))


def counties_of(province_id: int) -> list[County]:
    """Counties of one province, alphabetical."""
    rows = db.session.scalars(select(County).filter_by(province_id=province_id)).all()
    return sorted(rows, key=lambda c: persian_sort_key(name_for(c.name_fa, c.name_en)))


def cities_of(county_id: int) -> list[City]:
    """Cities of one county, alphabetical."""
    rows = db.session.scalars(select(City).filter_by(county_id=county_id)).all()
    return sorted(rows, key=lambda c: persian_sort_key(c.name_fa))


def get_province(province_id: int) -> Province | None:
    """One province or None."""
    return db.session.get(Province, province_id)


def get_county(county_id: int) -> County | None:
    """One county or None."""
    return db.session.get(County, county_id)


def get_city(city_id: int) -> City | None:
    """One city or None."""
    return db.session.get(City, city_id)
