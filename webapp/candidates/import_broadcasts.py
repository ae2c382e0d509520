"""Import the local broadcast schedule from CSV, all or nothing.

Columns (header row, UTF-8):
    constituency  our constituency id or its exact Persian or English name
    broadcaster   e.g. «صدا و سیمای مرکز آذربایجان شرقی»
    frequency     e.g. «FM 101.5» (Persian digits and «٫» are fine)
    date          2024-02-25 or 1402/12/06
    start, end    HH:MM on a 24-hour clock, Tehran time; end after start (24:00 allowed)
Optional column:
    candidate     the candidate's `ref`, who must stand in that constituency; empty for a
                  programme about the whole constituency

A slot is matched on (constituency, frequency, start). Two slots on one frequency may not
overlap in the file.
"""

import re
from pathlib import Path

from sqlalchemy import select

from webapp.candidates.importing import (
    FAILED,
    CandidateRefs,
    ConstituencyIndex,
    CsvImporter,
    as_utc,
    run_in_transaction,
)
from webapp.candidates.models import BroadcastSlot
from webapp.candidates.rows import parse_date
from webapp.data.importer import Report
from webapp.extensions import db
from webapp.stations.rows import parse_time, polling_instant
from webapp.text.normalize import clean_display, to_ascii_digits

REQUIRED = ("constituency", "broadcaster", "frequency", "date", "start", "end")
OPTIONAL = ("candidate",)
_FREQUENCY_RE = re.compile(r"(?:(FM|AM|MW)\s*)?(\d{2,5}(?:\.\d{1,2})?)\s*(MHZ|KHZ)?")


def parse_frequency(text: str) -> str:
    """A frequency as «FM 101.5»: band (FM unless given), number, «٫» read as a point."""
    value = to_ascii_digits(text or "").replace("\u066b", ".").strip().upper()
    match = _FREQUENCY_RE.fullmatch(value)
    if not match:
        raise ValueError(f"{text!r} is not a frequency such as FM 101.5")
    band = match.group(1) or ("FM" if float(match.group(2)) < 200 else "AM")
    return f"{band} {match.group(2)}"


class BroadcastImporter(CsvImporter):
    """Broadcast slots keyed by (constituency, frequency, start)."""

    model = BroadcastSlot
    required = REQUIRED
    optional = OPTIONAL

    def __init__(self, path: Path):
        super().__init__(path)
        self.refs = CandidateRefs()
        self.constituencies = ConstituencyIndex()

    def map_row(self, row, line):
        """Check one row and map it to slot values."""
        if not any(row.values()):
            self.skip("blank line")
            return None
        before = len(self.report.errors)
        constituency = self.parse(
            line, "constituency", self.constituencies.find, row["constituency"]
        )
        broadcaster = clean_display(row["broadcaster"])
        if not broadcaster or len(broadcaster) > 200:
            self.error(line, "broadcaster: must be 1–200 characters")
        frequency = self.parse(line, "frequency", parse_frequency, row["frequency"])
        day = self.parse(line, "date", parse_date, row["date"])
        start = self.parse(line, "start", parse_time, row["start"])
        end = self.parse(line, "end", parse_time, row["end"])
        if FAILED not in (start, end) and not start < end:
            self.error(line, "end: must be after start")
        candidate_id = None
        if row.get("candidate"):
            found = self.parse(line, "candidate", self.refs.find, row["candidate"])
            if found is not FAILED and constituency is not FAILED and found[1] != constituency.id:
                self.error(line, "candidate: stands in another constituency")
            candidate_id = None if found is FAILED else found[0]
        if len(self.report.errors) > before:
            return None
        if day is None:
            self.error(line, "date: empty")
            return None
        return {
            "constituency_id": constituency.id,
            "broadcaster": broadcaster,
            "frequency": frequency,
            "starts_at": polling_instant(day, start),
            "ends_at": polling_instant(day, end),
            "candidate_id": candidate_id,
        }

    def validate_all(self, mapped):
        """Slots on the same frequency of a constituency may not overlap."""
        by_frequency: dict[tuple, list] = {}
        for line, values in mapped:
            key = (values["constituency_id"], values["frequency"])
            by_frequency.setdefault(key, []).append((values["starts_at"], values["ends_at"], line))
        for slots in by_frequency.values():
            slots.sort()
            for (_s1, end1, line1), (start2, _e2, line2) in zip(slots, slots[1:], strict=False):
                if start2 < end1:
                    self.error(line2, f"start: overlaps the slot on line {line1}")

    def upsert(self, rows):
        """Create new slots and update changed ones."""
        existing = {
            (s.constituency_id, s.frequency, as_utc(s.starts_at)): s
            for s in db.session.scalars(select(BroadcastSlot))
        }
        for values in rows:
            slot = existing.get(
                (values["constituency_id"], values["frequency"], values["starts_at"])
            )
            if slot is None:
                db.session.add(BroadcastSlot(**values))
                self.report.created += 1
                continue
            changed = False
            for name, value in values.items():
                if as_utc(getattr(slot, name)) != value:
                    setattr(slot, name, value)
                    changed = True
            if slot.is_sample:
                slot.is_sample, changed = False, True
            self.report.updated += changed
            self.report.unchanged += not changed
        db.session.flush()


def import_broadcasts(path: Path) -> Report:
    """Import a broadcast schedule CSV in one transaction; on any fault roll back and raise."""
    return run_in_transaction(BroadcastImporter(Path(path)))
