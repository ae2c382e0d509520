"""Totals, facets, pages and summaries recomputed from the rows: they must agree exactly."""

import datetime as dt
import random

import pytest
from sqlalchemy import select
from sqlalchemy import text as sql

from webapp.extensions import db
from webapp.finance import planner, queries
from webapp.finance.codes import CATEGORIES, TYPES
from webapp.finance.cubes import cube_differences
from webapp.finance.cursor import Cursor
from webapp.finance.filters import Filters
from webapp.finance.load import vacuum_finance
from webapp.finance.models import FinanceSummary, FinanceTxn
from webapp.finance.rollups import gift_differences
from webapp.finance.summaries import summary_differences
from webapp.finance.totals import totals
from webapp.text.normalize import compact_key

T = FinanceTxn


def _random_filters(rng, places, candidates) -> Filters:
    start = (
        dt.date(2023, 11, 22) + dt.timedelta(days=rng.randrange(130))
        if rng.random() < 0.4
        else None
    )
    end = (
        (start or dt.date(2023, 11, 22)) + dt.timedelta(days=rng.randrange(1, 90))
        if rng.random() < 0.4
        else None
    )
    low = rng.choice([None, None, 10**6, 10**7, 10**8])
    high = rng.choice([None, None, 10**8, 10**9, 10**10])
    if low and high and low > high:
        low, high = high, low
    constituency, province = rng.choice(places) if rng.random() < 0.3 else (None, None)
    return Filters(
        candidate=rng.choice(candidates) if rng.random() < 0.15 else None,
        constituency=constituency if rng.random() < 0.5 else None,
        province=province,
        direction=rng.choice(["", "", "in", "out"]),
        type=rng.choice([""] * 6 + list(TYPES)),
        category=rng.choice([""] * 6 + list(CATEGORIES)),
        start=start,
        end=end,
        low=low,
        high=high,
        q=rng.choice([""] * 6 + ["چاپ", "نمونه", "سالن", "حزب", "۱۲"]),
        sort=rng.choice(["newest", "oldest", "largest", "smallest"]),
    )


def _rows():
    query = select(
        T.id, T.candidate_id, T.constituency_id, T.province_id, T.direction, T.type, T.category,
        T.date, T.amount, T.counterparty_id, T.description_id,
    ).where(T.live.is_(True))  # fmt: skip
    return db.session.execute(query).all()


def _matches(r, f: Filters, text, skip=()) -> bool:
    checks = [
        f.candidate is None or r.candidate_id == f.candidate,
        f.constituency is None or r.constituency_id == f.constituency,
        f.province is None or r.province_id == f.province,
        not f.direction or r.direction == f.direction,
        "type" in skip or not f.type or r.type == f.type,
        "category" in skip or not f.category or r.category == f.category,
        f.start is None or r.date >= f.start,
        f.end is None or r.date <= f.end,
        f.low is None or r.amount >= f.low,
        f.high is None or r.amount <= f.high,
        text is None or r.counterparty_id in text[0] or r.description_id in text[1],
    ]
    return all(checks)


def _text_sets(q: str):
    if not q:
        return None
    from webapp.finance.models import FinanceCounterparty, FinanceDescription

    key = compact_key(q)
    people = {
        i
        for i, k in db.session.execute(
            select(FinanceCounterparty.id, FinanceCounterparty.compact_key)
        )
        if key in k
    }
    texts = {
        i
        for i, k in db.session.execute(
            select(FinanceDescription.id, FinanceDescription.compact_key)
        )
        if key in k
    }
    return people, texts


def test_totals_and_facets_equal_a_recount_of_the_rows(app):
    rng = random.Random(20)
    with app.app_context():
        rows = _rows()
        places = sorted({(r.constituency_id, r.province_id) for r in rows})
        candidates = sorted({r.candidate_id for r in rows})
        for _ in range(60):
            f = _random_filters(rng, places, candidates)
            text = queries.text_match(f.q)
            text_ids = _text_sets(f.q)
            if text is not None and text.capped:  # the first names only, as the page says
                text_ids = (set(text.counterparties), set(text.descriptions))
            got = totals(f, text)
            chosen = [r for r in rows if _matches(r, f, text_ids)]
            assert got.count == len(chosen), f
            assert got.income == sum(r.amount for r in chosen if r.direction == "in"), f
            assert got.spending == sum(r.amount for r in chosen if r.direction == "out"), f
            by_category = [r for r in rows if _matches(r, f, text_ids, skip=("category",))]
            for category in CATEGORIES:
                assert got.categories.get(category, 0) == sum(
                    1 for r in by_category if r.category == category
                ), f
            by_type = [r for r in rows if _matches(r, f, text_ids, skip=("type",))]
            for type_ in TYPES:
                assert got.types.get(type_, 0) == sum(1 for r in by_type if r.type == type_), f


def test_pages_follow_the_order_whatever_plan_reads_them(app):
    rng = random.Random(21)
    with app.app_context():
        rows = _rows()
        places = sorted({(r.constituency_id, r.province_id) for r in rows})
        candidates = sorted({r.candidate_id for r in rows})
        for _ in range(60):
            f = _random_filters(rng, places, candidates)
            text = queries.text_match(f.q)
            text_ids = _text_sets(f.q)
            if text is not None and text.capped:
                text_ids = (set(text.counterparties), set(text.descriptions))
            by = "date" if f.sort in ("newest", "oldest") else "amount"
            chosen = sorted(
                (r for r in rows if _matches(r, f, text_ids)), key=lambda r: (getattr(r, by), r.id)
            )
            if f.sort in ("newest", "largest"):
                chosen.reverse()
            want = [r.id for r in chosen[:45]]
            first = planner.page_ids(f, text, None, None, 21)
            got = [i for i, _v in first]
            if first:
                cursor = Cursor(first[-1][1], first[-1][0], 0)
                got += [i for i, _v in planner.page_ids(f, text, cursor, None, 24)]
            assert got == want, f


def test_stored_summaries_cubes_and_gift_aggregates_equal_the_rows(app):
    with app.app_context():
        assert summary_differences() == []
        assert cube_differences() == []
        assert gift_differences() == []
        for summary in db.session.scalars(select(FinanceSummary).limit(25)):
            rows = db.session.execute(
                select(T.direction, T.amount).where(
                    T.candidate_id == summary.candidate_id, T.live.is_(True)
                )
            ).all()
            assert summary.income == sum(a for d, a in rows if d == "in")
            assert summary.spending == sum(a for d, a in rows if d == "out")
            assert summary.rows == len(rows)


def test_after_a_load_postgresql_can_answer_totals_from_the_indexes(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite reads its covering indexes without a vacuum")
        db.session.commit()
        vacuum_finance()
        visible = db.session.scalar(
            sql("SELECT relallvisible FROM pg_class WHERE relname = 'finance_txn'")
        )
        assert visible > 0, "VACUUM sets the visibility map that index-only scans need"
