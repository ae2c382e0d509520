"""Importers for the places in the data pack: provinces, counties, districts, cities."""

import json

from webapp.data.importer import Importer, read_csv
from webapp.data.pack import DataPack
from webapp.places.models import City, County, Province, Sector
from webapp.text.normalize import clean_display, compact_key, search_key


def _keys(name: str) -> dict:
    return {"search_key": search_key(name), "compact_key": compact_key(name)}


def _float(value: str, what: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{what} is not a number: {value!r}") from None


def _geometry_text(feature: dict | None) -> str | None:
    if feature is None:
        return None
    return json.dumps(feature["geometry"], separators=(",", ":"))


class PackImporter(Importer):
    """An importer over one CSV of the data pack."""

    filename = ""

    def __init__(self, pack: DataPack):
        super().__init__()
        self.pack = pack
        self.source = self.filename
        self.report.source = self.filename

    def rows(self):
        """Rows of the pack file."""
        return read_csv(self.pack.path(self.filename), self.required)


class ProvinceImporter(PackImporter):
    """Provinces, with their simplified boundary."""

    model = Province
    filename = "iran_provinces.csv"
    required = ("province_id", "iso3166_2", "name_fa", "name_en", "label_lat", "label_lon")

    def __init__(self, pack: DataPack):
        super().__init__(pack)
        features = pack.features("iran_provinces.simplified.geojson")
        self.shapes = {f["properties"]["province_id"]: f for f in features}

    def map_row(self, row, line):
        """Map one province row."""
        pid = int(row["province_id"])
        name = clean_display(row["name_fa"])
        if pid not in self.shapes:
            self.report.notes.append(f"province {name} has no boundary")
        return {
            "id": pid,
            "iso": row["iso3166_2"],
            "name_fa": name,
            "name_en": row["name_en"],
            **_keys(name),
            "label_lat": _float(row["label_lat"], "label_lat"),
            "label_lon": _float(row["label_lon"], "label_lon"),
            "boundary": _geometry_text(self.shapes.get(pid)),
        }


class CountyImporter(PackImporter):
    """Counties: SCI ones keep county_id; OSM-only ones take their OSM relation id."""

    model = County
    filename = "iran_counties.csv"
    required = (
        "county_id",
        "province_id",
        "name_fa",
        "name_en",
        "osm_relation",
        "label_lat",
        "label_lon",
        "source",
    )

    def __init__(self, pack: DataPack):
        super().__init__(pack)
        self.fallback_points = _city_centroids(pack)
        self.shapes = {}
        for feature in pack.features("iran_counties.simplified.geojson"):
            props = feature["properties"]
            self.shapes[props["county_id"] or props["osm_relation"]] = feature

    def map_row(self, row, line):
        """Map one county row."""
        osm = int(row["osm_relation"]) if row["osm_relation"] else None
        cid = int(row["county_id"]) if row["county_id"] else osm
        if cid is None:
            self.skip("county with neither county_id nor osm_relation")
            return None
        name = clean_display(row["name_fa"])
        shape = self.shapes.get(cid)
        if shape is None:
            self.report.notes.append(f"county {name} ({cid}) has no boundary polygon")
        return {
            "id": cid,
            "province_id": int(row["province_id"]),
            "name_fa": name,
            "name_en": row["name_en"],
            **_keys(name),
            "osm_relation": osm,
            "source": row["source"],
            **self._label_point(row, cid, name),
            "boundary": _geometry_text(shape),
        }

    def _label_point(self, row: dict, cid: int, name: str) -> dict:
        """The county's label point, else the centre of its trusted cities."""
        if row["label_lat"] and row["label_lon"]:
            return {
                "label_lat": _float(row["label_lat"], "label_lat"),
                "label_lon": _float(row["label_lon"], "label_lon"),
            }
        if cid not in self.fallback_points:
            raise ValueError(f"county {name} has no label point and no city to stand in for it")
        self.report.notes.append(
            f"county {name} ({cid}) has no label point; using its cities' centre"
        )
        lat, lon = self.fallback_points[cid]
        return {"label_lat": lat, "label_lon": lon}


def _city_centroids(pack: DataPack) -> dict[int, tuple[float, float]]:
    """Mean point of each county's trusted cities, for counties the pack gives no point."""
    sums: dict[int, list[float]] = {}
    for _line, row in read_csv(pack.path("iran_cities.csv"), ("county_id", "lat", "lon")):
        if row.get("coord_in_province") == "1" and row["county_id"]:
            acc = sums.setdefault(int(row["county_id"]), [0.0, 0.0, 0])
            acc[0] += float(row["lat"])
            acc[1] += float(row["lon"])
            acc[2] += 1
    return {cid: (round(a / n, 5), round(b / n, 5)) for cid, (a, b, n) in sums.items()}


class SectorImporter(PackImporter):
    """Districts (بخش)."""

    model = Sector
    filename = "iran_sectors.csv"
    required = ("sector_id", "county_id", "name_fa")

    def map_row(self, row, line):
        """Map one district row."""
        return {
            "id": int(row["sector_id"]),
            "county_id": int(row["county_id"]),
            "name_fa": clean_display(row["name_fa"]),
        }


class CityImporter(PackImporter):
    """Cities; a point the pack flags as outside its province is kept but not trusted."""

    model = City
    filename = "iran_cities.csv"
    required = ("city_id", "county_id", "sector_id", "name_fa", "lat", "lon", "coord_in_province")

    def map_row(self, row, line):
        """Map one city row."""
        name = clean_display(row["name_fa"])
        return {
            "id": int(row["city_id"]),
            "county_id": int(row["county_id"]),
            "sector_id": int(row["sector_id"]) if row["sector_id"] else None,
            "name_fa": name,
            **_keys(name),
            "lat": _float(row["lat"], "lat"),
            "lon": _float(row["lon"], "lon"),
            "coord_trusted": row["coord_in_province"] == "1",
        }
