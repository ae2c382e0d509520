"""Where sample stations go: a share of the total per constituency by seats, and weighted places.

A place is a city with a trusted point that lies inside its county polygon (within the edge
tolerance), or the county's label point when a county has no such city. Size proxy: the city the
constituency is named after weighs more the more seats the constituency has; county seats (a
city named like its county) weigh more than other towns. Mobile stations lean the other way,
towards small towns and the countryside.
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import undefer

from webapp.constituencies.models import Constituency, ConstituencyArea
from webapp.extensions import db
from webapp.places.geometry import parse_geometry
from webapp.places.models import City, County
from webapp.stations.placement import within
from webapp.text.normalize import compact_key

MOBILE_SHARE = 15_000 / 59_000
_NAME_PARTS_RE = re.compile(r"[،,]| و ")


@dataclass(frozen=True)
class Place:
    """A point stations gather around, with its weights and how far fixed stations spread."""

    name: str
    county_id: int
    city_id: int | None
    lat: float
    lon: float
    spread_m: float
    fixed_weight: float
    mobile_weight: float


@dataclass
class Plan:
    """How many fixed and mobile stations one constituency gets, and its places."""

    constituency: Constituency
    fixed: int
    mobile: int
    places: list[Place] = field(default_factory=list)


def share_by_seats(seats: dict[int, int], total: int) -> dict[int, int]:
    """Split `total` in proportion to seats (or any weights): largest remainder, ties by id."""
    all_seats = sum(seats.values())
    exact = {cid: total * n / all_seats for cid, n in seats.items()}
    shares = {cid: int(value) for cid, value in exact.items()}
    left = total - sum(shares.values())
    for cid in sorted(exact, key=lambda c: (shares[c] - exact[c], c))[:left]:
        shares[cid] += 1
    return shares


def _place_for_city(city: City, county: County, main_key: str, seats: int) -> Place:
    key = compact_key(city.name_fa)
    if key == main_key:
        weights, spread = (4 + 4 * seats, 1), min(12_000, 1_500 + 500 * seats)
    elif key == compact_key(county.name_fa):
        weights, spread = (4, 2), 2_500
    else:
        weights, spread = (1, 3), 1_200
    return Place(city.name_fa, county.id, city.id, city.lat, city.lon, spread, *weights)


def _label_place(county: County) -> Place:
    return Place(county.name_fa, county.id, None, county.label_lat, county.label_lon, 4_000, 2, 3)


class Geography:
    """Counties, usable cities and constituency areas, loaded once."""

    def __init__(self):
        counties = db.session.scalars(select(County).options(undefer(County.boundary)))
        self.counties = {c.id: c for c in counties}
        self.shapes = {
            cid: parse_geometry(c.boundary) if c.boundary else None
            for cid, c in self.counties.items()
        }
        self.cities: dict[int, list[City]] = {}
        query = select(City).where(City.coord_trusted.is_(True)).order_by(City.id)
        for city in db.session.scalars(query):
            shape = self.shapes.get(city.county_id)
            if shape is None or within(city.lat, city.lon, shape):
                self.cities.setdefault(city.county_id, []).append(city)
        self.areas: dict[int, list[ConstituencyArea]] = {}
        query = select(ConstituencyArea).order_by(
            ConstituencyArea.constituency_id, ConstituencyArea.county_id, ConstituencyArea.sector_id
        )
        for area in db.session.scalars(query):
            self.areas.setdefault(area.constituency_id, []).append(area)
        self.label_fallbacks: set[int] = set()

    def _claimed_elsewhere(self, constituency_id: int, county_id: int) -> set[int]:
        """Districts of a county that other constituencies cover on their own."""
        return {
            area.sector_id
            for cid, areas in self.areas.items()
            if cid != constituency_id
            for area in areas
            if area.county_id == county_id and area.sector_id
        }

    def places(self, constituency: Constituency) -> list[Place]:
        """The weighted places of one constituency, in a stable order."""
        main_key = compact_key(_NAME_PARTS_RE.split(constituency.name_fa)[0])
        by_county: dict[int, set] = {}
        for area in self.areas.get(constituency.id, []):
            by_county.setdefault(area.county_id, set()).add(area.sector_id)
        places = []
        for county_id, sectors in by_county.items():
            county = self.counties[county_id]
            if None in sectors:
                excluded = self._claimed_elsewhere(constituency.id, county_id)
                cities = [c for c in self.cities.get(county_id, []) if c.sector_id not in excluded]
            else:
                cities = [c for c in self.cities.get(county_id, []) if c.sector_id in sectors]
            if not cities:
                self.label_fallbacks.add(county_id)
                places.append(_label_place(county))
            for city in cities:
                places.append(_place_for_city(city, county, main_key, constituency.seats))
        return places


def build_plans(total: int) -> tuple[list[Plan], list[Constituency], Geography]:
    """Plans for every territorial constituency, the minority ones left out, and the geography."""
    constituencies = db.session.scalars(select(Constituency).order_by(Constituency.id)).all()
    geography = Geography()
    territorial = [c for c in constituencies if not c.is_minority and geography.areas.get(c.id)]
    skipped = [c for c in constituencies if c not in territorial]
    shares = share_by_seats({c.id: c.seats for c in territorial}, total) if total else {}
    mobile = share_by_seats(shares, round(total * MOBILE_SHARE)) if shares else {}
    plans = []
    for constituency in territorial:
        count, moving = shares.get(constituency.id, 0), mobile.get(constituency.id, 0)
        plans.append(Plan(constituency, count - moving, moving, geography.places(constituency)))
    return plans, skipped, geography
