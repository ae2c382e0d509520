"""Benchmarks on the full sample data (`make bench`): query speed, page bytes, restart time.

Runs against the configured database (by default instance/raynama.db, filled by `make run`).
"""

import gzip
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = [
    "تبریز",
    "تبريز",
    "کرج",
    "اصفهان",
    "مشهد",
    "شیراز",
    "رشت",
    "خرم آباد",
    "خرم‌آباد",
    "اسلامشهر",
    "ساری",
    "زاهدان",
    "بندرعباس",
    "Tabriz",
    "Karaj",
    "tehran",
    "قم",
    "یزد",
    "کرمانشاه",
    "اهواز",
    "۰۱۲",
    "0412",
    "سنندج",
    "اردبیل",
    "بوشهر",
    "گلپایگان",
]


def p95(samples: list[float]) -> float:
    """95th percentile in milliseconds."""
    return statistics.quantiles(samples, n=100)[94] * 1000


def timed(function, *args) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def bench_queries(app) -> list[str]:
    """Nearest-10 and place/station search p95 in process."""
    from sqlalchemy import func, select

    from webapp.extensions import db
    from webapp.stations.models import Station
    from webapp.stations.queries import nearest_stations

    rng = random.Random(1)
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Station))
        points = db.session.execute(select(Station.lat, Station.lon)).all()
        probes = [
            (lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05))
            for lat, lon in rng.sample(points, 400)
        ]
        for lat, lon in probes[:20]:
            nearest_stations(lat, lon)
        near = [timed(nearest_stations, lat, lon) for lat, lon in probes]
        db.session.remove()
    return [
        f"stations in database: {total}",
        f"nearest-10 p95: {p95(near):.2f} ms (median {statistics.median(near) * 1000:.2f} ms, "
        f"{len(near)} random points)",
    ]


# Spelling variants, misspellings, Latin input, station names, broad words, codes and junk.
SEARCH_EXTRA = [
    "تبرز",
    "اصفحان",
    "کلپایکان",
    "Khorramabad",
    "Eslamshahr",
    "Sari",
    "Isfahan",
    "دبستان شهید رجایی",
    "رجایی تبریز",
    "مسجد امام",
    "شهید",
    "شعبه",
    "ق",
    "تب",
    "00470051",
    "۰۰۴۷۰۰۵۱",
    "' OR 1=1 --",
    "NEAR(تبریز*)",
    "🙂",
    "ب" * 200,
]
# What the suggestion box asks for while names are typed letter by letter.
TYPED = ["تبریز", "خرم آباد", "اسلامشهر", "کرمانشاه", "Tabriz", "Karaj", "0047"]


def _found(function, query: str) -> tuple[float, float]:
    """Run a search and mark the matched letters of every hit, as a page does.

    Returns (wall, CPU) seconds. With SQLite the database works inside this process, so CPU
    time is what the search costs even when other programs crowd the machine.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    for hit in function(query).hits:
        _marked = hit.marked
    return time.perf_counter() - wall, time.process_time() - cpu


def _figures(name: str, samples: list[tuple[float, float]], label: str) -> str:
    """One line: wall-clock p95 and median, and CPU-time p95 (meaningful for SQLite)."""
    wall = [w for w, _c in samples]
    cpu = [c for _w, c in samples]
    line = (
        f"{label}{name} p95: {p95(wall):.2f} ms wall clock (median "
        f"{statistics.median(wall) * 1000:.2f} ms, max {max(wall) * 1000:.1f} ms, "
        f"{len(samples)} runs)"
    )
    return line + ("" if label else f", {p95(cpu):.2f} ms of CPU time")


def bench_search(app, label: str = "") -> list[str]:
    """Search (results page) and suggestion p95 in process, and suggestion fragment sizes."""
    from webapp.extensions import db
    from webapp.search import search, suggest
    from webapp.search.models import SearchEntry

    queries = SEARCHES + SEARCH_EXTRA
    prefixes = [word[:n] for word in TYPED for n in range(1, len(word) + 1)]
    with app.app_context():
        entries = db.session.query(SearchEntry).count()
        for q in queries:
            search(q)  # warm the caches once, as a running server has them
        results = [_found(search, q) for _round in range(5) for q in queries]
        suggestions = [_found(suggest, q) for _round in range(5) for q in prefixes]
        db.session.remove()
    client = app.test_client()
    bodies = [client.get("/search/suggest", query_string={"q": q}).get_data() for q in prefixes]
    return [
        f"{label}search index entries: {entries}",
        _figures("search", results, label),
        _figures("suggest", suggestions, label),
        f"{label}suggestion fragment: max {max(map(len, bodies))} B raw, "
        f"{max(len(gzip.compress(body)) for body in bodies)} B gzip",
    ]


def bench_bytes(app) -> list[str]:
    """First HTML response sizes, gzip-compressed, of key pages."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        station = db.session.scalars(select(Station).order_by(Station.code)).first()
        code, cid = station.code, station.constituency_id
        tehran = db.session.execute(
            select(Station.constituency_id)
            .group_by(Station.constituency_id)
            .order_by(db.func.count().desc())
            .limit(1)
        ).scalar()
    client = app.test_client()
    out = []
    for url in [
        "/",
        f"/constituencies/{cid}",
        f"/constituencies/{tehran}",
        f"/stations/{code}",
        "/stations?q=تبریز",
        "/constituencies",
        "/en/",
    ]:
        body = client.get(url).get_data()
        out.append(f"{url}: {len(body)} B raw, {len(gzip.compress(body))} B gzip")
    return out


def bench_restart() -> list[str]:
    """Time from a second `make run` to the first answer of /healthz."""
    port = "5099"
    start = time.perf_counter()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        elapsed = time.perf_counter() - start
    finally:
        subprocess.run(["pkill", "-f", f"127.0.0.1:{port}"], check=False)
        process.wait(timeout=10)
    return [f"second `make run` serving after {elapsed:.1f} s"]


def main() -> int:
    """Run every benchmark and print the figures."""
    from webapp import create_app

    app = create_app()
    lines = bench_queries(app) + bench_search(app) + bench_bytes(app)
    if os.environ.get("BENCH_POSTGRES_URL"):
        # The same figures on a PostgreSQL copy of the data (flask db upgrade + data ensure).
        url = os.environ["BENCH_POSTGRES_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
        lines += bench_search(create_app({"SQLALCHEMY_DATABASE_URI": url}), "PostgreSQL ")
    from webapp.crowding import benchmark as queue_benchmark

    lines += queue_benchmark.run(create_app, app.config["SQLALCHEMY_DATABASE_URI"])
    from webapp.finance import benchmark as finance_benchmark

    lines += finance_benchmark.run(create_app)
    if os.environ.get("BENCH_SKIP_RESTART") != "1":
        lines += bench_restart()
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
