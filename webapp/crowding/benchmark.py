"""Figures for `make bench`: report ingest (database and Redis), least crowded near me, fragment.

Runs on a throw-away copy of the SQLite database, so the benchmark never leaves reports or
tokens behind; the Redis run uses a key prefix of its own and deletes it.
"""

import datetime as dt
import gzip
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from webapp.crowding.clock import TestClock
from webapp.crowding.levels import Report

MORNING = "2024-03-01T11:30+03:30"
INGEST_STATIONS = 3000


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[94] * 1000


def _tokens(app) -> list[tuple[str, str]]:
    from webapp.crowding import tokens
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        stations = db.session.scalars(
            select(Station)
            .filter_by(published=True, is_mobile=False)
            .order_by(Station.id)
            .limit(INGEST_STATIONS)
        ).all()
        issued, _kept = tokens.issue(stations, rotate=True, now=dt.datetime.now(dt.UTC))
        db.session.remove()
    return [(i.code, i.token) for i in issued]


def _ingest(app, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Reports per second through the JSON API, one process, one thread: (wall, CPU time).

    The CPU-time rate is what one core of its own would do; on a shared, busy machine the
    wall-clock rate also counts the time other processes held the CPU.
    """
    client = app.test_client()
    levels = ("none", "short", "medium", "long", "very_long")
    start, cpu = time.perf_counter(), time.process_time()
    for n, (code, token) in enumerate(pairs):
        response = client.post(
            f"/api/stations/{code}/queue",
            json={"level": levels[n % 5], "people": n % 90},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 201, response.get_data(as_text=True)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    return len(pairs) / wall, len(pairs) / used


def _fill_levels(app, clock) -> None:
    """One staff report ten minutes old at every station, as on a busy polling day."""
    from webapp.crowding.store import get_store
    from webapp.extensions import db
    from webapp.stations.models import Station

    rng = random.Random(5)
    with app.app_context():
        ids = db.session.scalars(select(Station.id)).all()
        at = clock() - dt.timedelta(minutes=10)
        get_store().add_many([(sid, Report(at, rng.randrange(5), "staff")) for sid in ids])
        db.session.commit()


def _near(app) -> list[float]:
    from webapp.crowding.queries import least_crowded_near
    from webapp.extensions import db
    from webapp.stations.models import Station

    rng = random.Random(1)
    with app.app_context():
        points = db.session.execute(select(Station.lat, Station.lon)).all()
        probes = [
            (lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05))
            for lat, lon in rng.sample(points, 400)
        ]
        timings, cpu = [], []
        for lat, lon in probes:
            start, used = time.perf_counter(), time.process_time()
            least_crowded_near(lat, lon)
            timings.append(time.perf_counter() - start)
            cpu.append(time.process_time() - used)
            db.session.remove()
    return timings[20:], cpu[20:]


def _fragment(app, code: str) -> str:
    client = app.test_client()
    url = f"/stations/{code}/queue"
    first = client.get(url)
    body = first.get_data()
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code
    return (
        f"status fragment: {len(body)} B raw, {len(gzip.compress(body))} B gzip; "
        f"unchanged poll answers {again}"
    )


def run(create_app, database_uri: str, redis_url: str = "redis://127.0.0.1:6379/0") -> list[str]:
    """Every queue figure, as lines for the benchmark report."""
    url = make_url(database_uri)
    if url.get_backend_name() != "sqlite":
        return ["queue levels: benchmark runs on the SQLite database only"]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "bench.db"
        shutil.copy(url.database, copy)
        clock = TestClock(MORNING)
        settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{copy}", "CLOCK_OVERRIDE": clock}
        app = create_app(settings)
        pairs = _tokens(app)
        wall, cpu = _ingest(app, pairs)
        lines = [
            f"report ingest, SQLite: {wall:.0f} reports/s wall clock, {cpu:.0f}/s of CPU time "
            f"({len(pairs)} API posts, one process)"
        ]
        lines.append(_redis_ingest(create_app, settings, clock, pairs, redis_url))
        clock.advance(minutes=2)
        _fill_levels(app, clock)
        near, cpu = _near(app)
        lines.append(
            f"least crowded near me p95: {_p95(near):.2f} ms wall clock, {_p95(cpu):.2f} ms "
            f"of CPU time (median {statistics.median(near) * 1000:.2f} ms, {len(near)} points, "
            "every station with a report)"
        )
        lines.append(_fragment(app, pairs[0][0]))
        _dispose(app)
    return lines


def _redis_ingest(create_app, settings, clock, pairs, redis_url: str) -> str:
    import redis

    prefix = f"raynama-bench:{uuid.uuid4().hex[:8]}:"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        return f"report ingest, Redis: skipped ({exc})"
    app = create_app({**settings, "REDIS_URL": redis_url, "REDIS_PREFIX": prefix})
    clock.advance(seconds=61)
    try:
        wall, cpu = _ingest(app, pairs)
    finally:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=prefix + "*", count=1000))
        if keys:
            client.delete(*keys)
        _dispose(app)
    return (
        f"report ingest, Redis: {wall:.0f} reports/s wall clock, {cpu:.0f}/s of CPU time "
        "(tokens still checked in SQLite)"
    )


def _dispose(app) -> None:
    from webapp.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()
