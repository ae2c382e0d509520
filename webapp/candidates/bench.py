"""Candidate benchmarks for `make bench`: list query p95 and the size of Tehran's list page.

Runs on the configured database (`python -m webapp.candidates.bench`); budgets: list query
p95 ≤ 20 ms, first HTML of the longest list ≤ 14 KB gzip, a list fragment ≤ 5 KB gzip.
"""

import gzip
import random
import statistics
import sys
import time

from sqlalchemy import func, select

QUERY_BUDGET_MS = 20
PAGE_BUDGET = 14 * 1024
FRAGMENT_BUDGET = 5 * 1024
SEARCHES = ("محمد", "علی", "زاده", "نیا", "پور", "1010", "سید")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[94] * 1000


def _probes(rng: random.Random, counts: list[tuple[int, int]]) -> list[tuple]:
    """(constituency, page, status, q) calls like the ones people make."""
    from webapp.candidates.queries import PER_PAGE

    probes = []
    for _ in range(400):
        cid, total = rng.choice(counts)
        pages = max(1, -(-total // PER_PAGE))
        roll = rng.random()
        if roll < 0.6:
            probes.append((cid, rng.randint(1, pages), "", ""))
        elif roll < 0.8:
            probes.append((cid, 1, rng.choice(("approved", "disqualified", "withdrawn")), ""))
        else:
            probes.append((cid, 1, "", rng.choice(SEARCHES)))
    return probes


def bench_queries(app) -> list[str]:
    """p95 of the candidate list query over random constituencies, pages, filters, searches."""
    from webapp.candidates.models import Candidate
    from webapp.candidates.queries import list_page
    from webapp.extensions import db

    rng = random.Random(4)
    with app.app_context():
        counts = db.session.execute(
            select(Candidate.constituency_id, func.count()).group_by(Candidate.constituency_id)
        ).all()
        if not counts:
            return ["candidates: none in the database (run `flask data sample-candidates`)"]
        probes = _probes(rng, counts)
        for probe in probes[:20]:
            list_page(*probe)
        samples, cpu = [], []
        for probe in probes:
            start, start_cpu = time.perf_counter(), time.process_time()
            list_page(*probe)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        total = sum(n for _cid, n in counts)
        db.session.remove()
    p95 = _p95(samples)
    verdict = "ok" if p95 <= QUERY_BUDGET_MS else f"OVER the {QUERY_BUDGET_MS} ms budget"
    return [
        f"candidates in database: {total}",
        f"candidate list query p95: {p95:.2f} ms (median "
        f"{statistics.median(samples) * 1000:.2f} ms, {len(samples)} calls) — {verdict}",
        # SQLite runs in this process, so CPU time is the cost without other load on the machine.
        f"candidate list query CPU-time p95: {_p95(cpu):.2f} ms",
    ]


def bench_bytes(app) -> list[str]:
    """gzip sizes of the longest candidate list (first page, a fragment) and a candidate page."""
    from webapp.candidates.models import Candidate
    from webapp.extensions import db

    with app.app_context():
        row = db.session.execute(
            select(Candidate.constituency_id, func.count())
            .group_by(Candidate.constituency_id)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
        first_id = db.session.scalar(select(Candidate.id).order_by(Candidate.id))
        db.session.remove()
    if row is None:
        return []
    cid, total = row
    client = app.test_client()
    lines = []
    for url, budget in (
        (f"/constituencies/{cid}/candidates", PAGE_BUDGET),
        (f"/constituencies/{cid}/candidates/list?page=2", FRAGMENT_BUDGET),
        (f"/candidates/{first_id}", PAGE_BUDGET),
    ):
        body = client.get(url).get_data()
        size = len(gzip.compress(body))
        verdict = "ok" if size <= budget else f"OVER {budget} B"
        lines.append(f"{url} ({total} candidates): {len(body)} B raw, {size} B gzip — {verdict}")
    return lines


def main() -> int:
    """Print the candidate figures."""
    from webapp import create_app

    app = create_app()
    print("\n".join(bench_queries(app) + bench_bytes(app)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
