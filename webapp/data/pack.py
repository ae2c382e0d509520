"""The real data pack in DATA_DIR: the files it must hold; a clear message if not."""

import json
from pathlib import Path

REQUIRED = {
    "iran_provinces.csv": "provinces",
    "iran_counties.csv": "counties",
    "iran_sectors.csv": "districts (بخش)",
    "iran_cities.csv": "cities with coordinates",
    "iran_provinces.simplified.geojson": "province boundaries",
    "iran_counties.simplified.geojson": "county boundaries",
}
CONSTITUENCY_FILES = ("majlis12_constituencies.csv", "majlis12_constituencies_partial.csv")


class DataPackError(Exception):
    """DATA_DIR is missing or incomplete; the message says what and how to fix it."""


class DataPack:
    """Paths into DATA_DIR, checked up front."""

    def __init__(self, data_dir: str | Path):
        self.root = Path(data_dir).resolve()
        hint = (
            "Point DATA_DIR at the data pack (the folder with iran_provinces.csv), "
            "e.g. DATA_DIR=/path/to/shared/data make run"
        )
        if not self.root.is_dir():
            raise DataPackError(f"DATA_DIR {self.root} does not exist. {hint}")
        missing = [
            f"{name} ({what})" for name, what in REQUIRED.items() if not self.path(name).is_file()
        ]
        if not any(self.path(name).is_file() for name in CONSTITUENCY_FILES):
            missing.append(" or ".join(CONSTITUENCY_FILES) + " (constituencies)")
        if missing:
            raise DataPackError(f"DATA_DIR {self.root} is missing: {'; '.join(missing)}. {hint}")

    def path(self, name: str) -> Path:
        """Path of one file in the pack."""
        return self.root / name

    @property
    def constituencies(self) -> Path:
        """The complete constituency file, else the partial one."""
        for name in CONSTITUENCY_FILES:
            if self.path(name).is_file():
                return self.path(name)
        raise DataPackError("no constituency file")

    @property
    def constituencies_partial(self) -> bool:
        """True when only the partial constituency file is present."""
        return not self.path(CONSTITUENCY_FILES[0]).is_file()

    def features(self, name: str) -> list[dict]:
        """The features of one GeoJSON file."""
        try:
            return json.loads(self.path(name).read_text(encoding="utf-8"))["features"]
        except (ValueError, KeyError) as exc:
            raise DataPackError(f"{self.path(name)} is not valid GeoJSON: {exc}") from None
