"""As-you-type suggestions, and the start-up check that the database can search Persian."""

import logging
import sqlite3

from flask import Blueprint, request
from sqlalchemy.exc import OperationalError

from webapp.extensions import db
from webapp.search.backend import PostgresBackend
from webapp.search.follow import follow_loads
from webapp.search.results import suggest
from webapp.stations.forms import parse_query
from webapp.views_util import fragment_view, render_fragment

log = logging.getLogger(__name__)

bp = Blueprint("search", __name__, url_prefix="/search")

SUGGEST_MAX_QUERY = 100


def check_database(app) -> None:
    """Refuse to start when search cannot work on this database; skip if it is unreachable."""
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        except sqlite3.OperationalError as exc:
            raise RuntimeError(
                f"SQLite {sqlite3.sqlite_version} lacks FTS5 with the trigram tokenizer "
                "(3.34 or later is needed), so search cannot work."
            ) from exc
        finally:
            probe.close()
        return
    if not uri.startswith("postgresql"):
        return
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                PostgresBackend().check(connection)
        except OperationalError as exc:
            log.warning("search start-up check skipped: the database did not answer (%s)", exc)
        finally:
            db.engine.dispose()


@bp.record_once
def _on_register(state) -> None:
    check_database(state.app)
    follow_loads()


@bp.get("/suggest")
@fragment_view
def suggestions():
    """Up to eight suggestions for what is typed in a search box (a fragment)."""
    q, _note = parse_query(request.args.get("q"))
    q = q[:SUGGEST_MAX_QUERY]
    results = suggest(q) if q else None
    return render_fragment("search/_suggestions.html", q=q, results=results)
