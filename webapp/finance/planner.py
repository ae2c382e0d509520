"""How rows are read in order with bounded work, whatever the filters.

A plan is a list of "walks": ordered reads of one index, each with every filter checked inside
the index (they hold all filtered columns), merged by (sort value, id):

- one candidate: their rows (a few thousand at most) through their index, sorted;
- text: the rows of the matched names and of the matched descriptions, through those two
  indexes (a row in both is read twice and kept once);
- an amount range or (for amount order) a date range that holds few rows: those rows, sorted —
  the count is checked first, capped, so a wrong guess costs at most the cap;
- a province or constituency: its own index in the wanted order;
- a type or category: one walk per kind (type and category pair) it allows, so a rare kind
  never means scanning past every other kind's rows;
- otherwise (all kinds, or one direction: dense) one walk through all rows in order.

Pages take the first rows of the merged walks after a cursor (one SQL statement); exports
stream them with a k-way merge. SQLite is told which index each walk uses (INDEXED BY);
PostgreSQL picks the same ones from the same shapes.
"""

import datetime as dt
import heapq
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from sqlalchemy import func, literal, select, tuple_, union, union_all

from webapp.extensions import db
from webapp.finance.codes import kinds_allowed
from webapp.finance.cursor import Cursor
from webapp.finance.filters import Filters
from webapp.finance.models import FinanceTxn
from webapp.finance.queries import (
    TextMatch,
    conditions,
    range_conditions,
    text_condition,
    visible,
)

T = FinanceTxn
FEW = 3_000  # rows cheaper to sort than to walk past


@dataclass(frozen=True)
class Walk:
    """One ordered read: its conditions and the index it goes through ('' = planner's choice)."""

    where: tuple
    index: str


def hinted(query, index: str):
    """The query told to use an index on SQLite (ignored elsewhere)."""
    return query.with_hint(T, f"INDEXED BY {index}", dialect_name="sqlite") if index else query


def capped_count(where, index: str = "", cap: int = FEW) -> int:
    """How many rows match, counting no further than `cap`."""
    inner = hinted(select(literal(1)).select_from(T).where(*where).limit(cap), index)
    return db.session.scalar(select(func.count()).select_from(inner.subquery()))


def order_of(sort: str):
    """(sort column, descending) of an order."""
    return (T.date if sort in ("newest", "oldest") else T.amount), sort in ("newest", "largest")


def place_of(f: Filters) -> tuple[str, object] | None:
    """The narrowest place filter as (index level, condition)."""
    if f.constituency is not None:
        return "constituency", T.constituency_id == f.constituency
    if f.province is not None:
        return "province", T.province_id == f.province
    return None


def base_conditions(f: Filters) -> list:
    """Live rows, place, candidate and the ranges (kinds and text are added per walk)."""
    out = [T.live.is_(True), *range_conditions(f)]
    if f.candidate is not None:
        out += [T.candidate_id == f.candidate, T.ended_batch_id.is_(None)]
    place = place_of(f)
    if place is not None:
        out.append(place[1])
    if f.constituency is not None and f.province is not None:
        out.append(T.province_id == f.province)
    return out


def _kinds(kinds: list[int]) -> list:
    return [T.kind.in_(kinds)]


def text_walks(where: list, text: TextMatch) -> list[Walk]:
    """The rows of the matched names and of the matched descriptions, one walk each."""
    walks = []
    if text.counterparties:
        condition = T.counterparty_id.in_(text.counterparties)
        walks.append(Walk((*where, condition), "ix_finance_txn_counterparty"))
    if text.descriptions:
        condition = T.description_id.in_(text.descriptions)
        walks.append(Walk((*where, condition), "ix_finance_txn_description"))
    return walks


def _few_rows_walk(f: Filters, where: list, by: str) -> Walk | None:
    """One walk through an index whose range holds few rows, when there is one."""
    level = (place_of(f) or ("kind",))[0]
    if f.low is not None or f.high is not None:
        index = f"ix_finance_txn_{level}_amount"
        if capped_count(where, index) < FEW:
            return Walk(tuple(where), index)
    if (f.start or f.end) and by == "amount":
        index = f"ix_finance_txn_{level}_date"
        if capped_count(where, index) < FEW:
            return Walk(tuple(where), index)
    return None


def plan(f: Filters, text: TextMatch | None, by: str) -> list[Walk]:
    """The walks that together read exactly the filtered rows."""
    kinds = kinds_allowed(f.direction, f.type, f.category)
    if not kinds or (text is not None and not (text.counterparties or text.descriptions)):
        return []
    where = base_conditions(f) + _kinds(kinds)
    if f.candidate is not None:
        text_part = [] if text is None else [text_condition(text)]
        return [Walk((*where, *text_part), "ix_finance_txn_candidate")]
    if text is not None:
        return text_walks(where, text)
    walk = _few_rows_walk(f, where, by)
    if walk is not None:
        return [walk]
    place = place_of(f)
    if place is not None:
        return [Walk(tuple(where), f"ix_finance_txn_{place[0]}_{by}")]
    if not (f.type or f.category):  # all kinds, or one direction's: about half the rows
        return [Walk(tuple(where), f"ix_finance_txn_{by}")]
    rest = base_conditions(f)
    return [Walk((*rest, T.kind == kind), f"ix_finance_txn_kind_{by}") for kind in kinds]


def _after(query, column, descending: bool, cursor: Cursor | None):
    if cursor is None:
        return query
    key, after = tuple_(column, T.id), tuple_(cursor.value, cursor.last_id)
    return query.where(key < after if descending else key > after)


def _ordered(walk: Walk, column, descending, cursor, limit):
    query = select(T.id, column.label("v")).where(*walk.where)
    query = _after(query, column, descending, cursor)
    order = (column.desc(), T.id.desc()) if descending else (column.asc(), T.id.asc())
    return hinted(query.order_by(*order).limit(limit), walk.index)


def page_ids(f: Filters, text, cursor: Cursor | None, snapshot: int | None, limit: int) -> list:
    """(id, sort value) of the first `limit` rows after the cursor, in the filter's order."""
    column, descending = order_of(f.sort)
    if snapshot is not None:
        return _snapshot_page(f, text, column, descending, cursor, snapshot, limit)
    walks = plan(f, text, "date" if column is T.date else "amount")
    if not walks:
        return []
    if len(walks) == 1:
        return db.session.execute(_ordered(walks[0], column, descending, cursor, limit)).all()
    parts = [select(_ordered(w, column, descending, cursor, limit).subquery()) for w in walks]
    merged = (union if text is not None else union_all)(*parts).subquery()
    order = (merged.c.v.desc(), merged.c.id.desc()) if descending else (merged.c.v, merged.c.id)
    return db.session.execute(select(merged.c.id, merged.c.v).order_by(*order).limit(limit)).all()


def _snapshot_page(f, text, column, descending, cursor, snapshot, limit) -> list:
    """A page as of an older batch (paging that began before the newest load): plain SQL."""
    query = select(T.id, column.label("v")).where(visible(snapshot), *conditions(f, text))
    query = _after(query, column, descending, cursor)
    order = (column.desc(), T.id.desc()) if descending else (column.asc(), T.id.asc())
    return db.session.execute(query.order_by(*order).limit(limit)).all()


def _chunks(walk: Walk, column, descending: bool, chunk: int, extra: tuple):
    """Every row of one walk, in order, as lists of up to `chunk` rows read by keyset."""
    cursor = None
    while True:
        rows = _raw_rows(_ordered(walk, column, descending, cursor, chunk).add_columns(*extra))
        yield rows
        if len(rows) < chunk:
            return
        last = rows[-1][1]
        value = dt.date.fromisoformat(str(last)) if column is T.date else last
        cursor = Cursor(value, rows[-1][0], 0)


def _stream(walk: Walk, column, descending: bool, chunk: int, extra: tuple):
    """(merge key, row) of every row of one walk, in order."""
    for rows in _chunks(walk, column, descending, chunk, extra):
        for row in rows:
            value, row_id = row[1], row[0]
            key = _ordinal(value) if column is T.date else value
            yield ((-key, -row_id) if descending else (key, row_id)), row


@lru_cache(maxsize=4096)
def _ordinal(day) -> int:
    return dt.date.fromisoformat(str(day)).toordinal()


def _raw_rows(query) -> list:
    """Rows straight from the driver (no per-row processing), for streaming exports.

    Every value in these queries is a number, a date or a fixed code from validated filters,
    rendered as SQL literals by SQLAlchemy; dates come back as ISO text on SQLite.
    """
    sql = str(query.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    cursor = db.session.connection().connection.driver_connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def ordered_rows(f: Filters, text, limit: int, extra: tuple = (), chunk: int = 5_000):
    """Every filtered row as (id, sort value, *extra) in the filter's order, at most `limit`.

    The walks are merged in order (a row found by two text walks is kept once).
    """
    column, descending = order_of(f.sort)
    walks = plan(f, text, "date" if column is T.date else "amount")
    if len(walks) == 1:  # already in order: no merge keys to compute
        rows = (row for part in _chunks(walks[0], column, descending, chunk, extra) for row in part)
        yield from islice(rows, limit)
        return
    streams = [_stream(w, column, descending, chunk, extra) for w in walks]
    dedupe = len(walks) > 1 and text is not None
    seen, sent = set(), 0
    for _key, row in heapq.merge(*streams, key=lambda item: item[0]):
        if dedupe:
            if row[0] in seen:
                continue
            seen.add(row[0])
        yield row
        sent += 1
        if sent >= limit:
            return
