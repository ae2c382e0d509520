"""Roll-ups of sample rows counted as they are written, instead of re-reading a million rows.

The same shapes as rollups.py builds with SQL for imports (one aggregate row of small gifts per
candidate and month, month and day cubes); `finish_batch` checks both against the rows.
"""

from collections import defaultdict

from webapp.extensions import db
from webapp.finance.codes import RECONCILIATION_RANK
from webapp.finance.ledger import jalali_month
from webapp.finance.models import (
    CONSTITUENCY,
    NATION,
    PROVINCE,
    FinanceCubeDay,
    FinanceCubeMonth,
)
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
        """Replace the cubes with the counted cells at all three levels; returns the day rows."""
        days, months = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
        for (con, prov, kind, day), (n, total) in self.cells.items():
            month = jalali_month(day)
            for key in ((CONSTITUENCY, con, prov), (PROVINCE, None, prov), (NATION, None, None)):
                for table, period in ((days, day), (months, month)):
                    cell = table[(*key, kind, period)]
                    cell[0] += n
                    cell[1] += total
        written = 0
        for model, name, table in (
            (FinanceCubeDay, "day", days),
            (FinanceCubeMonth, "month", months),
        ):
            db.session.execute(model.__table__.delete())
            keys = ("level", "constituency_id", "province_id", "kind", name, "n", "total")
            ordered = sorted(table.items(), key=_order)
            rows = [dict(zip(keys, (*key, n, total), strict=True)) for key, (n, total) in ordered]
            for start in range(0, len(rows), 5000):
                db.session.execute(model.__table__.insert(), rows[start : start + 5000])
            written += len(rows) if name == "day" else 0
        return written


def _order(item):
    (level, con, prov, kind, period), _sums = item
    return (level, con or 0, prov or 0, kind, period)
