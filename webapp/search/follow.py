"""Keep the index in step with data loads, inside the loads' own transactions.

A transaction that inserts or deletes rows of a registered kind's tables (the pack loader, the
station importer, the sample generator), or renames one through the ORM, rebuilds the index
just before it commits, so no code path can load data and leave search behind. Changes of other
columns (a station's opening hours) do not count. A bulk UPDATE statement is invisible to the
ORM: run `flask data index` after one.
"""

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from webapp.search.index import rebuild_index
from webapp.search.registry import source_tables


def _mark_bulk(state) -> None:
    """An ORM-enabled INSERT or DELETE statement on a source table makes the index stale."""
    if not (state.is_insert or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and table.name in source_tables():
        state.session.info["search_stale"] = True


def _changes_names(obj, columns: set[str]) -> bool:
    """True when an updated object changed a column the index shows."""
    state = inspect(obj)
    return any(state.attrs[column].history.has_changes() for column in columns)


def _mark_flush(session, _context) -> None:
    """Objects added, deleted or renamed in a source table make the index stale."""
    watched = source_tables()

    def watched_columns(obj):
        return watched.get(getattr(obj, "__tablename__", None))

    if any(watched_columns(obj) is not None for obj in (*session.new, *session.deleted)) or any(
        (columns := watched_columns(obj)) is not None and _changes_names(obj, columns)
        for obj in session.dirty
    ):
        session.info["search_stale"] = True


def _rebuild_if_stale(session) -> None:
    """Rebuild the index inside a transaction that loaded or removed findable records."""
    session.flush()  # commit flushes only after this hook: see the last changes first
    if session.info.pop("search_stale", False):
        rebuild_index(session)


def _forget(session, *_args) -> None:
    session.info.pop("search_stale", None)


def follow_loads() -> None:
    """Keep the index in step with data loads: listen to every ORM session (once)."""
    if event.contains(Session, "before_commit", _rebuild_if_stale):
        return
    event.listen(Session, "do_orm_execute", _mark_bulk)
    event.listen(Session, "after_flush", _mark_flush)
    event.listen(Session, "before_commit", _rebuild_if_stale)
    event.listen(Session, "after_rollback", _forget)
