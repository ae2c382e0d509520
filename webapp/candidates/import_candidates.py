"""Import the official candidate list from CSV: every row checked, then all or nothing.

UTF-8 (a BOM is fine), a header row, line numbers counting the header as line 1, digits in any
script. Required columns:
    ref           the candidate's registration number on the official list, unique per election
    constituency  our constituency id, or its exact Persian or English name
    given_name    first name(s) exactly as printed, e.g. «سیدمحمدحسین»
    surname       family name exactly as printed
    status        registered / approved / disqualified / withdrawn / elected
                  (ثبت‌نام / تأیید صلاحیت / رد صلاحیت / انصراف / منتخب)
Optional columns:
    ballot_code   the code to write on the ballot, 1–6 digits, unique in the constituency
    display_name  the name as shown (default: given name and surname)
    list_name     list or coalition exactly as printed
    status_date   2024-01-18 or the Jalali 1402/10/28; status_source: where the status comes from
    incumbent     yes / no (بله / خیر)
    photo         a file name in INSTANCE_DIR/candidate_photos (.jpg, .png, .webp);
                  photo_source: who took or published it (shown under the photo)

A candidate is matched on `ref`. A changed status adds a dated entry to the candidate's history
and keeps the earlier ones; every changed field is logged with this file as its source.
Importing the same file again changes nothing. Sample candidates of the constituencies in the
file are removed: an official list replaces the sample there.
"""

import re
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from webapp.candidates.importing import (
    ConstituencyIndex,
    CsvImporter,
    run_in_transaction,
)
from webapp.candidates.models import Candidate, StatusChange
from webapp.candidates.rows import (
    STATUS_WORDS,
    list_sort_key,
    parse_ballot_code,
    parse_date,
    parse_person_name,
    parse_word,
    sort_name,
)
from webapp.candidates.sample import remove_sample
from webapp.data.importer import Report
from webapp.extensions import db
from webapp.stations.rows import parse_yes_no
from webapp.text.normalize import clean_display, compact_key, search_key, to_ascii_digits

REQUIRED = ("ref", "constituency", "given_name", "surname", "status")
OPTIONAL = (
    "ballot_code",
    "display_name",
    "list_name",
    "status_date",
    "status_source",
    "incumbent",
    "photo",
    "photo_source",
)
LIMITS = {
    "ref": 40,
    "display_name": 200,
    "list_name": 200,
    "status_source": 300,
    "photo_source": 300,
}
PHOTO_RE = re.compile(r"[A-Za-z0-9_.\-]{1,200}\.(?:jpe?g|png|webp)", re.IGNORECASE)
LOGGED = ("official_name", "display_name", "ballot_code", "list_name", "incumbent")


class CandidateImporter(CsvImporter):
    """Candidates keyed by `ref`; a status change is added to the history, never overwritten."""

    model = Candidate
    keys = ("ref",)
    required = REQUIRED
    optional = OPTIONAL

    def __init__(self, path: Path):
        super().__init__(path)
        self.constituencies = ConstituencyIndex()
        self.photos = Path(current_app.config["INSTANCE_DIR"]) / "candidate_photos"

    def map_row(self, row, line):
        """Check one row completely and map it to candidate values."""
        if not any(row.values()):
            self.skip("blank line")
            return None
        before = len(self.report.errors)
        ref = to_ascii_digits(row["ref"]).strip()
        if not ref or len(ref) > LIMITS["ref"]:
            self.error(line, f"ref: must be 1–{LIMITS['ref']} characters")
        cells = {
            "constituency": self.parse(
                line, "constituency", self.constituencies.find, row["constituency"]
            ),
            "given": self.parse(
                line, "given_name", parse_person_name, row["given_name"], "given_name"
            ),
            "surname": self.parse(line, "surname", parse_person_name, row["surname"], "surname"),
            "status": self.parse(line, "status", parse_word, row["status"], STATUS_WORDS),
            "code": self.parse(line, "ballot_code", parse_ballot_code, row.get("ballot_code", "")),
            "date": self.parse(line, "status_date", parse_date, row.get("status_date", "")),
            "incumbent": self.parse(
                line, "incumbent", parse_yes_no, row.get("incumbent", ""), False
            ),
            "photo": self.parse(line, "photo", self._photo, row.get("photo", "")),
        }
        texts = self._texts(line, row)
        if len(self.report.errors) > before:
            return None
        return self._values(ref, cells, texts)

    def _values(self, ref: str, cells: dict, texts: dict) -> dict:
        """Candidate column values from parsed cells."""
        given, surname = cells["given"], cells["surname"]
        official = f"{given} {surname}"
        display = texts["display_name"] or official
        keys = official if display == official else f"{official} {display}"
        return {
            "ref": ref,
            "election_id": cells["constituency"].election_id,
            "constituency_id": cells["constituency"].id,
            "official_name": official,
            "given_name": given,
            "surname": surname,
            "display_name": display,
            "sort_name": sort_name(surname, given),
            "sort_key": list_sort_key(cells["code"], surname, given),
            "search_key": search_key(keys)[:240],
            "compact_key": compact_key(keys)[:240],
            "ballot_code": cells["code"],
            "list_name": texts["list_name"],
            "status": cells["status"],
            "status_date": cells["date"],
            "status_source": texts["status_source"] or self.source,
            "incumbent": cells["incumbent"],
            "photo_path": cells["photo"],
            "photo_source": texts["photo_source"],
        }

    def _photo(self, text: str) -> str:
        """A photo file name in INSTANCE_DIR/candidate_photos (JPEG, PNG or WebP), or ""."""
        name = text.strip()
        if not name:
            return ""
        if not PHOTO_RE.fullmatch(name):
            raise ValueError(f"{text!r} must be a file name ending in .jpg, .jpeg, .png or .webp")
        if not (self.photos / name).is_file():
            raise ValueError(f"{name} is not in {self.photos}")
        return name

    def _texts(self, line: int, row: dict) -> dict:
        values = {}
        for column in ("display_name", "list_name", "status_source", "photo_source"):
            text = clean_display(row.get(column, ""))
            if len(text) > LIMITS[column]:
                self.error(line, f"{column}: longer than {LIMITS[column]} characters")
            values[column] = text
        return values

    def validate_all(self, mapped):
        """Refs once per file; a ballot code once per constituency, in the file and the database."""
        seen_ref, seen_code = {}, {}
        for line, values in mapped:
            if values["ref"] in seen_ref:
                self.error(
                    line, f"ref: {values['ref']} is already on line {seen_ref[values['ref']]}"
                )
            seen_ref.setdefault(values["ref"], line)
            if values["ballot_code"]:
                key = (values["constituency_id"], values["ballot_code"])
                if key in seen_code:
                    self.error(
                        line, f"ballot_code: {key[1]} is already used on line {seen_code[key]}"
                    )
                seen_code.setdefault(key, line)
        self._codes_held_elsewhere(mapped, seen_ref)

    def _codes_held_elsewhere(self, mapped, refs) -> None:
        held = db.session.execute(
            select(Candidate.constituency_id, Candidate.ballot_code, Candidate.ref).where(
                Candidate.ballot_code.is_not(None), Candidate.is_sample.is_(False)
            )
        )
        owners = {(cid, code): ref for cid, code, ref in held if ref not in refs}
        for line, values in mapped:
            owner = owners.get((values["constituency_id"], values["ballot_code"]))
            if values["ballot_code"] and owner:
                self.error(
                    line,
                    f"ballot_code: {values['ballot_code']} belongs to candidate {owner} "
                    "in this constituency",
                )

    def upsert(self, rows):
        """Create new candidates, apply changes with a log entry each, extend status histories."""
        replaced = remove_sample(sorted({values["constituency_id"] for values in rows}))
        if replaced:
            self.report.notes.append(f"{replaced} sample candidates replaced by the official list")
        refs = [values["ref"] for values in rows]
        existing = {}
        for start in range(0, len(refs), 500):
            query = select(Candidate).where(Candidate.ref.in_(refs[start : start + 500]))
            existing |= {c.ref: c for c in db.session.scalars(query)}
        self._release_codes(rows, existing)
        for values in rows:
            candidate = existing.get(values["ref"])
            if candidate is None:
                self._create(values)
            elif self._apply(candidate, values):
                candidate.updated_at = self.now
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        db.session.flush()

    def _release_codes(self, rows, existing) -> None:
        """Clear ballot codes that change, so codes moving between candidates never collide."""
        self.old_codes = {}
        for values in rows:
            candidate = existing.get(values["ref"])
            if candidate is not None and candidate.ballot_code != values["ballot_code"]:
                self.old_codes[candidate.ref] = candidate.ballot_code
                candidate.ballot_code = None
        if self.old_codes:
            db.session.flush()

    def _history(self, values: dict) -> StatusChange:
        return StatusChange(
            status=values["status"],
            effective_on=values["status_date"],
            source=values["status_source"],
            recorded_at=self.now,
        )

    def _create(self, values: dict) -> None:
        candidate = Candidate(**values, updated_at=self.now)
        candidate.history.append(self._history(values))
        db.session.add(candidate)
        self.report.created += 1

    def _apply(self, candidate: Candidate, values: dict) -> bool:
        """Copy changed values onto a candidate, logging each; True when anything changed."""
        changed = False
        for name, value in values.items():
            if name in ("status", "status_date", "status_source"):
                continue
            old = getattr(candidate, name)
            if name == "ballot_code":
                old = self.old_codes.get(candidate.ref, old)
                candidate.ballot_code = value
            if old != value:
                setattr(candidate, name, value)
                if name in LOGGED:
                    self.log(name, old, value, candidate_id=candidate.id)
                changed = True
        if candidate.status != values["status"]:
            self.log("status", candidate.status, values["status"], candidate_id=candidate.id)
            candidate.history.append(self._history(values))
            candidate.status = values["status"]
            candidate.status_date = values["status_date"]
            candidate.status_source = values["status_source"]
            changed = True
        return changed


def import_candidates(path: Path) -> Report:
    """Import an official candidate CSV in one transaction; on any fault roll back and raise."""
    return run_in_transaction(CandidateImporter(Path(path)))
