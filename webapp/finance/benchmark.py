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


def _ms(samples: list[float]) -> str:
    p95 = statistics.quantiles(samples, n=100)[94] * 1000 if len(samples) > 1 else samples[0] * 1000
    median, worst = statistics.median(samples) * 1000, max(samples) * 1000
    return f"p95 {p95:.1f} ms (median {median:.1f} ms, max {worst:.0f} ms)"


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


def _first_pages(app, menu) -> list[float]:
    client, rng, times = app.test_client(), random.Random(1402), []
    queries = [random_query(rng, menu) for _ in range(PAGES)]
    for args in queries[:20]:
        client.get("/finance/results?" + urlencode(args))  # warm up, as a running server is
    for args in queries:
        start = time.perf_counter()
        response = client.get("/finance/results?" + urlencode(args))
        times.append(time.perf_counter() - start)
        assert response.status_code in (200, 400), (args, response.status_code)
    return times


def _summaries(app, menu) -> list[float]:
    client, rng = app.test_client(), random.Random(7)
    chosen = rng.sample(menu["candidate"], min(SUMMARIES, len(menu["candidate"])))
    for cid in chosen[:10]:
        client.get(f"/finance/candidates/{cid}")
    times = []
    for cid in chosen:
        start = time.perf_counter()
        assert client.get(f"/finance/candidates/{cid}").status_code == 200
        times.append(time.perf_counter() - start)
    return times


def _export(app) -> tuple[int, float]:
    client = app.test_client()
    start = time.perf_counter()
    response = client.get("/finance/export.csv")
    lines = sum(chunk.count(b"\n") for chunk in response.response)
    return lines - 1, time.perf_counter() - start


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
    exported, seconds = _export(app)
    speed = exported / seconds
    return [
        f"{label}finance rows: {rows}",
        f"{label}finance first page, random filters: {_ms(pages)}, {len(pages)} combinations",
        f"{label}finance candidate summary page: {_ms(summaries)}, {len(summaries)} candidates",
        f"{label}finance CSV export: {exported} rows in {seconds:.1f} s = {speed:,.0f} rows/s",
        f"{label}finance totals equal a recount of the rows: {equal} of {tried} combinations",
    ]


def run(create_app) -> list[str]:
    """Finance figures on the configured database, and on BENCH_POSTGRES_URL if set."""
    lines = _figures(create_app(), "")
    url = os.environ.get("BENCH_POSTGRES_URL")
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        lines += _figures(create_app({"SQLALCHEMY_DATABASE_URI": url}), "PostgreSQL ")
    return lines
