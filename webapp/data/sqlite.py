"""SQLite tuning: WAL mode and foreign keys on every connection."""

from sqlalchemy import event


def _on_connect(dbapi_connection, _record):
    """Turn on WAL, foreign keys and a sane busy timeout for one SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def init_sqlite(app) -> None:
    """Attach the SQLite pragmas to the engine when the database is SQLite."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from webapp.extensions import db

    with app.app_context():
        event.listen(db.engine, "connect", _on_connect)
