"""Importer for the 12th-Majlis constituency file of the data pack."""

import datetime as dt

from sqlalchemy import select

from webapp.constituencies.models import Constituency, ConstituencyArea, Election
from webapp.data.importer import Importer, read_csv
from webapp.data.pack import DataPack
from webapp.extensions import db
from webapp.places.models import County, Province, Sector
from webapp.text.normalize import clean_display, compact_key, search_key

MAJLIS12 = {
    "slug": "majlis12",
    "name_fa": "دوازدهمین دوره انتخابات مجلس شورای اسلامی",
    "name_en": "12th Majlis election",
    "polling_date": dt.date(2024, 3, 1),
    "opens_at": dt.time(8, 0),
    "closes_at": dt.time(18, 0),
}


def ensure_election() -> Election:
    """Return the 12th-Majlis election row, creating it on first load."""
    election = db.session.scalar(select(Election).filter_by(slug=MAJLIS12["slug"]))
    if election is None:
        election = Election(**MAJLIS12)
        db.session.add(election)
        db.session.flush()
    return election


def parse_area_refs(text: str, counties: dict, osm_counties: dict, sectors: dict) -> list:
    """Turn '115|osm6556321|sector:465' into (county_id, sector_id) pairs; raise on unknown ids."""
    areas = []
    for ref in filter(None, (part.strip() for part in text.split("|"))):
        if ref.startswith("sector:"):
            sector = sectors.get(int(ref.removeprefix("sector:")))
            if sector is None:
                raise ValueError(f"unknown district {ref}")
            areas.append((sector.county_id, sector.id))
        elif ref.startswith("osm"):
            county_id = osm_counties.get(int(ref.removeprefix("osm")))
            if county_id is None:
                raise ValueError(f"unknown OSM county {ref}")
            areas.append((county_id, None))
        elif ref.isdigit() and int(ref) in counties:
            areas.append((int(ref), None))
        else:
            raise ValueError(f"unknown county {ref}")
    return areas


class ConstituencyImporter(Importer):
    """Constituencies keyed by (election, province, name); areas replaced when they change."""

    model = Constituency
    keys = ("election_id", "province_iso", "name_fa")
    required = ("province_iso", "constituency_fa", "constituency_en", "seats", "county_ids")

    def __init__(self, pack: DataPack):
        super().__init__()
        self.path = pack.constituencies
        self.report.source = self.path.name
        self.election = ensure_election()
        self.provinces = {p.iso: p.id for p in db.session.scalars(select(Province))}
        county_rows = list(db.session.scalars(select(County)))
        self.counties = {c.id: c for c in county_rows}
        self.osm_counties = {c.osm_relation: c.id for c in county_rows if c.osm_relation}
        self.sectors = {s.id: s for s in db.session.scalars(select(Sector))}
        self.areas_by_key = {}

    def rows(self):
        """Rows of the constituency file."""
        return read_csv(self.path, self.required)

    def map_row(self, row, line):
        """Map one constituency row; its areas are kept aside for `after_upsert`."""
        iso = row["province_iso"]
        minority = iso == "minority"
        if not minority and iso not in self.provinces:
            raise ValueError(f"unknown province {iso}")
        if not row["seats"].isdigit() or int(row["seats"]) < 1:
            raise ValueError(f"seats must be a positive whole number, not {row['seats']!r}")
        name = clean_display(row["constituency_fa"])
        areas = parse_area_refs(row["county_ids"], self.counties, self.osm_counties, self.sectors)
        self.areas_by_key[(iso, name)] = areas
        return {
            "election_id": self.election.id,
            "province_id": None if minority else self.provinces[iso],
            "province_iso": iso,
            "name_fa": name,
            "name_en": row["constituency_en"] or self.english_from_counties(areas),
            "search_key": search_key(name),
            "compact_key": compact_key(name),
            "seats": int(row["seats"]),
            "seats_basis": row.get("seats_basis", ""),
            "fully_electronic": row.get("evoting_round1_2024", "") == "yes",
            "is_minority": minority,
            "unmatched_parts": row.get("unmatched_name_parts", ""),
            "source_url": row.get("source", ""),
        }

    def english_from_counties(self, areas) -> str:
        """An English name from the counties' English names («شیراز و زرقان» → "Shiraz and
        Zarghan"), for rows the file leaves without one; empty when a part is a district or a
        county has no English name either."""
        if not areas or any(sector for _county, sector in areas):
            return ""
        names = [self.counties[county].name_en for county, _sector in dict.fromkeys(areas)]
        if not all(names):
            return ""
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def after_upsert(self, mapped):
        """Replace each constituency's areas when they differ from the file."""
        by_key = {
            (c.province_iso, c.name_fa): c
            for c in db.session.scalars(
                select(Constituency).filter_by(election_id=self.election.id)
            )
        }
        for (iso, name), wanted in self.areas_by_key.items():
            constituency = by_key[(iso, name)]
            current = sorted((a.county_id, a.sector_id or 0) for a in constituency.areas)
            if current != sorted((c, s or 0) for c, s in set(wanted)):
                constituency.areas.clear()
                db.session.flush()
                for county_id, sector_id in dict.fromkeys(wanted):
                    constituency.areas.append(
                        ConstituencyArea(county_id=county_id, sector_id=sector_id)
                    )
        db.session.flush()
        covered = {a.county_id for c in by_key.values() for a in c.areas}
        uncovered = sorted(c.name_fa for cid, c in self.counties.items() if cid not in covered)
        if uncovered:
            self.report.notes.append(
                f"{len(uncovered)} counties are in no constituency of this file: "
                + "، ".join(uncovered)
            )
