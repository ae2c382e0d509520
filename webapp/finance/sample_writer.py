"""Writing sample drafts as transaction rows at bulk speed (executemany or COPY)."""

import hashlib
from contextlib import contextmanager

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.finance.codes import kind_code
from webapp.finance.ledger import jalali_month, public_id
from webapp.finance.models import FinanceTxn
from webapp.finance.sample_tally import Tally

COLUMNS = (
    "id", "public_id", "batch_id", "ended_batch_id", "live", "listed", "candidate_id",
    "constituency_id", "province_id", "direction", "type", "category", "kind", "amount",
    "reported_amount", "date", "month", "counterparty_kind", "counterparty_id", "description_id",
    "gift_count", "bank_ref", "source", "reconciliation", "reported_on", "version", "supersedes_id",
)  # fmt: skip
AT = {name: i for i, name in enumerate(COLUMNS)}
FLUSH_EVERY = 50_000
AMEND_EVERY = 50  # every 50th reference has an earlier, superseded version
SOURCE = {"matched": "both", "mismatch": "both", "bank_only": "bank", "report_only": "report"}


class Writer:
    """Turns drafts into row tuples with explicit ids and writes them in large batches."""

    def __init__(self, batch_id: int, amended_batch_id: int, descriptions: dict, threshold: int):
        self.batch_id, self.amended_batch_id = batch_id, amended_batch_id
        self.descriptions = descriptions
        self.threshold = threshold
        self.next_id = (db.session.scalar(select(func.max(FinanceTxn.id))) or 0) + 1
        self.sequence = 0
        self.written = self.amended = self.matched = self.aggregates = 0
        self.tally = Tally()
        self.digest = hashlib.sha256()
        self.buffer: list[tuple] = []
        self.sqlite = db.engine.dialect.name == "sqlite"
        self._dates: dict = {}

    def _day(self, day):
        if day is None or not self.sqlite:
            return day
        if day not in self._dates:
            self._dates[day] = day.isoformat()
        return self._dates[day]

    @contextmanager
    def open(self):
        """Drop the table's indexes when it is empty, write, then build them once at the end."""
        connection = db.session.connection()
        empty = db.session.scalar(select(FinanceTxn.id).limit(1)) is None
        indexes = list(FinanceTxn.__table__.indexes) if empty else []
        for index in indexes:
            index.drop(connection)
        yield self
        self._write_aggregates()
        self.flush()
        self.tally.write_cubes()
        for index in indexes:
            index.create(connection)

    def _write_aggregates(self) -> None:
        """The monthly aggregate rows of small gifts, counted while the gifts were written."""
        for values in self.tally.aggregate_rows(self.amended_batch_id):
            day = values["date"]
            values.update(id=self.next_id, date=self._day(day), ended_batch_id=None)
            values.update(reported_amount=None, counterparty_id=None, description_id=None)
            values.update(reported_on=None)
            row = [values[name] for name in COLUMNS]
            self._push(row)
            self.aggregates += 1
            self.tally.add(
                values["candidate_id"], values["constituency_id"], values["province_id"],
                values["kind"], day,
                values["amount"], True, values["source"], values["reconciliation"],
            )  # fmt: skip

    def add(self, cid: int, con: int, prov: int | None, drafts: list) -> None:
        """Queue one candidate's drafts (in date order) as rows."""
        drafts.sort(key=lambda d: d.day)
        for d in drafts:
            self._add_one(cid, con, prov, d)
        if len(self.buffer) >= FLUSH_EVERY:
            self.flush()

    def _add_one(self, cid, con, prov, d) -> None:
        self.sequence += 1
        source = SOURCE[d.state]
        ref = f"R{self.sequence:09d}" if source == "report" else f"{self.sequence:010d}"
        small = d.type == "contribution" and d.kind == "individual" and d.counterparty is None
        amount = d.reported_amount if source == "report" else d.amount
        base = [
            None, None, self.batch_id, None, not small, not small, cid, con, prov,
            "in" if d.direction_in else "out", d.type, d.category, kind_code(d.type, d.category),
            amount, d.reported_amount,
            self._day(d.day), jalali_month(d.day), d.kind, d.counterparty,
            self.descriptions[d.description], 1, ref, source, d.state, self._day(d.reported_on), 1,
            None,
        ]  # fmt: skip
        self.matched += d.state == "matched"
        if self.sequence % AMEND_EVERY == AMEND_EVERY - 1:
            first = list(base)
            first[AT["id"]], first[AT["public_id"]] = self.next_id, public_id(cid, ref, 1)
            first[AT["ended_batch_id"]], first[AT["live"]] = self.amended_batch_id, False
            first[AT["amount"]] = earlier = self._earlier_amount(amount, small)
            if source == "report":
                first[AT["reported_amount"]] = earlier
            elif d.reported_amount is not None and d.reported_amount != earlier:
                first[AT["reconciliation"]] = "mismatch"
            self._push(first)
            base[AT["batch_id"]], base[AT["version"]] = self.amended_batch_id, 2
            base[AT["supersedes_id"]] = self.next_id - 1
            self.amended += 1
        base[AT["id"]] = self.next_id
        base[AT["public_id"]] = public_id(cid, ref, base[AT["version"]])
        kind = base[AT["kind"]]
        self.tally.add(cid, con, prov, kind, d.day, amount, not small, source, d.state)
        self._push(base)

    def _earlier_amount(self, amount: int, small: bool) -> int:
        """The first version's amount: a slip of an extra zero, or a figure later corrected."""
        factor = 10 if self.sequence % (4 * AMEND_EVERY) == AMEND_EVERY - 1 else 0.8
        earlier = max(10_000, int(amount * factor) // 10_000 * 10_000)
        if small:
            earlier = min(earlier, self.threshold - 10_000)
        return earlier if earlier != amount else amount + 10_000

    def _push(self, row: list) -> None:
        self.buffer.append(tuple(row))
        self.digest.update(f"{row[AT['public_id']]}:{row[AT['amount']]};".encode())
        self.next_id += 1
        self.written += 1

    def flush(self) -> None:
        """Write the queued rows."""
        if not self.buffer:
            return
        raw = db.session.connection().connection.driver_connection
        names = ", ".join(COLUMNS)
        if self.sqlite:
            marks = ", ".join("?" * len(COLUMNS))
            raw.executemany(f"INSERT INTO finance_txn ({names}) VALUES ({marks})", self.buffer)
        else:
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY finance_txn ({names}) FROM STDIN") as copy,
            ):
                for row in self.buffer:
                    copy.write_row(row)
        self.buffer = []
