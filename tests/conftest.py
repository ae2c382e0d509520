"""Shared fixtures: an app on a migrated database with the real data pack, on SQLite and PostgreSQL.

A template database is built once per backend per session (migrations, data pack, a small
deterministic set of sample stations); each test that asks for `app` gets its own copy, so tests
that import or delete data never see each other's changes.
"""

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
TEST_SAMPLE_TOTAL = 1500
TEST_SAMPLE_SEED = 7
TEST_CANDIDATES_TOTAL = 900  # about three a seat: Tehran's 30 seats fill two pages
TEST_FINANCE_ROWS = 20_000  # sample finance rows for the 900 candidates
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite"] + ([] if os.environ.get("RAYNAMA_SKIP_POSTGRES") == "1" else ["postgresql"])


def _build(url: str, tmp: Path):
    """Migrate a database, load the pack and a small sample; return the app on it."""
    from flask_migrate import upgrade

    from webapp import create_app
    from webapp.candidates.sample import generate_sample_candidates
    from webapp.data.cli import load_pack
    from webapp.extensions import db
    from webapp.finance.sample import generate_sample_finance
    from webapp.stations.sample import generate_sample_stations

    app = create_app(_overrides(url, tmp))
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        load_pack(app.config["DATA_DIR"])
        generate_sample_stations(seed=TEST_SAMPLE_SEED, total=TEST_SAMPLE_TOTAL)
        generate_sample_candidates(seed=TEST_SAMPLE_SEED, total=TEST_CANDIDATES_TOTAL)
        generate_sample_finance(rows=TEST_FINANCE_ROWS, seed=TEST_SAMPLE_SEED)
        db.engine.dispose()
    return app


def _overrides(url: str, tmp: Path) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_DIR": str(tmp),
        "SECRET_KEY": "test-secret",
        # Tests and browser tests search and post far faster than a person; the limits have
        # their own tests (tests/integration/test_ratelimits.py).
        "RATELIMIT_SEARCH": "100000/minute",
        "RATELIMIT_WRITE": "100000/minute",
        # Tests change data and look at it at once; the page cache has its own tests.
        "PAGE_CACHE_SECONDS": 0,
    }


def _admin_engine():
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")


def _pg_url(name: str) -> str:
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _create_pg(name: str, template: str = "template0") -> None:
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(
            text(
                f"CREATE DATABASE \"{name}\" TEMPLATE {template} ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
        )
    engine.dispose()


def _drop_pg(name: str) -> None:
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def template_db(request, tmp_path_factory):
    """(backend, location) of a ready database to copy from."""
    tmp = tmp_path_factory.mktemp(f"template-{request.param}")
    if request.param == "sqlite":
        path = tmp / "template.db"
        _build(f"sqlite:///{path}", tmp)
        yield "sqlite", path
        return
    name = f"raynama_tpl_{uuid.uuid4().hex[:8]}"
    _create_pg(name)
    try:
        _build(_pg_url(name), tmp)
        yield "postgresql", name
    finally:
        _drop_pg(name)


@pytest.fixture
def app(template_db, tmp_path):
    """A fresh app on its own copy of the template database."""
    from webapp import create_app
    from webapp.extensions import db

    backend, source = template_db
    if backend == "sqlite":
        target = tmp_path / "test.db"
        shutil.copy(source, target)
        url = f"sqlite:///{target}"
    else:
        name = f"raynama_t_{uuid.uuid4().hex[:8]}"
        _create_pg(name, template=f'"{source}"')
        url = _pg_url(name)
    application = create_app(_overrides(url, tmp_path))
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    if backend == "postgresql":
        _drop_pg(name)


@pytest.fixture
def client(app):
    """A test client for `app`."""
    return app.test_client()
