"""How a page of results is read with bounded work, whatever the filters.

A page is the first rows after a cursor in date or amount order. The indexes hold every filtered
column, so filters are checked inside an index. The plan picks where to walk:

- one candidate: their rows (a few thousand at most), sorted;
- text matching few rows, an amount range holding few rows, or (for amount order) a date range
  holding few rows: those rows through their own index, sorted — the count is checked first,
  capped, so a wrong guess costs at most the cap;
- otherwise an ordered walk: a province's or constituency's index, or one walk per kind (type
  and category pair) merged, so a rare kind never means scanning every other kind's rows.

SQLite is told which index each walk uses (INDEXED BY); PostgreSQL's planner picks the same ones
from the same shapes.
"""

from sqlalchemy import func, literal, select, tuple_, union_all

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
FEW = 3_000  # rows that are cheaper to sort than to walk past


def _hinted(query, index: str):
    return query.with_hint(T, f"INDEXED BY {index}", dialect_name="sqlite")


def capped_count(where: list, index: str | None = None, cap: int = FEW) -> int:
    """How many rows match, counting no further than `cap`."""
    inner = select(literal(1)).select_from(T).where(*where).limit(cap)
    if index:
        inner = _hinted(inner, index)
    return db.session.scalar(select(func.count()).select_from(inner.subquery()))


def _order(sort: str):
    column = T.date if sort in ("newest", "oldest") else T.amount
    return column, sort in ("newest", "largest")


def _ordered(query, column, descending: bool, cursor: Cursor | None, limit: int):
    if cursor is not None:
        key, after = tuple_(column, T.id), tuple_(cursor.value, cursor.last_id)
        query = query.where(key < after if descending else key > after)
    order = (column.desc(), T.id.desc()) if descending else (column.asc(), T.id.asc())
    return query.order_by(*order).limit(limit)


def _place(f: Filters) -> tuple[str, object] | None:
    if f.constituency is not None:
        return "constituency", T.constituency_id == f.constituency
    if f.province is not None:
        return "province", T.province_id == f.province
    return None


def _few_rows_index(f: Filters, text: TextMatch | None, where: list) -> str | None:
    """The index through which few enough rows match to read and sort them all, if any."""
    if f.candidate is not None:
        return "ix_finance_txn_candidate"
    if text is not None and capped_count([T.live.is_(True), text_condition(text)]) < FEW:
        return ""  # the planner's choice: the counterparty and description indexes
    place = _place(f)
    level = place[0] if place else "kind"
    if f.low is not None or f.high is not None:
        index = f"ix_finance_txn_{level}_amount"
        if capped_count(where, index) < FEW:
            return index
    if (f.start or f.end) and f.sort in ("largest", "smallest"):
        index = f"ix_finance_txn_{level}_date"
        if capped_count(where, index) < FEW:
            return index
    return None


def _walks(f: Filters, text, column, descending, cursor, limit) -> list:
    """One ordered walk per kind, or one through the chosen place's index."""
    by = "date" if column is T.date else "amount"
    rest = [T.live.is_(True), *range_conditions(f)] + ([text_condition(text)] if text else [])
    kinds = kinds_allowed(f.direction, f.type, f.category)
    place = _place(f)
    if place is not None:
        level, condition = place
        where = [*rest, condition] + ([T.kind.in_(kinds)] if len(kinds) < 25 else [])
        query = select(T.id, column.label("v")).where(*where)
        return [
            _hinted(
                _ordered(query, column, descending, cursor, limit), f"ix_finance_txn_{level}_{by}"
            )
        ]
    walks = []
    for kind in kinds:
        query = select(T.id, column.label("v")).where(*rest, T.kind == kind)
        walks.append(
            _hinted(_ordered(query, column, descending, cursor, limit), f"ix_finance_txn_kind_{by}")
        )
    return walks


def page_ids(
    f: Filters, text, cursor: Cursor | None, snapshot: int | None, limit: int
) -> list[tuple]:
    """(id, sort value) of the first `limit` rows after the cursor, in the filter's order."""
    column, descending = _order(f.sort)
    if snapshot is not None:
        query = select(T.id, column).where(visible(snapshot), *conditions(f, text))
        return db.session.execute(_ordered(query, column, descending, cursor, limit)).all()
    if not kinds_allowed(f.direction, f.type, f.category):
        return []  # a type and a category that never go together
    kinds = kinds_allowed(f.direction, f.type, f.category)
    where = [T.live.is_(True), T.kind.in_(kinds), *conditions(f, text, kinds=False)]
    index = _few_rows_index(f, text, where)
    if index is not None:
        query = _ordered(select(T.id, column).where(*where), column, descending, cursor, limit)
        return db.session.execute(_hinted(query, index) if index else query).all()
    walks = _walks(f, text, column, descending, cursor, limit)
    if len(walks) == 1:
        return db.session.execute(walks[0]).all()
    merged = union_all(*(select(w.subquery()) for w in walks)).subquery()
    order = (merged.c.v.desc(), merged.c.id.desc()) if descending else (merged.c.v, merged.c.id)
    return db.session.execute(select(merged.c.id, merged.c.v).order_by(*order).limit(limit)).all()
