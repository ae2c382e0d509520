"""Reads of GET requests from a PostgreSQL read replica, when `DATABASE_REPLICA_URL` is set.

A GET only reads, so its queries may go to a replica that trails the primary by a moment; every
flush, every other method and every command outside a request go to the primary. Without a
replica URL nothing changes.
"""

from flask import has_request_context, request
from flask_sqlalchemy.session import Session

REPLICA = "replica"


class RoutingSession(Session):
    """`db.session`: the replica's engine for reads of GET and HEAD requests, else the primary."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        """The engine for this statement."""
        if bind is None and not self._flushing and _reading():
            engine = self._db.engines.get(REPLICA)
            if engine is not None:
                return engine
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def _reading() -> bool:
    return has_request_context() and request.method in ("GET", "HEAD")


def binds(replica_url: str) -> dict:
    """SQLALCHEMY_BINDS for a replica URL (none without one)."""
    return {REPLICA: replica_url} if replica_url else {}
