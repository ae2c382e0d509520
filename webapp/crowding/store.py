"""Where reports and rate-limit state live: the database, or Redis when REDIS_URL is set.

Both stores answer the same questions (recent reports of some stations, a station's reports
between two instants, may this key act now?), so every app server sharing one store agrees.
"""

import datetime as dt

from flask import current_app
from sqlalchemy import Float, bindparam, case, delete, insert, select, text, update

from webapp.crowding.clock import as_utc
from webapp.crowding.levels import FADE, Report
from webapp.crowding.models import QueueRate, QueueReport
from webapp.crowding.ratelimit import Limit, retry_after
from webapp.extensions import db

_STORE_KEY = "crowding_store"
IN_CHUNK = 900


_RATE = QueueRate.__table__
_NOW = bindparam("now", type_=Float)
# Statements built once: the ingest path then skips building and cache-key work per report.
_ADD = insert(QueueReport.__table__)
_TAKE = (
    update(_RATE)
    .where(_RATE.c.key == bindparam("k"), _RATE.c.tat - _NOW <= bindparam("tol"))
    .values(tat=case((_RATE.c.tat > _NOW, _RATE.c.tat), else_=_NOW) + bindparam("interval"))
)


# The same words on SQLite (3.24+) and PostgreSQL; as text it is compiled once, where the
# dialects' on_conflict_do_nothing() constructs would be compiled again for every report.
_FIRST_HIT = text(
    'INSERT INTO queue_rate ("key", tat) VALUES (:k, :now + :interval) '
    'ON CONFLICT ("key") DO NOTHING'
)


class StoreUnavailable(Exception):
    """The shared store cannot be reached; pages still work and say reporting is unavailable."""


def get_store():
    """This app's store, made on first use."""
    store = current_app.extensions.get(_STORE_KEY)
    if store is None:
        url = current_app.config.get("REDIS_URL")
        if url:
            from webapp.crowding.redis_store import RedisStore

            prefix = current_app.config.get("REDIS_PREFIX", "raynama:")
            store = RedisStore(url, prefix)
        else:
            store = DatabaseStore()
        current_app.extensions[_STORE_KEY] = store
    return store


_RECENT = select(
    QueueReport.station_id,
    QueueReport.reported_at,
    QueueReport.level,
    QueueReport.source,
    QueueReport.people,
).where(
    QueueReport.station_id.in_(bindparam("ids", expanding=True)),
    QueueReport.reported_at > bindparam("since", type_=QueueReport.reported_at.type),
    QueueReport.reported_at <= bindparam("until", type_=QueueReport.reported_at.type),
)


def _row(at, level, source, people) -> Report:
    return Report(
        at.replace(tzinfo=dt.UTC) if at.tzinfo is None else as_utc(at), level, source, people
    )


class DatabaseStore:
    """Reports in `queue_report`, limits in `queue_rate`."""

    kind = "database"

    def add(self, station_id: int, report: Report) -> None:
        """Store one report and commit (with any limit hits taken before it)."""
        db.session.execute(
            _ADD,
            {
                "station_id": station_id,
                "reported_at": report.at,
                "level": report.level,
                "source": report.source,
                "people": report.people,
                "simulated": False,
            },
        )
        db.session.commit()

    def add_many(self, rows: list[tuple[int, Report]], simulated: bool = True) -> None:
        """Store many reports in batches (the simulation); the caller commits."""
        values = [
            {
                "station_id": sid,
                "reported_at": r.at,
                "level": r.level,
                "source": r.source,
                "people": r.people,
                "simulated": simulated,
            }
            for sid, r in rows
        ]
        table = QueueReport.__table__  # Core: one executemany per batch, NULLs included
        for start in range(0, len(values), 5000):
            db.session.execute(insert(table), values[start : start + 5000])

    def clear(self, station_ids: list[int], start: dt.datetime, end: dt.datetime) -> None:
        """Forget simulated reports between two instants (the caller commits)."""
        db.session.execute(
            delete(QueueReport).where(
                QueueReport.simulated.is_(True),
                QueueReport.reported_at >= start,
                QueueReport.reported_at < end,
            )
        )

    def discard(self) -> None:
        """Drop limit hits of a request that stored nothing."""
        db.session.rollback()

    def recent(self, station_ids: list[int], now: dt.datetime) -> dict[int, list[Report]]:
        """Reports of the last 45 minutes (up to now) by station."""
        found: dict[int, list[Report]] = {}
        ids = sorted(set(station_ids))
        for start in range(0, len(ids), IN_CHUNK):
            params = {"ids": ids[start : start + IN_CHUNK], "since": now - FADE, "until": now}
            for sid, *rest in db.session.execute(_RECENT, params):
                found.setdefault(sid, []).append(_row(*rest))
        return found

    def between(self, station_id: int, start: dt.datetime, end: dt.datetime) -> list[Report]:
        """One station's reports from `start` up to `end`, oldest first."""
        rows = db.session.execute(
            select(
                QueueReport.reported_at, QueueReport.level, QueueReport.source, QueueReport.people
            )
            .where(
                QueueReport.station_id == station_id,
                QueueReport.reported_at >= start,
                QueueReport.reported_at <= end,
            )
            .order_by(QueueReport.reported_at)
        )
        return [_row(*row) for row in rows]

    def hit(self, key: str, limit: Limit, now: float) -> tuple[bool, int]:
        """(allowed, seconds to wait) for one hit on `key`; an allowed hit is recorded."""
        params = {"k": key, "now": now, "interval": limit.interval, "tol": limit.tolerance}
        if db.session.execute(_TAKE, params).rowcount:
            return True, 0
        if db.session.execute(_FIRST_HIT, params).rowcount:
            return True, 0
        tat = db.session.scalar(select(_RATE.c.tat).where(_RATE.c.key == key))
        return False, retry_after(tat, now, limit)

    def ping(self) -> bool:
        """The database store is as available as the pages themselves."""
        return True
