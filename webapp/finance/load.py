"""Load batches: open one, and finish it by rebuilding and checking what depends on the rows."""

import datetime as dt

from sqlalchemy import select

from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.finance.cubes import cube_differences, rebuild_cubes
from webapp.finance.models import FinanceBatch, FinanceCap, FinanceTxn
from webapp.finance.rollups import candidate_places, gift_differences, refresh_gift_aggregates
from webapp.finance.settings import setting
from webapp.finance.summaries import rebuild_summaries, summary_differences
from webapp.text.formatting import format_number


class FinanceCheckFailed(Exception):
    """The roll-ups do not equal the rows they were built from (the load is rolled back)."""


def new_batch(kind: str, source: str, as_of, checksum: str, rows_read: int) -> FinanceBatch:
    """Open a batch (flushed, so rows can point at its id)."""
    now = dt.datetime.now(dt.UTC)
    batch = FinanceBatch(
        kind=kind,
        source=source[:300],
        as_of=as_of or now,
        loaded_at=now,
        checksum=checksum,
        rows_read=rows_read,
        rows_created=0,
        rows_amended=0,
        rows_unchanged=0,
        rows_matched=0,
        notes="",
        is_sample=kind == "sample",
    )
    db.session.add(batch)
    db.session.flush()
    return batch


def finish_batch(batch: FinanceBatch, candidate_ids: set[int] | None, built: bool = False) -> list:
    """Rebuild gift aggregates, cubes and summaries for what changed, then check them.

    `built`: the caller wrote the aggregates and cubes itself (the sample generator); they are
    still checked against the rows.
    """
    ensure_caps()
    if candidate_ids is not None and not candidate_ids:
        return ["nothing changed"]
    aggregates = "prebuilt" if built else refresh_gift_aggregates(batch.id, candidate_ids)
    places = None if candidate_ids is None else candidate_places(candidate_ids)
    constituencies = None if places is None else {con for con, _p in places.values()}
    if not built:
        rebuild_cubes(constituencies)
    summaries = rebuild_summaries(batch.id, candidate_ids)
    wrong = summary_differences(candidate_ids)
    wrong_cubes = cube_differences(constituencies)
    wrong_gifts = gift_differences(candidate_ids)
    if wrong or wrong_cubes or wrong_gifts:
        raise FinanceCheckFailed(
            f"summaries of candidates {wrong[:10]}, cubes of constituencies {wrong_cubes[:10]} "
            f"or small-gift aggregates of candidates {wrong_gifts[:10]} differ from the rows"
        )
    notes = [
        f"batch {batch.id}: {aggregates} monthly aggregates of small gifts written",
        f"{summaries} candidate summaries rebuilt and checked against the rows: all equal",
    ]
    batch.notes = "\n".join(notes)
    return notes


def latest_batch() -> FinanceBatch | None:
    """The newest load batch, whose as-of time the pages show."""
    return db.session.scalar(select(FinanceBatch).order_by(FinanceBatch.id.desc()).limit(1))


def sample_cap(seats: int) -> int:
    """The placeholder cap of a constituency with this many seats, in rials."""
    first = setting("FINANCE_SAMPLE_CAP_FIRST_SEAT_RIAL")
    extra = setting("FINANCE_SAMPLE_CAP_EXTRA_SEAT_RIAL")
    return first + extra * max(seats - 1, 0)


SAMPLE_BASIS = (
    "نمونه: {first} ریال برای حوزهٔ یک‌کرسی و {extra} ریال برای هر کرسی دیگر، تا سقف رسمی "
    "وزارت کشور بارگذاری شود"
)


def ensure_caps() -> int:
    """Give every constituency without a cap the sample cap (marked sample); returns how many."""
    have = set(db.session.scalars(select(FinanceCap.constituency_id)))
    now = dt.datetime.now(dt.UTC)
    basis = SAMPLE_BASIS.format(
        first=format_number(setting("FINANCE_SAMPLE_CAP_FIRST_SEAT_RIAL")),
        extra=format_number(setting("FINANCE_SAMPLE_CAP_EXTRA_SEAT_RIAL")),
    )
    added = 0
    for constituency in db.session.scalars(select(Constituency).order_by(Constituency.id)):
        if constituency.id in have:
            continue
        db.session.add(
            FinanceCap(
                constituency_id=constituency.id,
                cap_rial=sample_cap(constituency.seats),
                basis=basis,
                source="Raynama sample (FINANCE_SAMPLE_CAP_* settings)",
                is_sample=True,
                updated_at=now,
            )
        )
        added += 1
    db.session.flush()
    return added


FINANCE_TABLES = (
    "finance_txn",
    "finance_counterparty",
    "finance_description",
    "finance_cube_month",
    "finance_cube_day",
    "finance_summary",
)


def vacuum_finance() -> None:
    """On PostgreSQL, VACUUM (ANALYZE) the finance tables after a load.

    A bulk load leaves the visibility map unset, so PostgreSQL cannot answer totals from the
    covering indexes alone (index-only scans) until a vacuum runs; waiting for autovacuum
    made amount-range totals about three times slower. SQLite needs nothing (ANALYZE is done).
    """
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in FINANCE_TABLES:
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {table}")


def has_finance_rows() -> bool:
    """True when any transaction is loaded."""
    return db.session.scalar(select(FinanceTxn.id).limit(1)) is not None
