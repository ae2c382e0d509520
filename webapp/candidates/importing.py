"""What the candidate importers share: lookups, column checks, change logging, transactions."""

import datetime as dt
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from webapp.candidates.link_formats import LinkFormats, load_formats
from webapp.candidates.models import Candidate, ChangeLog
from webapp.constituencies.models import Constituency
from webapp.data.importer import Importer, ImportRefused, Report, read_csv
from webapp.extensions import db
from webapp.text.normalize import compact_key, to_ascii_digits

_FAILED = object()


def as_utc(value):
    """Read a naive stored datetime (SQLite drops the zone) as UTC."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


class ConstituencyIndex:
    """Constituencies by id, Persian name (spacing and letter forms folded) or English name."""

    def __init__(self):
        self.by_id = {c.id: c for c in db.session.scalars(select(Constituency))}
        self.by_name: dict[str, list[Constituency]] = {}
        for c in self.by_id.values():
            for key in {compact_key(c.name_fa), compact_key(c.name_en)}:
                self.by_name.setdefault(key, []).append(c)

    def find(self, text: str) -> Constituency:
        """The one constituency a cell names; ValueError when unknown or ambiguous."""
        value = to_ascii_digits(text or "").strip()
        if not value:
            raise ValueError("constituency: empty")
        if value.isdigit():
            found = self.by_id.get(int(value))
            if found is None:
                raise ValueError(f"constituency: no constituency has id {value}")
            return found
        matches = self.by_name.get(compact_key(value), [])
        if not matches:
            raise ValueError(f"constituency: unknown constituency {text!r}")
        if len(matches) > 1:
            ids = ", ".join(str(c.id) for c in matches)
            raise ValueError(f"constituency: {text!r} is ambiguous; use the id ({ids})")
        return matches[0]


class CandidateRefs:
    """Candidates by their `ref` (the official registration number)."""

    def __init__(self):
        rows = db.session.execute(select(Candidate.ref, Candidate.id, Candidate.constituency_id))
        self.by_ref = {ref: (cid, constituency) for ref, cid, constituency in rows}

    def find(self, text: str) -> tuple[int, int]:
        """(candidate id, constituency id) for a ref; ValueError when unknown."""
        ref = to_ascii_digits(text or "").strip()
        if ref not in self.by_ref:
            raise ValueError(f"candidate: no candidate has ref {text!r} (import candidates first)")
        return self.by_ref[ref]


class CsvImporter(Importer):
    """An importer over one CSV file with required and optional columns; others are refused."""

    optional: tuple[str, ...] = ()
    format_doc = "README.md, section Candidates"

    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)
        self.source = self.report.source = self.path.name
        self.now = dt.datetime.now(dt.UTC)

    def rows(self):
        """Rows of the file; unknown columns and a file with no rows are errors on line 1."""
        rows = read_csv(self.path, self.required)
        if not rows:
            self.error(1, "the file has a header but no rows")
            return []
        unknown = [c for c in rows[0][1] if c and c not in self.required + self.optional]
        if unknown:
            listed = ", ".join(unknown)
            self.error(1, f"unknown column(s): {listed} (the format is in {self.format_doc})")
        return rows

    def parse(self, line: int, column: str, parser, *args):
        """Run one cell parser; on ValueError record «column: reason» and return _FAILED."""
        try:
            return parser(*args)
        except ValueError as exc:
            message = str(exc)
            self.error(line, message if message.startswith(column) else f"{column}: {message}")
            return _FAILED

    def log(self, field: str, old, new, candidate_id=None, constituency_id=None) -> None:
        """Record one applied change with this file as its source."""
        db.session.add(
            ChangeLog(
                candidate_id=candidate_id,
                constituency_id=constituency_id,
                field=field,
                old="" if old is None else str(old),
                new="" if new is None else str(new),
                source=f"import {self.source}",
                changed_by="import",
                changed_at=self.now,
            )
        )


def link_formats() -> LinkFormats:
    """The messenger link formats from DATA_DIR, or a refusal naming the missing file."""
    try:
        return load_formats(current_app.config["DATA_DIR"])
    except FileNotFoundError as exc:
        report = Report(source="messenger_link_formats.csv")
        report.errors.append((0, f"{exc.filename} is missing: point DATA_DIR at the data pack"))
        raise ImportRefused(report) from None


def run_in_transaction(importer: Importer) -> Report:
    """Run an importer in one transaction; on any fault roll back and re-raise."""
    try:
        report = importer.run()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report


FAILED = _FAILED
