"""SQLite and PostgreSQL give the same results: each is held to one reference written in Python.

The reference applies the documented rules entry by entry over the whole index (no FTS5, no
pg_trgm), so a backend passing it agrees with the other. Also: PostgreSQL refuses to start
(and to migrate) where pg_trgm cannot see Persian letters.
"""

import os
import uuid

import pytest
from sqlalchemy import create_engine, select, text

from webapp.text.match import SIMILARITY_THRESHOLD, similarity

QUERIES = [
    "تبریز",
    "تبريز",
    "خرم آباد",
    "آباد",
    "شهید",
    "شعبه",
    "مسجد امام",
    "دبستان شهید",
    "ب",
    "قم",
    "ری",
    "Tabriz",
    "tehran",
    "Sari",
    "Khorramabad",
    "Ferdowsi",
    "Karizinejad",
    "Rajaei",
    "Fardis",
    "سیار",
    "Nishapur",
    "abad",
    "Sh",
    "تبرز",
    "اصفحان",
    "کلپایکان",
    "عبداله",
    "Tabrix",
    "0001",
    "۰۰۰۱",
    "zzz",
]


def _reference_tier(entry, plan) -> int | None:
    """The best sure tier of one entry, by the rules the engine documents."""
    c, found = plan.compact, []
    if plan.code and entry.code:
        found += [0] if entry.code == plan.code else []
        found += [1] if len(plan.code) >= 2 and entry.code.startswith(plan.code) else []
    if c:
        found += [0] if entry.compact_key == c else []
        if plan.long:
            found += [2] if c in entry.compact_key else []
            names_one = any(w in entry.compact_key for w in plan.long_words)
            every = all(w in entry.compact_key or w in entry.context_key for w in plan.words)
            found += [2] if plan.long_words and names_one and every else []
        elif entry.grp == 0 and entry.compact_key.startswith(c):
            found.append(1)
        if plan.latin:
            found += [0] if entry.latin_key == c else []
            found += [1] if entry.latin_key.startswith(c) else []
            found += [2] if plan.long and c in entry.latin_key else []
            t = plan.translit
            found += [0 if len(t) >= 4 else 1] if len(t) >= 2 and entry.translit_key == t else []
            found += [2] if len(t) >= 3 and entry.translit_key.startswith(t) else []
            words = _word_skeletons(entry.display) if len(t) >= 2 else []
            found += [2] if len(t) >= 3 and any(w.startswith(t) for w in words) else []
            found += [2] if len(t) == 2 and t in words else []
    if not found:
        return None
    tier = min(found)
    if c and entry.compact_key == c:
        return 0
    return 1 if tier == 2 and c and entry.compact_key.startswith(c) else tier


def _word_skeletons(display: str) -> list[str]:
    """Skeletons of the words of a name of several words (none for a one-word name)."""
    from webapp.search.translit import persian_skeleton

    words = display.split()
    return [persian_skeleton(w) for w in words] if len(words) > 1 else []


def _fit(entry, plan) -> int:
    """Order within a tier: the English name as typed, the query inside a word, across words."""
    if entry.latin_key == plan.compact:
        return 0
    return 1 if plan.key in entry.search_key else 2


def _reference(entries, plan):
    """(kind, ref_id, tier) of every hit, best first, as the engine must return them."""
    from webapp.search.keys import name_terms

    sure = [(t, e.id, e) for e in entries if (t := _reference_tier(e, plan)) is not None]
    if sure or not plan.compact:
        sure.sort(key=lambda x: (x[0], _fit(x[2], plan), x[1]))
        return [(e.kind, e.ref_id, t) for t, _id, e in sure]
    fuzzy = []
    for e in entries:
        terms = name_terms(e.display) | (name_terms(e.display_en) if e.display_en else set())
        score = round(max((similarity(plan.compact, term) for term in terms), default=0), 4)
        if score >= SIMILARITY_THRESHOLD:
            fuzzy.append((3, -score, e.id, e))
        elif len(plan.skeleton) >= 3 and plan.skeleton in e.skeleton_key:
            fuzzy.append((4, 0, e.id, e))
    return [(e.kind, e.ref_id, t) for t, _s, _id, e in sorted(fuzzy, key=lambda x: x[:3])]


@pytest.fixture
def entries(app):
    from webapp.extensions import db
    from webapp.search.models import SearchEntry

    with app.app_context():
        rows = db.session.scalars(select(SearchEntry).order_by(SearchEntry.id)).all()
        db.session.expunge_all()
    return rows


@pytest.mark.parametrize("query", QUERIES)
def test_backend_matches_the_reference(app, entries, query, monkeypatch):
    from webapp.search import engine, search
    from webapp.search.plan import make_plan

    monkeypatch.setattr(engine, "CAP", 100_000)  # the reference does not cap; lift the cap
    with app.test_request_context("/"):
        results = search(query, per_kind=100_000)
    assert not any(group.at_least for group in results.groups)
    expected = _reference(entries, make_plan(query))
    got = [(h.kind, h.ref_id, h.tier) for h in results.hits]
    assert got == expected


def _admin():
    from tests.conftest import POSTGRES_URL

    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")


@pytest.mark.postgres
@pytest.mark.skipif(os.environ.get("RAYNAMA_SKIP_POSTGRES") == "1", reason="no PostgreSQL")
def test_postgres_without_a_unicode_ctype_is_refused(tmp_path, capfd):
    """Under LC_CTYPE C pg_trgm sees no Persian letter: refuse to start and to migrate."""
    from flask_migrate import upgrade

    from tests.conftest import ROOT, _drop_pg, _overrides, _pg_url
    from webapp import create_app

    name = f"raynama_c_{uuid.uuid4().hex[:8]}"
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(
            text(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C' LC_CTYPE 'C'"
            )
        )
    admin.dispose()
    try:
        app = create_app(_overrides(_pg_url(name), tmp_path))  # no pg_trgm yet: starts
        with app.app_context(), pytest.raises(SystemExit):  # Flask-Migrate exits on errors
            upgrade(directory=str(ROOT / "migrations"))
        assert "cannot see Persian letters" in capfd.readouterr().err
        engine = create_engine(_pg_url(name), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        engine.dispose()
        with pytest.raises(RuntimeError, match="LC_CTYPE 'C'"):
            create_app(_overrides(_pg_url(name), tmp_path))
    finally:
        _drop_pg(name)


def test_the_test_databases_let_pg_trgm_see_persian(app):
    """The suite's own PostgreSQL databases (C.UTF-8) pass the start-up check."""
    from webapp.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only")
        grams = db.session.execute(text("SELECT show_trgm('تبریز')")).scalar()
        assert len(grams) == 6
