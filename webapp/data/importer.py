"""The one base importer: read → map a row → validate → upsert → report, all or nothing."""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from webapp.extensions import db


class ImportRefused(Exception):
    """The file was refused whole; `report.errors` lists (line, message) pairs."""

    def __init__(self, report: "Report"):
        super().__init__(f"{len(report.errors)} error(s)")
        self.report = report


@dataclass
class Report:
    """What an import read, created, updated, left alone, skipped (with reasons) or refused."""

    source: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable report lines."""
        out = [
            f"{self.source}: read {self.read}, created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, skipped {sum(self.skipped.values())}"
        ]
        out += [f"  skipped {n}: {reason}" for reason, n in sorted(self.skipped.items())]
        out += [f"  note: {note}" for note in self.notes]
        out += [f"  line {line}: {message}" for line, message in self.errors]
        return out


MAX_ERRORS_LISTED = 200


def read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    """Read a UTF-8 CSV (BOM optional) into (line, row) pairs; ImportRefused on faults."""
    report = Report(source=str(path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.errors.append((line, "the file is not UTF-8 text (save it as CSV UTF-8)"))
        raise ImportRefused(report) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        report.errors.append((1, "missing column(s): " + ", ".join(missing)))
        raise ImportRefused(report)
    reader.fieldnames = header
    rows = []
    for row in reader:
        if None in row:
            report.errors.append((reader.line_num, "more cells than columns in the header"))
            continue
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    if report.errors:
        raise ImportRefused(report)
    return rows


class Importer:
    """Subclasses set `model`, `key` and `required`, and implement `map_row`."""

    model = None
    keys: tuple[str, ...] = ("id",)
    required: tuple[str, ...] = ()
    source = "file"

    def __init__(self):
        self.report = Report(source=self.source)

    def rows(self):
        """Yield (line number, raw row) pairs."""
        raise NotImplementedError

    def map_row(self, row: dict, line: int) -> dict | None:
        """Turn one raw row into model values; return None to skip it (call `skip`)."""
        raise NotImplementedError

    def validate_all(self, mapped: list[tuple[int, dict]]) -> None:
        """Checks across rows (duplicates, references); call `error` for each fault."""

    def skip(self, reason: str) -> None:
        """Count a skipped row under its reason."""
        self.report.skipped[reason] += 1

    def error(self, line: int, message: str) -> None:
        """Record a fault that refuses the whole file."""
        self.report.errors.append((line, message))

    def after_upsert(self, mapped: list[tuple[int, dict]]) -> None:
        """Hook for dependent rows (children) once the main rows exist."""

    def run(self) -> Report:
        """Validate everything first; then apply in the caller's transaction or refuse whole."""
        mapped = []
        for line, row in self.rows():
            self.report.read += 1
            try:
                values = self.map_row(row, line)
            except ValueError as exc:
                self.error(line, str(exc))
                continue
            if values is not None:
                mapped.append((line, values))
        self.validate_all(mapped)
        if self.report.errors:
            self.report.errors.sort()
            del self.report.errors[MAX_ERRORS_LISTED:]
            raise ImportRefused(self.report)
        self.upsert([values for _line, values in mapped])
        self.after_upsert(mapped)
        return self.report

    def upsert(self, rows: list[dict]) -> None:
        """Create missing rows and update changed ones, matched on `keys`."""
        existing = {
            tuple(getattr(obj, k) for k in self.keys): obj
            for obj in db.session.scalars(select(self.model))
        }
        for values in rows:
            obj = existing.get(tuple(values[k] for k in self.keys))
            if obj is None:
                obj = self.model(**values)
                db.session.add(obj)
                existing[tuple(values[k] for k in self.keys)] = obj
                self.report.created += 1
                continue
            changed = False
            for name, value in values.items():
                if getattr(obj, name) != value:
                    setattr(obj, name, value)
                    changed = True
            if changed:
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        db.session.flush()
