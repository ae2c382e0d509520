"""What a load batch recomputes: the monthly aggregate rows of small gifts, and shared helpers.

Everything here is derived from the transaction rows and can be rebuilt from them at any time;
the cubes are in cubes.py, candidate summaries in summaries.py.
"""

from collections import defaultdict

from sqlalchemy import func, select, update

from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.finance.codes import RECONCILIATION_RANK, kind_code
from webapp.finance.ledger import GIFTS_REF, public_id
from webapp.finance.models import FinanceTxn

CHUNK = 900


def chunked(ids):
    """Sorted chunks of ids small enough for an IN list on every database."""
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def scoped(query, column, ids):
    """One query per chunk of ids (or the query alone when ids is None)."""
    if ids is None:
        return [query]
    return [query.where(column.in_(chunk)) for chunk in chunked(ids)]


def candidate_places(candidate_ids) -> dict[int, tuple[int, int | None]]:
    """candidate id → (constituency id, province id)."""
    query = select(Candidate.id, Candidate.constituency_id, Constituency.province_id).join(
        Constituency, Constituency.id == Candidate.constituency_id
    )
    places = {}
    for q in scoped(query, Candidate.id, candidate_ids):
        places.update({cid: (con, prov) for cid, con, prov in db.session.execute(q)})
    return places


def _gift_groups(candidate_ids) -> dict[tuple[int, int], dict]:
    """(candidate, month) → count, sum, last date, sources and worst state of current gifts."""
    T = FinanceTxn
    query = (
        select(
            T.candidate_id,
            T.month,
            T.source,
            T.reconciliation,
            func.count(),
            func.sum(T.amount),
            func.max(T.date),
        )  # fmt: skip
        .where(T.listed.is_(False), T.ended_batch_id.is_(None))
        .group_by(T.candidate_id, T.month, T.source, T.reconciliation)
    )
    groups = {}
    for q in scoped(query, T.candidate_id, candidate_ids):
        for cid, month, source, state, n, total, last in db.session.execute(q):
            g = groups.setdefault(
                (cid, month), {"n": 0, "total": 0, "date": last, "sources": set(), "state": state}
            )
            g["n"] += n
            g["total"] += int(total)
            g["date"] = max(g["date"], last)
            g["sources"].add(source)
            if RECONCILIATION_RANK[state] < RECONCILIATION_RANK[g["state"]]:
                g["state"] = state
    return groups


def _current_aggregates(candidate_ids) -> dict[tuple[int, int], FinanceTxn]:
    T = FinanceTxn
    query = select(T).where(T.bank_ref.like(GIFTS_REF + "%"), T.ended_batch_id.is_(None))
    rows = {}
    for q in scoped(query, T.candidate_id, candidate_ids):
        rows.update({(r.candidate_id, r.month): r for r in db.session.scalars(q)})
    return rows


def _aggregate_row(key, group, places, batch_id, old) -> dict:
    cid, month = key
    version = old.version + 1 if old else 1
    ref = f"{GIFTS_REF}{month}"
    sources = group["sources"]
    return {
        "public_id": public_id(cid, ref, version),
        "batch_id": batch_id,
        "live": True,
        "listed": True,
        "candidate_id": cid,
        "constituency_id": places[cid][0],
        "province_id": places[cid][1],
        "direction": "in",
        "type": "contribution",
        "category": None,
        "kind": kind_code("contribution", None),
        "amount": group["total"],
        "date": group["date"],
        "month": month,
        "counterparty_kind": "individual",
        "gift_count": group["n"],
        "bank_ref": ref,
        "source": sources.pop() if len(sources) == 1 else "both",
        "reconciliation": group["state"],
        "version": version,
        "supersedes_id": old.id if old else None,
    }


def _unchanged(old: FinanceTxn, new: dict) -> bool:
    fields = ("amount", "gift_count", "date", "source", "reconciliation")
    return all(getattr(old, f) == new[f] for f in fields)


def end_rows(ids: list[int], batch_id: int) -> None:
    """Mark rows as superseded by this batch: no longer current or live."""
    for chunk in chunked(ids):
        db.session.execute(
            update(FinanceTxn)
            .where(FinanceTxn.id.in_(chunk))
            .values(ended_batch_id=batch_id, live=False)
        )


def refresh_gift_aggregates(batch_id: int, candidate_ids=None) -> int:
    """Rebuild the one-row-per-month aggregates of small gifts; returns how many changed."""
    groups = _gift_groups(candidate_ids)
    current = _current_aggregates(candidate_ids)
    places = candidate_places({cid for cid, _m in groups})
    new_rows, ended = [], []
    for key, group in groups.items():
        old = current.get(key)
        row = _aggregate_row(key, group, places, batch_id, old)
        if old is not None and _unchanged(old, row):
            continue
        new_rows.append(row)
        if old is not None:
            ended.append(old.id)
    ended += [row.id for key, row in current.items() if key not in groups]
    end_rows(ended, batch_id)
    for start in range(0, len(new_rows), 2000):
        db.session.execute(FinanceTxn.__table__.insert(), new_rows[start : start + 2000])
    return len(new_rows) + len(ended)


def gift_differences(candidate_ids=None) -> list[int]:
    """Candidates whose aggregate rows do not add up to their current small gifts."""
    T = FinanceTxn
    sums = defaultdict(lambda: [0, 0, 0, 0])
    shown = select(T.candidate_id, func.sum(T.gift_count), func.sum(T.amount)).where(
        T.live.is_(True), T.bank_ref.like(GIFTS_REF + "%")
    )
    hidden = select(T.candidate_id, func.count(), func.sum(T.amount)).where(
        T.listed.is_(False), T.ended_batch_id.is_(None)
    )
    for offset, query in ((0, shown), (2, hidden)):
        for q in scoped(query.group_by(T.candidate_id), T.candidate_id, candidate_ids):
            for cid, n, total in db.session.execute(q):
                sums[cid][offset : offset + 2] = [int(n), int(total)]
    return sorted(cid for cid, (a, b, c, d) in sums.items() if (a, b) != (c, d))
