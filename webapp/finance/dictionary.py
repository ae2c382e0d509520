"""Counterparty names and descriptions, stored once each with their search keys.

Transactions point at them by id, so text search scans these small tables (tens of thousands
of names) instead of a million transaction rows, and then uses the indexed ids.
"""

from sqlalchemy import select, tuple_

from webapp.extensions import db
from webapp.finance.models import FinanceCounterparty, FinanceDescription
from webapp.text.normalize import compact_key, search_key

CHUNK = 500
BULK = 5000  # above this many names, read the whole table instead of looking each up


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def counterparty_ids(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Ids of (kind, name) counterparties (names already clean), creating the missing ones."""
    wanted = {(kind, name) for kind, name in pairs if name}
    ids = {}
    if len(wanted) > BULK:
        everything = select(
            FinanceCounterparty.kind, FinanceCounterparty.name, FinanceCounterparty.id
        )
        ids = {(k, n): i for k, n, i in db.session.execute(everything) if (k, n) in wanted}
        wanted_chunks = []
    else:
        wanted_chunks = _chunks(sorted(wanted))
    for chunk in wanted_chunks:
        query = select(
            FinanceCounterparty.kind, FinanceCounterparty.name, FinanceCounterparty.id
        ).where(tuple_(FinanceCounterparty.kind, FinanceCounterparty.name).in_(chunk))
        ids.update({(k, n): i for k, n, i in db.session.execute(query)})
    missing = [
        {
            "kind": k,
            "name": n,
            "search_key": search_key(n)[:240],
            "compact_key": compact_key(n)[:240],
        }
        for k, n in sorted(wanted - ids.keys())
    ]
    for chunk in _chunks(missing, 2000):
        db.session.execute(FinanceCounterparty.__table__.insert(), chunk)
    if missing:
        return counterparty_ids(pairs)
    return ids


def description_ids(texts: set[str]) -> dict[str, int]:
    """Ids of descriptions (already clean), creating the missing ones."""
    wanted = {t for t in texts if t}
    ids = {}
    for chunk in _chunks(sorted(wanted)):
        query = select(FinanceDescription.text, FinanceDescription.id).where(
            FinanceDescription.text.in_(chunk)
        )
        ids.update(dict(db.session.execute(query).all()))
    missing = [
        {"text": t, "compact_key": compact_key(t)[:300]} for t in sorted(wanted - ids.keys())
    ]
    for chunk in _chunks(missing, 2000):
        db.session.execute(FinanceDescription.__table__.insert(), chunk)
    if missing:
        return description_ids(texts)
    return ids
