"""Campaign finance: load batches, transactions with versions, counterparties, caps, roll-ups.

Amounts are whole rials in 64-bit integers. A transaction row is never edited in place: an
amendment, or a self-report meeting its bank row, adds a new version that supersedes the old
one, and the old one is ended by the batch that replaced it. `live` marks the rows the public
sees now: current versions, with the small gifts of individuals replaced by one aggregate row per
candidate and month (the gifts themselves stay, unlisted, for reconciliation).
"""

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class FinanceBatch(db.Model):
    """One load: a bank-feed file or a sample run, with its as-of time, counts and checksum."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # import, sample
    source: Mapped[str] = mapped_column(String(300))
    as_of: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    checksum: Mapped[str] = mapped_column(String(64), index=True)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_created: Mapped[int] = mapped_column(Integer, default=0)
    rows_amended: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_matched: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    is_sample: Mapped[bool] = mapped_column(default=False)


class FinanceCap(db.Model):
    """The legal spending cap of each candidate in a constituency, with its basis and source."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"), unique=True)
    cap_rial: Mapped[int] = mapped_column(BigInteger)
    basis: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class FinanceCounterparty(db.Model):
    """A payer or payee named in the public record (individuals only above the threshold)."""

    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(240))
    compact_key: Mapped[str] = mapped_column(String(240), index=True)


class FinanceDescription(db.Model):
    """A transaction description, stored once however many rows share it."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(String(300), unique=True)
    compact_key: Mapped[str] = mapped_column(String(300), index=True)


TEXT = ("counterparty_id", "description_id")
KIND_DATE = ("live", "kind", "date", "id", "amount", *TEXT)
KIND_AMOUNT = ("live", "kind", "amount", "id", "date", *TEXT)
TEXT_TAIL = ("date", "id", "kind", "amount", "constituency_id", "province_id")

PLACE_DATE = ("date", "id", "kind", "amount", *TEXT)
PLACE_AMOUNT = ("amount", "id", "kind", "date", *TEXT)


class FinanceTxn(db.Model):
    """One version of one transaction (or of one month's aggregate of small gifts)."""

    __table_args__ = (
        # Walks in date or amount order: all rows, by kind, province or constituency. Each
        # carries the other filtered columns, so filters are checked without reading rows.
        Index("ix_finance_txn_date", "live", *PLACE_DATE),
        Index("ix_finance_txn_amount", "live", *PLACE_AMOUNT),
        Index("ix_finance_txn_kind_date", *KIND_DATE),
        Index("ix_finance_txn_kind_amount", *KIND_AMOUNT),
        Index("ix_finance_txn_province_date", "live", "province_id", *PLACE_DATE),
        Index("ix_finance_txn_province_amount", "live", "province_id", *PLACE_AMOUNT),
        Index("ix_finance_txn_constituency_date", "live", "constituency_id", *PLACE_DATE),
        Index("ix_finance_txn_constituency_amount", "live", "constituency_id", *PLACE_AMOUNT),
        Index(
            "ix_finance_txn_counterparty", "live", "counterparty_id", *TEXT_TAIL, "description_id"
        ),
        Index("ix_finance_txn_description", "live", "description_id", *TEXT_TAIL),
        Index("ix_finance_txn_ref", "bank_ref", "candidate_id"),
        # A candidate's current rows (imports, summaries, deletes) and their live rows by date.
        Index("ix_finance_txn_candidate", "candidate_id", "ended_batch_id", "live", "date", "id"),
        Index("ix_finance_txn_public_id", "public_id", unique=True),
        Index("ix_finance_txn_supersedes_id", "supersedes_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16))
    batch_id: Mapped[int] = mapped_column(ForeignKey("finance_batch.id"))
    ended_batch_id: Mapped[int | None] = mapped_column(ForeignKey("finance_batch.id"))
    live: Mapped[bool] = mapped_column(default=True)
    listed: Mapped[bool] = mapped_column(default=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"))
    province_id: Mapped[int | None] = mapped_column(ForeignKey("province.id"))
    direction: Mapped[str] = mapped_column(String(3))
    type: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(12))
    kind: Mapped[int] = mapped_column(SmallInteger)  # codes.KINDS: the (type, category) pair
    amount: Mapped[int] = mapped_column(BigInteger)
    reported_amount: Mapped[int | None] = mapped_column(BigInteger)
    date: Mapped[dt.date] = mapped_column(Date)
    month: Mapped[int] = mapped_column(Integer)  # Jalali year × 100 + month, e.g. 140211
    counterparty_kind: Mapped[str] = mapped_column(String(12))
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("finance_counterparty.id"))
    description_id: Mapped[int | None] = mapped_column(ForeignKey("finance_description.id"))
    gift_count: Mapped[int] = mapped_column(Integer, default=1)
    bank_ref: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(6))
    reconciliation: Mapped[str] = mapped_column(String(12))
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("finance_txn.id", ondelete="CASCADE")
    )


NATION, PROVINCE, CONSTITUENCY = 0, 1, 2  # cube levels


class FinanceCubeMonth(db.Model):
    """Live rows summed by kind and Jalali month, for the country, each province and constituency.

    `level` says which: country rows have no province or constituency, province rows no
    constituency. A query reads the rows of one level only, so its work does not grow with the
    number of constituencies.
    """

    __table_args__ = (
        Index("ix_finance_cube_month_constituency", "level", "constituency_id", "month"),
        Index("ix_finance_cube_month_province", "level", "province_id", "month"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger)
    constituency_id: Mapped[int | None] = mapped_column(Integer)
    province_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[int] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)


class FinanceCubeDay(db.Model):
    """The same sums by day, used for the partial months at the ends of a date range."""

    __table_args__ = (
        Index("ix_finance_cube_day_constituency", "level", "constituency_id", "day"),
        Index("ix_finance_cube_day_province", "level", "province_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger)
    constituency_id: Mapped[int | None] = mapped_column(Integer)
    province_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[int] = mapped_column(SmallInteger)
    day: Mapped[dt.date] = mapped_column(Date)
    n: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)


class FinanceSummary(db.Model):
    """A candidate's figures, precomputed per load batch and checked against the live rows."""

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    constituency_id: Mapped[int] = mapped_column(Integer, index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("finance_batch.id"))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    income: Mapped[int] = mapped_column(BigInteger, default=0)
    spending: Mapped[int] = mapped_column(BigInteger, default=0)
    cap_spending: Mapped[int] = mapped_column(BigInteger, default=0)
    small_gifts: Mapped[int] = mapped_column(Integer, default=0)
    small_gifts_total: Mapped[int] = mapped_column(BigInteger, default=0)
    mismatches: Mapped[int] = mapped_column(Integer, default=0)
    report_only_spending: Mapped[int] = mapped_column(Integer, default=0)
    report_only_total: Mapped[int] = mapped_column(BigInteger, default=0)
    bank_only: Mapped[int] = mapped_column(Integer, default=0)
    late_reports: Mapped[int] = mapped_column(Integer, default=0)
    by_category: Mapped[str] = mapped_column(Text, default="{}")
    by_month: Mapped[str] = mapped_column(Text, default="{}")
    top_counterparties: Mapped[str] = mapped_column(Text, default="[]")
