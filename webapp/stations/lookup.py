"""Resolve the place cells of a station row (province, county, constituency, city) in memory."""

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import undefer

from webapp.constituencies.models import Constituency, ConstituencyArea, Election
from webapp.extensions import db
from webapp.places.geometry import inside_iran_bbox, parse_geometry
from webapp.places.models import City, County, Province
from webapp.stations.placement import EDGE_TOLERANCE_M, metres_outside
from webapp.text.normalize import compact_key, to_ascii_digits


def _id(text: str) -> int | None:
    """The number in a cell that is only digits (any family), else None."""
    digits = to_ascii_digits(text).strip()
    return int(digits) if digits.isascii() and digits.isdigit() else None


def _by_name(rows) -> dict:
    """Index rows by the compact key of their Persian name and of their English name."""
    index = {}
    for row in rows:
        index.setdefault(compact_key(row.name_fa), row)
        if getattr(row, "name_en", ""):
            index.setdefault(compact_key(row.name_en), row)
    return index


class PlaceIndex:
    """Every province, county, constituency and city, loaded once for a whole file."""

    def __init__(self):
        provinces = db.session.scalars(select(Province).options(undefer(Province.boundary))).all()
        counties = db.session.scalars(select(County).options(undefer(County.boundary))).all()
        constituencies = db.session.scalars(select(Constituency)).all()
        self.provinces_by_iso = {p.iso.upper(): p for p in provinces}
        self.provinces_by_name = _by_name(provinces)
        self.provinces = {p.id: p for p in provinces}
        self.counties = {c.id: c for c in counties}
        self.counties_by_name = {
            p.id: _by_name(c for c in counties if c.province_id == p.id) for p in provinces
        }
        self.constituencies = {c.id: c for c in constituencies}
        self.constituencies_by_name = {
            p.id: _by_name(c for c in constituencies if c.province_id == p.id) for p in provinces
        }
        self.elections = {e.id: e for e in db.session.scalars(select(Election))}
        self.coverage = defaultdict(set)
        self.constituencies_of_county = {}
        for area in db.session.scalars(select(ConstituencyArea)):
            self.coverage[area.constituency_id].add(area.county_id)
            found = self.constituencies[area.constituency_id]
            self.constituencies_of_county[(area.county_id, compact_key(found.name_fa))] = found
        self.cities_by_name = defaultdict(dict)
        self.cities = {}
        for city in db.session.scalars(select(City)):
            self.cities[city.id] = city
            self.cities_by_name[city.county_id].setdefault(compact_key(city.name_fa), city)

    def province(self, text: str) -> Province:
        """A province by ISO code (IR-03) or Persian or English name."""
        found = self.provinces_by_iso.get(to_ascii_digits(text).strip().upper())
        found = found or self.provinces_by_name.get(compact_key(text))
        if found is None:
            raise ValueError(f"unknown province {text!r} (use its ISO code, e.g. IR-03, or name)")
        return found

    def county(self, province: Province, text: str) -> County:
        """A county of the province by our county id or its Persian or English name."""
        number = _id(text)
        if number is not None:
            found = self.counties.get(number)
            if found is not None and found.province_id != province.id:
                raise ValueError(f"county {number} ({found.name_fa}) is not in {province.name_fa}")
        else:
            found = self.counties_by_name[province.id].get(compact_key(text))
        if found is None:
            raise ValueError(f"unknown county {text!r} in {province.name_fa}")
        return found

    def constituency(self, province: Province, county: County, text: str) -> Constituency:
        """A territorial constituency by id or exact name, which must cover the county.

        Its province is not checked against the county's: «قوچان و فاروج» (Razavi Khorasan)
        covers Faruj county of North Khorasan.
        """
        number = _id(text)
        if number is not None:
            found = self.constituencies.get(number)
        else:
            key = compact_key(text)
            found = self.constituencies_of_county.get((county.id, key))
            found = found or self.constituencies_by_name[province.id].get(key)
        if found is None or found.is_minority:
            raise ValueError(f"unknown constituency {text!r} in {province.name_fa}")
        if county.id not in self.coverage[found.id]:
            raise ValueError(f"constituency {found.name_fa} does not cover county {county.name_fa}")
        return found

    def city(self, county: County, text: str) -> City | None:
        """A city of the county by id or name; None for an empty cell."""
        if not text:
            return None
        number = _id(text)
        found = self.cities.get(number) if number is not None else None
        found = found or self.cities_by_name[county.id].get(compact_key(text))
        if found is None or found.county_id != county.id:
            raise ValueError(f"unknown city {text!r} in county {county.name_fa}")
        return found

    def check_point(self, lat: float, lon: float, county: County) -> None:
        """Refuse a point outside Iran or more than the tolerance outside its county."""
        if not inside_iran_bbox(lat, lon):
            hint = " (lat and lon look swapped)" if inside_iran_bbox(lon, lat) else ""
            raise ValueError(f"point {lat}, {lon} is outside Iran{hint}")
        shape, what = county.boundary, f"county {county.name_fa}"
        if shape is None:
            shape, what = self.provinces[county.province_id].boundary, "its province"
        if shape is None:
            return
        outside = metres_outside(lat, lon, parse_geometry(shape))
        if outside > EDGE_TOLERANCE_M:
            raise ValueError(
                f"point {lat}, {lon} is {outside / 1000:.1f} km outside {what} "
                f"(allowed: {EDGE_TOLERANCE_M / 1000:g} km; in the sea or in another county?)"
            )
