"""Totals and facet counts of the current filter, exact, from the cubes or the rows.

One grouped query (by direction, type and category, with every other filter applied) gives the
count, money in and out, and both facets: a facet counts with all filters but its own, so a
reader sees what choosing another category would give. Filters the cubes hold (place, direction,
type, category, dates) read the cubes: whole Jalali months from the month cube, the days at the
ends of a range from the day cube. A candidate, an amount range or text read the live rows.
"""

import datetime as dt
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

import jdatetime
from sqlalchemy import case, func, select

from webapp.extensions import db
from webapp.finance.codes import KINDS, TYPES, kinds_allowed
from webapp.finance.filters import Filters
from webapp.finance.models import (
    CONSTITUENCY,
    NATION,
    PROVINCE,
    FinanceCubeDay,
    FinanceCubeMonth,
    FinanceTxn,
)
from webapp.finance.planner import base_conditions, hinted, place_of
from webapp.finance.queries import conditions, text_condition, visible

EXACT_UP_TO = 10_000  # counts above this are shown as "about N"


@dataclass
class Totals:
    """Count, money in and out, and facet counts of a filter."""

    count: int = 0
    income: int = 0
    spending: int = 0
    categories: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    from_cube: bool = False

    @property
    def exact(self) -> bool:
        """True when the count is small enough to show exactly."""
        return self.count <= EXACT_UP_TO

    @property
    def about(self) -> int:
        """The count rounded to two significant figures, for large counts."""
        digits = len(str(self.count)) - 2
        return round(self.count, -digits) if digits > 0 else self.count

    @property
    def balance(self) -> int:
        """Money in minus money out."""
        return self.income - self.spending


def _fold(groups, f: Filters) -> Totals:
    """Totals and facets from (kind, n, total) groups (direction already applied)."""
    out = Totals()
    for kind, n, total in groups:
        type_, category = KINDS[kind]
        type_ok = not f.type or type_ == f.type
        category_ok = not f.category or category == f.category
        if type_ok and category:
            out.categories[category] += int(n)
        if category_ok:
            out.types[type_] += int(n)
        if type_ok and category_ok:
            out.count += int(n)
            if TYPES[type_] == "in":
                out.income += int(total)
            else:
                out.spending += int(total)
    return out


def _cube_fits(f: Filters, text) -> bool:
    return f.candidate is None and f.low is None and f.high is None and text is None


def _month_start(day: dt.date) -> bool:
    return jdatetime.date.fromgregorian(date=day).day == 1


def _month_end(day: dt.date) -> bool:
    return _month_start(day + dt.timedelta(days=1))


def _month(day: dt.date) -> int:
    j = jdatetime.date.fromgregorian(date=day)
    return j.year * 100 + j.month


def split_range(start, end) -> tuple[tuple | None, list]:
    """((first whole month, last whole month) or None, [(first day, last day), ...]) of a range.

    A bound of None in the month pair is open; None instead of the pair means no whole month.
    """
    whole = start is None or end is None or _month(start) != _month(end)
    if not whole and not (_month_start(start) and _month_end(end)):
        return None, [(start, end)]
    days, low, high = [], None, None
    if start:
        if _month_start(start):
            low = _month(start)
        else:
            month_end = start
            while not _month_end(month_end):
                month_end += dt.timedelta(days=1)
            days.append((start, month_end))
            low = _month(month_end + dt.timedelta(days=1))
    if end:
        if _month_end(end):
            high = _month(end)
        else:
            month_start = end
            while not _month_start(month_start):
                month_start -= dt.timedelta(days=1)
            days.append((month_start, end))
            high = _month(month_start - dt.timedelta(days=1))
    if low and high and low > high:
        return None, days
    return (low, high), days


def _cube_query(model, f: Filters, where: list):
    query = select(model.kind, func.sum(model.n), func.sum(model.total))
    if f.constituency is not None:
        query = query.where(model.level == CONSTITUENCY, model.constituency_id == f.constituency)
        if f.province is not None:
            query = query.where(model.province_id == f.province)
    elif f.province is not None:
        query = query.where(model.level == PROVINCE, model.province_id == f.province)
    else:
        query = query.where(model.level == NATION, model.province_id.is_(None))
    if f.direction:
        query = query.where(model.kind.in_(kinds_allowed(f.direction)))
    return query.where(*where).group_by(model.kind)


def _from_cubes(f: Filters) -> Totals:
    months, days = split_range(f.start, f.end)
    groups = []
    if months is not None:
        low, high = months
        M = FinanceCubeMonth
        where = ([M.month >= low] if low else []) + ([M.month <= high] if high else [])
        groups += db.session.execute(_cube_query(M, f, where)).all()
    D = FinanceCubeDay
    for first, last in days:
        groups += db.session.execute(_cube_query(D, f, [D.day >= first, D.day <= last])).all()
    out = _fold(groups, f)
    out.from_cube = True
    return out


def _grouped(where: list, index: str = "") -> list:
    T = FinanceTxn
    query = select(T.kind, func.count(), func.sum(T.amount)).where(*where).group_by(T.kind)
    return db.session.execute(hinted(query, index)).all()


def _from_rows(f: Filters, text) -> list:
    """(kind, n, total) groups read from the rows, each read staying inside one index."""
    T = FinanceTxn
    where = base_conditions(f) + [T.kind.in_(kinds_allowed(f.direction))]
    if f.candidate is not None:
        extra = [] if text is None else [text_condition(text)]
        return _grouped(where + extra, "ix_finance_txn_candidate")
    if text is not None:
        return _text_groups(where, text)
    level = (place_of(f) or ("kind",))[0]
    return _grouped(where, f"ix_finance_txn_{level}_amount")


def _text_groups(where: list, text) -> list:
    """(kind, n, total) of the rows whose name or description matched.

    Rows of matched names + rows of matched descriptions − rows matched by both; the rows
    matched by both are told apart in the same read of the names' index (one pass, not two).
    """
    T = FinanceTxn
    texts = T.description_id.in_(text.descriptions)
    n, money = Counter(), Counter()
    if text.counterparties:
        both = case((texts, 1), else_=0).label("both")
        query = (
            select(T.kind, both, func.count(), func.sum(T.amount))
            .where(*where, T.counterparty_id.in_(text.counterparties))
            .group_by(T.kind, both)
        )
        for kind, in_both, count, total in db.session.execute(
            hinted(query, "ix_finance_txn_counterparty")
        ):
            sign = 0 if in_both else 1  # counted by the descriptions' read below
            n[kind] += sign * count
            money[kind] += sign * int(total)
    if text.descriptions:
        for kind, count, total in _grouped([*where, texts], "ix_finance_txn_description"):
            n[kind] += count
            money[kind] += int(total)
    return [(kind, count, money[kind]) for kind, count in n.items() if count]


def _from_snapshot(f: Filters, text, snapshot: int) -> list:
    where = [visible(snapshot), *conditions(f.without("type", "category"), text)]
    return _grouped(where)


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 2_000
_LOCK = threading.Lock()


def cached_totals(f: Filters, text, batch) -> Totals:
    """`totals` now, remembered per filter until the next load batch (they cannot change)."""
    database = db.engine.url.render_as_string(hide_password=True)
    key = (f.without("sort").key(), database, batch.id, batch.loaded_at.isoformat())
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = totals(f, text)
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def totals(f: Filters, text=None, snapshot: int | None = None) -> Totals:
    """Exact totals and facets of the filter (now, or as of a snapshot batch)."""
    if snapshot is None and _cube_fits(f, text):
        return _from_cubes(f)
    if text is not None and not (text.counterparties or text.descriptions):
        return Totals()
    groups = _from_rows(f, text) if snapshot is None else _from_snapshot(f, text, snapshot)
    return _fold(groups, f)
