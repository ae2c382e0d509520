"""Opaque, signed keyset cursors: where the next page starts, for which search, as of which batch.

A cursor carries the last row's sort value and id, the batch the first page was read at (so
later pages show the same data while new batches load), and a digest of the filters (so a
cursor cannot be moved to another search). It is signed with SECRET_KEY; any change to it is
refused.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from itsdangerous import BadData, URLSafeSerializer

SALT = "raynama.finance.cursor"
VERSION = 1


class CursorError(ValueError):
    """The cursor was changed, damaged, or belongs to another search."""


@dataclass(frozen=True)
class Cursor:
    """The position after the last row of a page."""

    value: object  # a date (date orders) or an amount in rials (amount orders)
    last_id: int
    snapshot: int  # the newest batch id when the first page was read


def _digest(filters_key: str) -> str:
    return hashlib.blake2b(filters_key.encode(), digest_size=6).hexdigest()


def dump_cursor(secret: str, cursor: Cursor, filters_key: str) -> str:
    """Sign a cursor for these filters."""
    value = cursor.value.isoformat() if isinstance(cursor.value, dt.date) else cursor.value
    payload = [VERSION, value, cursor.last_id, cursor.snapshot, _digest(filters_key)]
    return URLSafeSerializer(secret, salt=SALT).dumps(payload)


def load_cursor(secret: str, token: str, filters_key: str, by_date: bool) -> Cursor:
    """Check and read a cursor; CursorError if it was tampered with or is for other filters."""
    try:
        payload = URLSafeSerializer(secret, salt=SALT).loads(token)
    except BadData:
        raise CursorError("bad signature") from None
    if not isinstance(payload, list) or len(payload) != 5 or payload[0] != VERSION:
        raise CursorError("bad shape")
    _version, value, last_id, snapshot, digest = payload
    if digest != _digest(filters_key):
        raise CursorError("other filters")
    try:
        value = dt.date.fromisoformat(value) if by_date else int(value)
    except (TypeError, ValueError):
        raise CursorError("bad value") from None
    if not isinstance(last_id, int) or not isinstance(snapshot, int):
        raise CursorError("bad ids")
    return Cursor(value, last_id, snapshot)
