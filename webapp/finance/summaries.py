"""Per-candidate figures, precomputed per load batch, and the check that they equal the rows."""

import json
from collections import defaultdict

from sqlalchemy import case, delete, func, literal, select

from webapp.extensions import db
from webapp.finance.codes import CAP_TYPES, KINDS, TYPES
from webapp.finance.ledger import GIFTS_REF
from webapp.finance.models import FinanceCounterparty, FinanceSummary, FinanceTxn
from webapp.finance.rollups import scoped
from webapp.finance.settings import setting

T = FinanceTxn
TOP_COUNTERPARTIES = 5
NAMED_KINDS = ("company", "party", "bank")


def _blank(cid: int, constituency_id: int, batch_id: int) -> dict:
    return {
        "candidate_id": cid,
        "constituency_id": constituency_id,
        "batch_id": batch_id,
        "rows": 0,
        "income": 0,
        "spending": 0,
        "cap_spending": 0,
        "small_gifts": 0,
        "small_gifts_total": 0,
        "mismatches": 0,
        "report_only_spending": 0,
        "report_only_total": 0,
        "bank_only": 0,
        "late_reports": 0,
        "by_category": defaultdict(lambda: [0, 0]),
        "by_month": defaultdict(lambda: [0, 0]),
        "top_counterparties": [],
    }


def _add_live(out: dict, ids, batch_id: int) -> None:
    """Income, spending, cap spending, by category and by month from the live rows."""
    columns = (T.candidate_id, T.constituency_id, T.kind, T.month)
    query = select(*columns, func.count(), func.sum(T.amount)).where(T.live.is_(True))
    for q in scoped(query.group_by(*columns), T.candidate_id, ids):
        for cid, con, kind, month, n, total in db.session.execute(q):
            type_, category = KINDS[kind]
            direction = TYPES[type_]
            s = out.setdefault(cid, _blank(cid, con, batch_id))
            total = int(total)
            s["rows"] += n
            s["income" if direction == "in" else "spending"] += total
            s["by_month"][month][0 if direction == "in" else 1] += total
            if type_ in CAP_TYPES:
                s["cap_spending"] += total
            if category:
                s["by_category"][category][0] += n
                s["by_category"][category][1] += total


def late_condition():
    """Current self-reports filed more than FINANCE_LATE_DAYS after the transaction."""
    days = setting("FINANCE_LATE_DAYS")
    if db.engine.dialect.name == "sqlite":
        gap = func.julianday(T.reported_on) - func.julianday(T.date)
    else:
        gap = T.reported_on - T.date
    return T.reported_on.is_not(None) & (gap > literal(days))


def _add_flags(out: dict, ids) -> None:
    """Small gifts, mismatches, spending with no bank row, unreported bank rows, late reports."""
    current = T.ended_batch_id.is_(None) & ~T.bank_ref.like(GIFTS_REF + "%")
    is_late = case((late_condition(), 1), else_=0)
    columns = (T.candidate_id, T.listed, T.direction, T.reconciliation)
    query = (
        select(*columns, func.count(), func.sum(T.amount), func.sum(is_late))
        .where(current)
        .group_by(*columns)
    )
    for q in scoped(query, T.candidate_id, ids):
        for cid, listed, direction, state, n, total, late in db.session.execute(q):
            s = out.get(cid)
            if s is None:
                continue
            if not listed:
                s["small_gifts"] += n
                s["small_gifts_total"] += int(total)
            if state == "mismatch":
                s["mismatches"] += n
            elif state == "bank_only":
                s["bank_only"] += n
            elif state == "report_only" and direction == "out":
                s["report_only_spending"] += n
                s["report_only_total"] += int(total)
            s["late_reports"] += int(late or 0)


def _add_counterparties(out: dict, ids) -> None:
    """The largest named payers and payees that are not individuals."""
    C = FinanceCounterparty
    query = (
        select(T.candidate_id, C.id, C.kind, C.name, func.count(), func.sum(T.amount))
        .join(C, C.id == T.counterparty_id)
        .where(T.live.is_(True), T.counterparty_kind.in_(NAMED_KINDS))
        .group_by(T.candidate_id, C.id, C.kind, C.name)
    )
    found = defaultdict(list)
    for q in scoped(query, T.candidate_id, ids):
        for cid, pid, kind, name, n, total in db.session.execute(q):
            found[cid].append([int(total), n, pid, kind, name])
    for cid, items in found.items():
        if cid in out:
            items.sort(key=lambda item: (-item[0], item[2]))
            out[cid]["top_counterparties"] = items[:TOP_COUNTERPARTIES]


def _serialise(s: dict) -> dict:
    s = dict(s)
    s["by_category"] = json.dumps(dict(sorted(s["by_category"].items())))
    s["by_month"] = json.dumps({str(k): v for k, v in sorted(s["by_month"].items())})
    s["top_counterparties"] = json.dumps(s["top_counterparties"], ensure_ascii=False)
    return s


def rebuild_summaries(batch_id: int, candidate_ids=None) -> int:
    """Recompute the summaries of some candidates (None: all); returns how many were written."""
    out: dict[int, dict] = {}
    _add_live(out, candidate_ids, batch_id)
    _add_flags(out, candidate_ids)
    _add_counterparties(out, candidate_ids)
    for q in scoped(delete(FinanceSummary), FinanceSummary.candidate_id, candidate_ids):
        db.session.execute(q)
    rows = [_serialise(s) for _cid, s in sorted(out.items())]
    for start in range(0, len(rows), 2000):
        db.session.execute(FinanceSummary.__table__.insert(), rows[start : start + 2000])
    return len(rows)


def summary_differences(candidate_ids=None) -> list[int]:
    """Candidates whose stored summary differs from the sum of their live rows."""
    income = func.sum(case((T.direction == "in", T.amount), else_=0))
    spending = func.sum(case((T.direction == "out", T.amount), else_=0))
    query = (
        select(T.candidate_id, func.count(), income, spending)
        .where(T.live.is_(True))
        .group_by(T.candidate_id)
    )
    actual = {}
    for q in scoped(query, T.candidate_id, candidate_ids):
        actual.update({cid: (n, int(i), int(s)) for cid, n, i, s in db.session.execute(q)})
    S = FinanceSummary
    stored_query = select(S.candidate_id, S.rows, S.income, S.spending)
    stored = {}
    for q in scoped(stored_query, S.candidate_id, candidate_ids):
        stored.update({cid: (n, int(i), int(s)) for cid, n, i, s in db.session.execute(q)})
    return sorted(
        cid for cid in actual.keys() | stored.keys() if actual.get(cid) != stored.get(cid)
    )
