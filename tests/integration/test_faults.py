"""Faults: an import killed midway leaves the previous data whole and served; the app recovers
by itself when the database goes away and comes back."""

import hashlib
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select, text

from tests.integration.helpers import a_station

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

# Runs the real importer in another process and kills that process with SIGKILL right after the
# new and changed stations have been written (flushed) inside the import's transaction.
KILLED_IMPORT = textwrap.dedent(
    """
    import os, signal, sys
    from webapp import create_app
    from webapp.extensions import db
    from webapp.stations import importer

    app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "INSTANCE_DIR": sys.argv[2],
                      "SECRET_KEY": "test-secret"})
    original = importer.StationImporter.upsert

    def upsert_then_die(self, rows):
        original(self, rows)
        db.session.flush()
        print("written", len(rows), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    importer.StationImporter.upsert = upsert_then_die
    with app.app_context():
        importer.import_stations(sys.argv[3])
    """
)


def _fingerprint(app) -> tuple[int, str]:
    """(number of stations, digest of every station's code, name and address)."""
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        rows = db.session.execute(
            select(Station.code, Station.name, Station.address).order_by(Station.code)
        ).all()
        db.session.remove()
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    return len(rows), digest


def _changing_file(app, tmp_path) -> Path:
    """The valid fixture plus a row that renames an existing station (so updates are killed too)."""
    lines = (FIXTURES / "stations_valid.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    first = lines[1]
    target = a_station(app)
    # The first fixture row again, under an existing code: an update of a sample station.
    renamed = first.replace("9001-0001", target["code"], 1)
    path = tmp_path / "stations_killed.csv"
    path.write_text("\n".join([",".join(header), *lines[1:], renamed]) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_midway_leaves_the_previous_data_whole_and_served(app, client, tmp_path):
    before = _fingerprint(app)
    station = a_station(app)
    with app.app_context():
        from webapp.extensions import db

        db.session.remove()
        db.engine.dispose()
    run = subprocess.run(
        [sys.executable, "-c", KILLED_IMPORT, app.config["SQLALCHEMY_DATABASE_URI"],
         str(tmp_path), str(_changing_file(app, tmp_path))],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    assert run.stdout.startswith("written 7"), run.stdout
    assert _fingerprint(app) == before
    page = client.get(f"/stations/{station['code']}")
    assert page.status_code == 200
    assert station["name"] in page.get_data(as_text=True)
    assert client.get("/stations/90010001").status_code == 404
    # And the same file imports cleanly afterwards: nothing half-done is in the way.
    from webapp.stations.importer import import_stations

    with app.app_context():
        report = import_stations(FIXTURES / "stations_valid.csv")
    assert report.created == 6 or report.created + report.updated == 6


def _is_postgres(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


def _admin():
    from tests.conftest import _admin_engine

    return _admin_engine()


def _cut(name: str, allow: bool) -> None:
    """Refuse (or allow again) new connections to a database and end every open one: what the
    app sees while its PostgreSQL server restarts."""
    engine = _admin()
    with engine.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allow).lower()}'))
        if not allow:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
    engine.dispose()


def test_the_app_recovers_by_itself_after_the_database_restarts(app, client):
    if not _is_postgres(app):
        pytest.skip("SQLite is a file in the app's own process: there is no server to restart")
    from sqlalchemy.engine import make_url

    name = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    station = a_station(app)
    url = f"/stations/{station['code']}"
    assert client.get(url).status_code == 200  # the pool now holds a live connection
    _cut(name, allow=False)
    try:
        down = client.get("/en" + url)
        assert down.status_code == 503
        assert "Traceback" not in down.get_data(as_text=True)
        assert down.headers["Cache-Control"] == "no-store"
        assert client.get("/healthz").status_code == 503
    finally:
        _cut(name, allow=True)
    again = client.get(url)
    assert again.status_code == 200
    assert station["name"] in again.get_data(as_text=True)
    assert client.get("/healthz").json == {"status": "ok"}


def test_connections_killed_under_the_app_are_replaced_without_an_error(app, client):
    if not _is_postgres(app):
        pytest.skip("SQLite is a file in the app's own process: there is no connection to kill")
    from sqlalchemy.engine import make_url

    name = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    station = a_station(app)
    assert client.get(f"/stations/{station['code']}").status_code == 200
    _cut(name, allow=False)
    _cut(name, allow=True)
    # The pool's connections are dead; the pre-ping notices and opens new ones.
    assert client.get(f"/stations/{station['code']}").status_code == 200
