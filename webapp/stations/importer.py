"""Import the official polling-station list from CSV: every row checked, then all or nothing.

The file is UTF-8 (a BOM is fine) with a header row; line numbers in errors count the header as
line 1. Digits may be Persian (۰–۹), Arabic-Indic (٠–٩) or ASCII anywhere, mixed freely.

Required columns (and values):
    code          station code, unique in the file; dashes and spaces are dropped, so
                  «۰۴۱۲-۰۰۳۱» is stored and looked up as 04120031 (1–20 digits or Latin letters)
    name          venue name, e.g. «دبستان شهید رجایی»
    address       street address
    province      ISO 3166-2 code (IR-03) or Persian or English name
    county        our county id or the county's name within that province
    constituency  our constituency id or its exact name; it must cover the county
    lat, lon      decimal degrees (WGS 84; «٫» accepted as the decimal point), inside Iran and
                  inside the county's polygon or within 2 km of its edge (the polygons are
                  simplified and clipped to the coastline)

Optional columns (empty cell = default):
    venue_kind          school / mosque / office / other (مدرسه / مسجد / اداره / سایر); other
    landmark, neighbourhood, city (a city of the county, by name or id)
    location_source     official / surveyed / geocoded / city_point; official
    mobile              yes / no; no.  stops (mobile only, required then):
                        «place|08:00|12:00;place 2|12:30|18:00», in time, no overlaps
    audience            mixed / men / women (مختلط / مردان / زنان); mixed
    opens, closes       HH:MM, 06:00 ≤ opens < closes ≤ 23:59; the election's hours
    extended_until      HH:MM after closes, up to 24:00; extension_announced HH:MM before it
    electronic, published          yes / no; no and yes
    step_free, ramp, accessible_toilet, parking   yes / no / unknown; unknown

Yes/no also accept بله/خیر, true/false and 1/0. Any other column is refused, so a misspelt
optional column cannot lose its values silently. Existing stations are matched on `code`; a
station whose code is not in the file is left alone. The full format is in docs/stations-csv.md.
"""

import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.data.importer import Importer, Report, read_csv
from webapp.extensions import db
from webapp.stations.lookup import PlaceIndex
from webapp.stations.models import MobileStop, Station
from webapp.stations.rows import (
    AUDIENCE_WORDS,
    SOURCE_WORDS,
    VENUE_WORDS,
    check_hours,
    clock,
    parse_choice,
    parse_code,
    parse_coordinate,
    parse_stops,
    parse_time,
    parse_tristate,
    parse_yes_no,
    polling_instant,
)
from webapp.text.normalize import clean_display, search_key

REQUIRED = ("code", "name", "address", "province", "county", "constituency", "lat", "lon")
# fmt: off
OPTIONAL = (
    "venue_kind", "landmark", "neighbourhood", "city", "location_source", "mobile", "stops",
    "audience", "opens", "closes", "extended_until", "extension_announced", "electronic",
    "step_free", "ramp", "accessible_toilet", "parking", "published",
)
# fmt: on
TEXT_LIMITS = {"name": 200, "neighbourhood": 120, "address": 2000, "landmark": 2000}
ACCESS = ("step_free", "ramp", "accessible_toilet", "parking")
_FAILED = object()


def _same(old, new) -> bool:
    """Equal, reading a naive stored datetime (SQLite drops the zone) as UTC."""
    if isinstance(old, dt.datetime) and old.tzinfo is None:
        old = old.replace(tzinfo=dt.UTC)
    return old == new


class StationImporter(Importer):
    """Official stations keyed by `code`; a mobile station's stops are replaced when they differ."""

    model = Station
    keys = ("code",)
    required = REQUIRED

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.source = self.report.source = path.name
        self.places = PlaceIndex()
        self.stops: dict[str, list] = {}

    def rows(self):
        """Rows of the file; unknown columns and a file without stations are errors on line 1."""
        rows = read_csv(self.path, self.required)
        if not rows:
            self.error(1, "the file has a header but no stations")
            return []
        unknown = [c for c in rows[0][1] if c and c not in REQUIRED + OPTIONAL]
        if unknown:
            listed = ", ".join(unknown)
            self.error(1, f"unknown column(s): {listed} (the format is in docs/stations-csv.md)")
        return rows

    def _parse(self, line: int, column: str, parser, *args):
        """Run one cell parser; on ValueError record «column: reason» and return _FAILED."""
        try:
            return parser(*args)
        except ValueError as exc:
            self.error(line, f"{column}: {exc}")
            return _FAILED

    def map_row(self, row, line):
        """Check one row completely (every fault is listed) and map it to Station values."""
        if not any(row.values()):
            self.skip("blank line")
            return None
        errors_before = len(self.report.errors)
        values = {"code": self._parse(line, "code", parse_code, row["code"])}
        values |= self._texts(line, row)
        values |= self._place(line, row)
        election = self.places.elections.get(values.get("election_id"))
        values |= self._point(line, row, self.places.counties.get(values.get("county_id")))
        values |= self._hours(line, row, election)
        values |= self._kinds(line, row)
        stops = self._stops(line, row, values)
        if len(self.report.errors) > errors_before:
            return None
        self.stops[values["code"]] = stops
        return values

    def _texts(self, line: int, row: dict) -> dict:
        """Name, address, landmark and neighbourhood, tidied; name and address are required."""
        values = {}
        for column in ("name", "address", "landmark", "neighbourhood"):
            text = clean_display(row.get(column, ""))
            if column in REQUIRED and not text:
                self.error(line, f"{column}: empty")
            elif len(text) > TEXT_LIMITS[column]:
                self.error(line, f"{column}: longer than {TEXT_LIMITS[column]} characters")
            values[column] = text
        values["search_key"] = search_key(values["name"])
        return values

    def _place(self, line: int, row: dict) -> dict:
        """Province, county, constituency (covering the county) and the optional city."""
        try:
            province = self.places.province(row["province"])
            county = self.places.county(province, row["county"])
            constituency = self.places.constituency(province, county, row["constituency"])
        except ValueError as exc:
            self.error(line, str(exc))
            return {}
        city = self._parse(line, "city", self.places.city, county, row.get("city", ""))
        return {
            "election_id": constituency.election_id,
            "constituency_id": constituency.id,
            "county_id": county.id,
            "city_id": None if city is _FAILED or city is None else city.id,
        }

    def _point(self, line: int, row: dict, county) -> dict:
        """Latitude and longitude, inside Iran and (with tolerance) inside the county."""
        lat = self._parse(line, "lat", parse_coordinate, row["lat"])
        lon = self._parse(line, "lon", parse_coordinate, row["lon"])
        if _FAILED in (lat, lon):
            return {}
        if county is not None:
            self._parse(line, "lat/lon", self.places.check_point, lat, lon, county)
        return {"lat": lat, "lon": lon}

    def _time(self, line: int, row: dict, column: str, default: int | None):
        text = row.get(column, "")
        return self._parse(line, column, parse_time, text) if text else default

    def _hours(self, line: int, row: dict, election) -> dict:
        """Opening hours (defaulting to the election's) and an optional extension."""
        opens_default = election.opens_at if election else dt.time(8)
        closes_default = election.closes_at if election else dt.time(18)
        opens = self._time(line, row, "opens", opens_default.hour * 60 + opens_default.minute)
        closes = self._time(line, row, "closes", closes_default.hour * 60 + closes_default.minute)
        extended = self._time(line, row, "extended_until", None)
        announced = self._time(line, row, "extension_announced", None)
        if _FAILED in (opens, closes, extended, announced):
            return {}
        if self._parse(line, "hours", check_hours, opens, closes, extended, announced) is _FAILED:
            return {}
        day = election.polling_date if election else dt.date.today()
        return {
            "opens_at": clock(opens),
            "closes_at": clock(closes),
            "extended_until": polling_instant(day, extended),
            "extension_announced_at": polling_instant(day, announced),
            "minutes": (opens, extended or closes),
        }

    def _kinds(self, line: int, row: dict) -> dict:
        """The enumerations and yes/no facts."""
        get = row.get
        choices = {
            "venue_kind": (VENUE_WORDS, "other"),
            "audience": (AUDIENCE_WORDS, "mixed"),
            "location_source": (SOURCE_WORDS, "official"),
        }
        out = {
            column: self._parse(line, column, parse_choice, get(column, ""), *spec)
            for column, spec in choices.items()
        }
        for column, default in (("mobile", False), ("electronic", False), ("published", True)):
            out[column] = self._parse(line, column, parse_yes_no, get(column, ""), default)
        for column in ACCESS:
            out[column] = self._parse(line, column, parse_tristate, get(column, ""))
        out["is_mobile"] = out.pop("mobile")
        out["is_sample"] = False
        return out

    def _stops(self, line: int, row: dict, values: dict) -> list:
        """A mobile station's stops, inside its hours; a fixed station has none."""
        stops = self._parse(line, "stops", parse_stops, row.get("stops", ""))
        opens, ends = values.pop("minutes", (None, None))
        if stops is _FAILED or values.get("is_mobile") is _FAILED:
            return []
        if values["is_mobile"] and not stops:
            self.error(line, "stops: a mobile station needs at least one stop")
        if not values["is_mobile"] and stops:
            self.error(line, "stops: only a mobile station has stops (set mobile to yes)")
        if opens is not None and any(s < opens or e > min(ends, 1439) for _p, s, e in stops):
            self.error(line, "stops: every stop must fall within the station's hours")
        return [(place, clock(start), clock(end)) for place, start, end in stops]

    def validate_all(self, mapped):
        """A code may appear once in the file (compared after normalization)."""
        first_line = {}
        for line, values in mapped:
            code = values["code"]
            if code in first_line:
                self.error(line, f"code: {code} is already used on line {first_line[code]}")
            else:
                first_line[code] = line

    def upsert(self, rows):
        """Create new stations and update changed ones; a code held by a sample station is taken."""
        existing = {}
        codes = [values["code"] for values in rows]
        for start in range(0, len(codes), 500):
            query = select(Station).where(Station.code.in_(codes[start : start + 500]))
            for station in db.session.scalars(query.options(selectinload(Station.stops))):
                existing[station.code] = station
        now = dt.datetime.now(dt.UTC)
        taken = 0
        for values in rows:
            stops = self.stops[values["code"]]
            station = existing.get(values["code"])
            if station is None:
                station = Station(**values, updated_at=now)
                station.stops = [MobileStop(place=p, starts_at=s, ends_at=e) for p, s, e in stops]
                db.session.add(station)
                self.report.created += 1
                continue
            taken += station.is_sample
            if self._apply(station, values, stops):
                station.updated_at = now
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        if taken:
            self.report.notes.append(f"{taken} sample station code(s) now belong to official ones")
        db.session.flush()

    @staticmethod
    def _apply(station: Station, values: dict, stops: list) -> bool:
        """Copy changed values and stops onto a station; return True when anything changed."""
        changed = False
        for name, value in values.items():
            if not _same(getattr(station, name), value):
                setattr(station, name, value)
                changed = True
        if [(s.place, s.starts_at, s.ends_at) for s in station.stops] != stops:
            station.stops = [MobileStop(place=p, starts_at=s, ends_at=e) for p, s, e in stops]
            changed = True
        return changed


def import_stations(path: Path) -> Report:
    """Import an official station CSV in one transaction; on any fault roll back and raise."""
    try:
        report = StationImporter(Path(path)).run()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report
