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
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.data.importer import Importer, ImportRefused, Report, read_csv
from webapp.extensions import db
from webapp.stations.lookup import PlaceIndex
from webapp.stations.models import MobileStop, Station
from webapp.stations.rows import (
    AUDIENCE_WORDS,
    SOURCE_WORDS,
    VENUE_WORDS,
    check_hours,
    parse_choice,
    parse_code,
    parse_coordinate,
    parse_stops,
    parse_time,
    parse_tristate,
    parse_yes_no,
)
from webapp.text.normalize import clean_display, search_key

__all__ = [
    "import_stations", "StationImporter", "parse_code", "parse_coordinate", "parse_stops",
    "parse_time", "parse_tristate", "parse_yes_no", "parse_choice", "check_hours",
]

TEHRAN = ZoneInfo("Asia/Tehran")
REQUIRED = ("code", "name", "address", "province", "county", "constituency", "lat", "lon")
OPTIONAL = (
    "venue_kind", "landmark", "neighbourhood", "city", "location_source", "mobile", "stops",
    "audience", "opens", "closes", "extended_until", "extension_announced", "electronic",
    "step_free", "ramp", "accessible_toilet", "parking", "published",
)
TEXT_LIMITS = {"name": 200, "neighbourhood": 120, "address": 2000, "landmark": 2000}
ACCESS = ("step_free", "ramp", "accessible_toilet", "parking")
_FAILED = object()


def _clock(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _instant(day: dt.date, minutes: int | None) -> dt.datetime | None:
    """A wall-clock time on polling day in Tehran as an aware UTC datetime (24:00 = midnight)."""
    if minutes is None:
        return None
    local = dt.datetime.combine(day, dt.time(), tzinfo=TEHRAN) + dt.timedelta(minutes=minutes)
    return local.astimezone(dt.UTC)


def _same(old, new) -> bool:
    """Equal, reading a naive stored datetime (SQLite drops the zone) as UTC."""
    if isinstance(old, dt.datetime) and old.tzinfo is None:
        old = old.replace(tzinfo=dt.UTC)
    return old == new
