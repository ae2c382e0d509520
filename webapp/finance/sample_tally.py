"""Roll-ups of sample rows counted as they are written, instead of re-reading a million rows.

The same shapes as rollups.py builds with SQL for imports (one aggregate row of small gifts per
candidate and month, month and day cubes); `finish_batch` checks both against the rows.
"""

from collections import defaultdict

from webapp.extensions import db
from webapp.finance.codes import RECONCILIATION_RANK
from webapp.finance.ledger import jalali_month
from webapp.finance.models import FinanceCubeDay, FinanceCubeMonth
from webapp.finance.rollups import _aggregate_row


class Tally:
    """Counts current rows into gift groups and cube cells."""

    def __init__(self):
        self.gifts: dict = {}
        self.cells = defaultdict(lambda: [0, 0])
        self.places: dict = {}

    def add(self, cid, con, prov, kind, day, amount, listed, source, state) -> None:
        """Count one current row (listed rows into the cubes, small gifts into their month)."""
        if listed:
            cell = self.cells[(con, prov, kind, day)]
            cell[0] += 1
            cell[1] += amount
            return
        self.places[cid] = (con, prov)
        key = (cid, jalali_month(day))
        group = self.gifts.get(key)
        if group is None:
            self.gifts[key] = {
                "n": 1,
                "total": amount,
                "date": day,
                "sources": {source},
                "state": state,
            }
            return
        group["n"] += 1
        group["total"] += amount
        group["date"] = max(group["date"], day)
        group["sources"].add(source)
        if RECONCILIATION_RANK[state] < RECONCILIATION_RANK[group["state"]]:
            group["state"] = state

    def aggregate_rows(self, batch_id: int) -> list[dict]:
        """One aggregate row per candidate and month of small gifts (column values)."""
        return [
            _aggregate_row(key, group, self.places, batch_id, None)
            for key, group in sorted(self.gifts.items())
        ]

    def write_cubes(self) -> int:
        """Replace the cubes with the counted cells; returns the number of day cells."""
        db.session.execute(FinanceCubeDay.__table__.delete())
        db.session.execute(FinanceCubeMonth.__table__.delete())
        months = defaultdict(lambda: [0, 0])
        days = []
        for (con, prov, kind, day), (n, total) in sorted(self.cells.items()):
            days.append(
                {
                    "constituency_id": con,
                    "province_id": prov,
                    "kind": kind,
                    "day": day,
                    "n": n,
                    "total": total,
                }
            )
            month = months[(con, prov, kind, jalali_month(day))]
            month[0] += n
            month[1] += total
        month_rows = [
            {
                "constituency_id": con,
                "province_id": prov,
                "kind": kind,
                "month": m,
                "n": n,
                "total": total,
            }
            for (con, prov, kind, m), (n, total) in sorted(months.items())
        ]
        for table, rows in (
            (FinanceCubeDay.__table__, days),
            (FinanceCubeMonth.__table__, month_rows),
        ):
            for start in range(0, len(rows), 5000):
                db.session.execute(table.insert(), rows[start : start + 5000])
        return len(days)
