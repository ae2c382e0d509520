"""Official spending caps per constituency from a CSV, replacing the sample caps."""

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from webapp.constituencies.models import Constituency
from webapp.data.importer import ImportRefused, Report, read_csv
from webapp.extensions import db
from webapp.finance.models import FinanceCap
from webapp.finance.money import AmountError, parse_rials
from webapp.text.normalize import compact_key, to_ascii_digits

REQUIRED = ("constituency", "cap_rial", "basis", "source")


def _constituency_keys() -> dict[str, int]:
    keys = {}
    for cid, name in db.session.execute(select(Constituency.id, Constituency.name_fa)):
        keys[str(cid)] = cid
        keys[compact_key(name)] = cid
    return keys


def _read(path: Path, report: Report) -> dict[int, tuple[int, str, str]]:
    keys, caps = _constituency_keys(), {}
    for line, row in read_csv(path, REQUIRED):
        report.read += 1
        key = to_ascii_digits(row["constituency"]).strip()
        cid = keys.get(key) or keys.get(compact_key(row["constituency"]))
        if cid is None:
            report.errors.append((line, f"constituency {row['constituency']!r} is not known"))
            continue
        try:
            cap = parse_rials(row["cap_rial"])
        except AmountError:
            report.errors.append((line, "cap_rial must be a positive whole number of rials"))
            continue
        if not row["basis"] or not row["source"]:
            report.errors.append((line, "basis and source are required: say how the cap was set"))
            continue
        if cid in caps:
            report.errors.append((line, "the constituency is listed twice"))
        caps[cid] = (cap, row["basis"][:2000], row["source"][:2000])
    return caps


def import_caps(path: Path) -> Report:
    """Set the caps listed in the file (official, not sample); refuse the file on any fault."""
    report = Report(source=str(path))
    caps = _read(path, report)
    if report.errors:
        raise ImportRefused(report)
    existing = {c.constituency_id: c for c in db.session.scalars(select(FinanceCap))}
    now = dt.datetime.now(dt.UTC)
    for cid, (cap, basis, source) in caps.items():
        row = existing.get(cid) or FinanceCap(constituency_id=cid)
        changed = (row.cap_rial, row.basis, row.source, row.is_sample) != (
            cap,
            basis,
            source,
            False,
        )
        if row.id is None:
            db.session.add(row)
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
        row.cap_rial, row.basis, row.source, row.is_sample, row.updated_at = (
            cap, basis, source, False, now if changed else row.updated_at,
        )  # fmt: skip
    db.session.commit()
    return report
