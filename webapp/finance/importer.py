"""`flask data import-finance FILE.csv`: a bank feed with self-reports, all or nothing.

Every row is checked and every reference's story replayed (new rows, amendments, reports meeting
their bank rows) before anything is written; one fault refuses the whole file. Then each changed
reference gets one new version superseding the old, and the batch's roll-ups are rebuilt.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from webapp.candidates.models import Candidate
from webapp.data.importer import MAX_ERRORS_LISTED, ImportRefused, Report, read_csv
from webapp.extensions import db
from webapp.finance import load
from webapp.finance.codes import kind_code
from webapp.finance.dictionary import counterparty_ids, description_ids
from webapp.finance.ledger import (
    Merged,
    jalali_month,
    merge,
    parts_of,
    public_id,
    same_direction,
)
from webapp.finance.models import FinanceBatch, FinanceCounterparty, FinanceDescription, FinanceTxn
from webapp.finance.rollups import candidate_places, chunked, end_rows
from webapp.finance.rows import COLUMNS, DROPPED, REQUIRED, Entry, map_row
from webapp.finance.settings import setting


@dataclass
class _Story:
    """A reference's bank row and report: as stored, then as the file leaves them."""

    bank: object = None
    report: object = None
    stored: Merged | None = None
    stored_row: FinanceTxn | None = None
    lines: dict = field(default_factory=dict)


def _candidate_keys() -> dict[str, int]:
    """Candidate ids and refs (as typed in a file) → candidate id."""
    keys = {}
    for cid, ref in db.session.execute(select(Candidate.id, Candidate.ref)):
        keys[str(cid)] = cid
        keys[ref] = cid
    return keys


def _stored(keys: set[tuple[int, str]]) -> dict[tuple[int, str], tuple[FinanceTxn, Merged]]:
    """The current version of each (candidate, ref) the file mentions."""
    T, C, D = FinanceTxn, FinanceCounterparty, FinanceDescription
    query = (
        select(T, C.name, D.text)
        .outerjoin(C, C.id == T.counterparty_id)
        .outerjoin(D, D.id == T.description_id)
        .where(T.ended_batch_id.is_(None))
    )
    found = {}
    for chunk in chunked({ref for _cid, ref in keys}):
        for row, name, text in db.session.execute(query.where(T.bank_ref.in_(chunk))):
            if (row.candidate_id, row.bank_ref) in keys:
                found[(row.candidate_id, row.bank_ref)] = (row, _as_merged(row, name, text))
    return found


def _as_merged(row: FinanceTxn, name: str | None, text: str | None) -> Merged:
    return Merged(
        row.direction, row.type, row.category, row.date, row.amount, row.reported_amount,
        row.counterparty_kind, name or "", text or "", row.source, row.reconciliation,
        row.reported_on, row.listed,
    )  # fmt: skip


class FinanceImporter:
    """Read, check and replay a bank-feed file; `apply` writes it as one batch."""

    def __init__(self, path: Path):
        self.path = path
        self.report = Report(source=str(path))
        self.threshold = setting("FINANCE_DISCLOSURE_THRESHOLD_RIAL")
        self.stories: dict[tuple[int, str], _Story] = {}

    def error(self, line: int, message: str) -> None:
        """Record a fault that refuses the whole file."""
        self.report.errors.append((line, message))

    def entries(self) -> list[Entry]:
        """Every row mapped, or ImportRefused listing the faults."""
        rows = read_csv(self.path, REQUIRED)
        if not rows:
            self.error(1, "the file has no transactions")
        unknown = sorted(set(rows[0][1]) - set(COLUMNS)) if rows else []
        if unknown:
            self.error(1, "unknown column(s): " + ", ".join(unknown))
        if rows and set(rows[0][1]) & set(DROPPED):
            self.report.notes.append("national id column read and dropped: never stored")
        self._refuse_if_errors()
        keys, out = _candidate_keys(), []
        for line, row in rows:
            if not any(row.values()):
                self.report.skipped["empty line"] += 1
                continue
            self.report.read += 1
            try:
                out.append(map_row(row, line, keys))
            except ValueError as exc:
                self.error(line, str(exc))
        self._refuse_if_errors()
        return out

    def _refuse_if_errors(self) -> None:
        if self.report.errors:
            self.report.errors.sort()
            del self.report.errors[MAX_ERRORS_LISTED:]
            raise ImportRefused(self.report)

    def replay(self, entries: list[Entry]) -> None:
        """Apply every entry in file order to its reference's story; record faults."""
        stored = _stored({(e.candidate_id, e.ref) for e in entries})
        for (cid, ref), (row, merged) in stored.items():
            bank, report = parts_of(merged)
            self.stories[(cid, ref)] = _Story(bank, report, merged, row)
        for entry in entries:
            story = self.stories.setdefault((entry.candidate_id, entry.ref), _Story())
            self._replay_one(entry, story)
        self._refuse_if_errors()

    def _replay_one(self, entry: Entry, story: _Story) -> None:
        side, ref = entry.source, entry.ref
        had = getattr(story, side)
        earlier = story.lines.get(side)
        if entry.amends and had is None:
            self.error(
                entry.line, f"amends {side} row {ref}, which is not known for this candidate"
            )
            return
        if not entry.amends and earlier:
            self.error(entry.line, f"{side} row {ref} is already on line {earlier}")
            return
        if not entry.amends and had is not None and not self._same(story, side, entry):
            self.error(
                entry.line, f"{side} row {ref} is already loaded and differs: mark it amends=yes"
            )
            return
        setattr(story, side, entry.part)
        story.lines[side] = entry.line
        if story.bank and story.report and not _same_direction(story):
            self.error(entry.line, f"the bank row and the report of {ref} disagree on in or out")

    def _same(self, story: _Story, side: str, entry: Entry) -> bool:
        other = story.report if side == "bank" else story.bank
        pair = (entry.part, other) if side == "bank" else (other, entry.part)
        return merge(*pair, self.threshold) == story.stored

    def run(self, as_of: dt.datetime | None = None) -> Report:
        """Check everything, then write one batch in the caller's transaction."""
        raw = self.path.read_bytes()
        checksum = hashlib.sha256(raw).hexdigest()
        earlier = db.session.scalar(select(FinanceBatch).filter_by(checksum=checksum).limit(1))
        if earlier is not None:
            self.report.notes.append(f"already loaded as batch {earlier.id}; nothing changed")
            return self.report
        self.replay(self.entries())
        changed = {k: s for k, s in self.stories.items() if s.lines and _final(s, self) != s.stored}
        self.report.unchanged = sum(1 for s in self.stories.values() if s.lines) - len(changed)
        batch = load.new_batch("import", self.path.name, as_of, checksum, self.report.read)
        self._write(batch, changed)
        batch.rows_created, batch.rows_amended = self.report.created, self.report.updated
        batch.rows_unchanged = self.report.unchanged
        batch.rows_matched = sum(
            1 for s in changed.values() if _final(s, self).reconciliation == "matched"
        )
        self.report.notes += load.finish_batch(batch, {cid for cid, _ref in changed})
        return self.report

    def _write(self, batch: FinanceBatch, changed: dict) -> None:
        finals = {key: _final(story, self) for key, story in changed.items()}
        names = counterparty_ids({(m.kind, m.name) for m in finals.values() if m.name})
        texts = description_ids({m.description for m in finals.values() if m.description})
        places = candidate_places({cid for cid, _ref in finals})
        rows, ended = [], []
        for (cid, ref), merged in sorted(finals.items()):
            old = changed[(cid, ref)].stored_row
            version = old.version + 1 if old else 1
            rows.append(
                _txn_row(batch.id, cid, ref, version, old, merged, places[cid], names, texts)
            )
            if old is None:
                self.report.created += 1
            else:
                self.report.updated += 1
                ended.append(old.id)
        end_rows(ended, batch.id)
        for start in range(0, len(rows), 2000):
            db.session.execute(FinanceTxn.__table__.insert(), rows[start : start + 2000])


def _same_direction(story: _Story) -> bool:
    return same_direction(story.bank, story.report)


def _final(story: _Story, importer: FinanceImporter) -> Merged:
    return merge(story.bank, story.report, importer.threshold)


def _txn_row(batch_id, cid, ref, version, old, m: Merged, place, names, texts) -> dict:
    return {
        "public_id": public_id(cid, ref, version),
        "batch_id": batch_id,
        "live": m.listed,
        "listed": m.listed,
        "candidate_id": cid,
        "constituency_id": place[0],
        "province_id": place[1],
        "direction": m.direction,
        "type": m.type,
        "category": m.category,
        "kind": kind_code(m.type, m.category),
        "amount": m.amount,
        "reported_amount": m.reported_amount,
        "date": m.date,
        "month": jalali_month(m.date),
        "counterparty_kind": m.kind,
        "counterparty_id": names.get((m.kind, m.name)),
        "description_id": texts.get(m.description),
        "gift_count": 1,
        "bank_ref": ref,
        "source": m.source,
        "reconciliation": m.reconciliation,
        "reported_on": m.reported_on,
        "version": version,
        "supersedes_id": old.id if old else None,
    }


def import_finance(path: Path, as_of: dt.datetime | None = None) -> Report:
    """Import a bank-feed CSV in one transaction; ImportRefused leaves the database unchanged."""
    try:
        report = FinanceImporter(path).run(as_of)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report
