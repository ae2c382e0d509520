"""Keyset cursors are opaque, signed, and bound to one search."""

import datetime as dt

import pytest

from webapp.finance.cursor import Cursor, CursorError, dump_cursor, load_cursor

SECRET = "test-secret"
KEY = "category=printing|sort=newest"


def test_a_cursor_reads_back():
    token = dump_cursor(SECRET, Cursor(dt.date(2024, 2, 1), 42, 7), KEY)
    assert load_cursor(SECRET, token, KEY, by_date=True) == Cursor(dt.date(2024, 2, 1), 42, 7)
    token = dump_cursor(SECRET, Cursor(15_000_000, 9, 7), KEY)
    assert load_cursor(SECRET, token, KEY, by_date=False) == Cursor(15_000_000, 9, 7)
    assert "42" not in token or "2024" not in token


@pytest.mark.parametrize(
    "change", ["flip", "other-key", "other-secret", "garbage", "empty-payload"]
)
def test_tampered_cursors_are_refused(change):
    token = dump_cursor(SECRET, Cursor(dt.date(2024, 2, 1), 42, 7), KEY)
    secret, key = SECRET, KEY
    if change == "flip":
        token = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    elif change == "other-key":
        key = "category=venues|sort=newest"
    elif change == "other-secret":
        secret = "another"
    elif change == "garbage":
        token = "not-a-cursor"
    else:
        from itsdangerous import URLSafeSerializer

        token = URLSafeSerializer(SECRET, salt="raynama.finance.cursor").dumps({"a": 1})
    with pytest.raises(CursorError):
        load_cursor(secret, token, key, by_date=True)
