"""Finance figures for `make bench`: first pages of random filter combinations, the candidate
summary, CSV export speed, and totals rechecked against the rows.

Runs on the configured database, and again on BENCH_POSTGRES_URL when it is set.
"""

import os
import random
import statistics
import time
from urllib.parse import urlencode

from sqlalchemy import case, func, select

PAGES = 300
SUMMARIES = 200
WORDS = ["چاپ", "تبلیغ", "سالن", "بنر", "آرمان", "حزب", "وام", "کرایه", "پیام‌رسان", "دفتر"]
MONTHS = [
    ("1402/09/01", "1402/09/30"), ("1402/10/01", "1402/10/30"), ("1402/11/01", "1402/11/30"),
    ("1402/12/01", "1402/12/29"), ("1402/11/15", "1402/12/10"), ("1402/12/05", "1402/12/11"),
]  # fmt: skip


def _p95(samples: list[float]) -> float:
    return (
        statistics.quantiles(samples, n=100)[94] * 1000 if len(samples) > 1 else samples[0] * 1000
    )


def _ms(timings: list[tuple[float, float]], cpu: bool) -> str:
    """p95, median and max of the wall-clock times, and (SQLite) the p95 of CPU time.

    SQLite runs in this process, so its CPU time is what a request costs even when other
    programs crowd the machine; PostgreSQL works in its own process, so only wall clock counts.
    """
    wall = [w for w, _c in timings]
    median, worst = statistics.median(wall) * 1000, max(wall) * 1000
    text = f"p95 {_p95(wall):.1f} ms (median {median:.1f} ms, max {worst:.0f} ms)"
    return text + (f", CPU time p95 {_p95([c for _w, c in timings]):.1f} ms" if cpu else "")


def _timed(client, url: str) -> tuple[tuple[float, float], int]:
    """((wall, CPU) seconds, status) of one request."""
    wall, cpu = time.perf_counter(), time.process_time()
    status = client.get(url).status_code
    return (time.perf_counter() - wall, time.process_time() - cpu), status


def _ids(db, sql: str) -> list:
    from sqlalchemy import text

    return [row[0] for row in db.session.execute(text(sql))]


def _menu(db) -> dict:
    from webapp.finance.codes import CATEGORIES, TYPES

    return {
        "candidate": _ids(db, "SELECT candidate_id FROM finance_summary"),
        "constituency": _ids(db, "SELECT id FROM constituency"),
        "province": _ids(db, "SELECT id FROM province"),
        "direction": ["in", "out"],
        "type": list(TYPES),
        "category": list(CATEGORIES),
        "q": WORDS,
        "min": ["100000", "1000000", "10 میلیون", "۵۰٬۰۰۰٬۰۰۰"],
        "max": ["500000", "5000000", "100 میلیون"],
    }


def random_query(rng, menu: dict) -> dict:
    """One to three filters as a reader might combine them, an order, sometimes a date range."""
    args = {}
    for name in rng.sample(list(menu), rng.choice((0, 1, 1, 2, 2, 3))):
        args[name] = str(rng.choice(menu[name]))
    if rng.random() < 0.35:
        args["from"], args["to"] = rng.choice(MONTHS)
    if rng.random() < 0.4:
        args["sort"] = rng.choice(["oldest", "largest", "smallest"])
    return args


def _first_pages(app, menu) -> list[tuple[float, float]]:
    client, rng, times = app.test_client(), random.Random(1402), []
    queries = [random_query(rng, menu) for _ in range(PAGES)]
    for args in queries[:20]:
        client.get("/finance/results?" + urlencode(args))  # warm up, as a running server is
    for args in queries:
        timing, status = _timed(client, "/finance/results?" + urlencode(args))
        times.append(timing)
        assert status in (200, 400), (args, status)
    return times


def _summaries(app, menu) -> list[tuple[float, float]]:
    client, rng = app.test_client(), random.Random(7)
    chosen = rng.sample(menu["candidate"], min(SUMMARIES, len(menu["candidate"])))
    for cid in chosen[:10]:
        client.get(f"/finance/candidates/{cid}")
    times = []
    for cid in chosen:
        timing, status = _timed(client, f"/finance/candidates/{cid}")
        assert status == 200, cid
        times.append(timing)
    return times


def _export(app) -> tuple[int, float, float]:
    client = app.test_client()
    start, cpu = time.perf_counter(), time.process_time()
    response = client.get("/finance/export.csv")
    lines = sum(chunk.count(b"\n") for chunk in response.response)
    cut = 1 if response.headers.get("X-Export-Truncated") else 0  # the "stops here" line
    return lines - 1 - cut, time.perf_counter() - start, time.process_time() - cpu


def _recount(db, rng, menu) -> tuple[int, int]:
    """Totals of random filters against a plain SUM over the rows."""
    from webapp.finance.filters import parse_filters
    from webapp.finance.models import FinanceTxn as T
    from webapp.finance.queries import conditions, text_match
    from webapp.finance.totals import totals

    equal = tried = 0
    for _ in range(20):
        f = parse_filters(random_query(rng, menu)).filters
        text = text_match(f.q)
        income = func.sum(case((T.direction == "in", T.amount), else_=0))
        spending = func.sum(case((T.direction == "out", T.amount), else_=0))
        query = select(func.count(), income, spending).where(T.live.is_(True), *conditions(f, text))
        n, money_in, money_out = db.session.execute(query).one()
        got = totals(f, text)
        tried += 1
        equal += (got.count, got.income, got.spending) == (
            n,
            int(money_in or 0),
            int(money_out or 0),
        )
    return equal, tried


def _figures(app, label: str) -> list[str]:
    from webapp.extensions import db
    from webapp.finance.models import FinanceTxn

    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(FinanceTxn))
        if not rows:
            return [f"{label}finance: no rows loaded"]
        menu = _menu(db)
        equal, tried = _recount(db, random.Random(3), menu)
        db.session.remove()
    pages = _first_pages(app, menu)
    summaries = _summaries(app, menu)
    exported, seconds, cpu_seconds = _export(app)
    speed = exported / seconds
    cpu = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    per_cpu = f", {exported / cpu_seconds:,.0f} rows per CPU second" if cpu else ""
    return [
        f"{label}finance rows: {rows}",
        f"{label}finance first page, random filters: {_ms(pages, cpu)}, {len(pages)} combinations",
        f"{label}finance candidate summary page: {_ms(summaries, cpu)}, "
        f"{len(summaries)} candidates",
        f"{label}finance CSV export: {exported} rows in {seconds:.1f} s = {speed:,.0f} rows/s"
        + per_cpu,
        f"{label}finance totals equal a recount of the rows: {equal} of {tried} combinations",
    ]


# Hundreds of requests from one client in a minute: the search rate limit would answer 429.
NO_LIMITS = {"RATELIMIT_ENABLED": False}


def run(create_app) -> list[str]:
    """Finance figures on the configured database, and on BENCH_POSTGRES_URL if set."""
    lines = _figures(create_app(dict(NO_LIMITS)), "")
    url = os.environ.get("BENCH_POSTGRES_URL")
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        app = create_app({**NO_LIMITS, "SQLALCHEMY_DATABASE_URI": url})
        lines += _figures(app, "PostgreSQL ")
    return lines
