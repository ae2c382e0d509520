"""Helpers for the queue-level tests (their fixtures `clock` and `store_kind` are in conftest).

Every test runs on polling day at 11:30 Tehran time on a `TestClock` it moves by hand; tests
that take `store_kind` run once with the database store and once with Redis.
"""

import datetime as dt
import os
import re
import uuid

import pytest
from sqlalchemy import select

ELECTION_MORNING = "2024-03-01T11:30+03:30"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def use_redis(app) -> str:
    """Point the app at Redis under a key prefix of its own; return the prefix."""
    import redis

    if os.environ.get("RAYNAMA_SKIP_REDIS") == "1":
        pytest.skip("RAYNAMA_SKIP_REDIS=1")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        pytest.fail(
            f"Redis is not reachable at {REDIS_URL} ({exc}); start it or set RAYNAMA_SKIP_REDIS=1",
            pytrace=False,
        )
    prefix = f"raynama-test:{uuid.uuid4().hex[:12]}:"
    app.config.update(REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix)
    return prefix


def drop_redis_keys(prefix: str) -> None:
    """Delete every key a test made."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=prefix + "*", count=1000))
    if keys:
        client.delete(*keys)


def station(app, mobile: bool = False, extended: bool | None = False, **filters) -> dict:
    """Plain values of a published station (fixed, without an extension, unless asked)."""
    from webapp.extensions import db
    from webapp.stations.models import Station

    query = select(Station).filter_by(published=True, is_mobile=mobile, **filters)
    if extended is not None:
        query = query.where(
            Station.extended_until.is_not(None) if extended else Station.extended_until.is_(None)
        )
    with app.app_context():
        found = db.session.scalars(query.order_by(Station.code)).first()
        return {
            "id": found.id,
            "code": found.code,
            "name": found.name,
            "lat": found.lat,
            "lon": found.lon,
            "constituency_id": found.constituency_id,
            "extended_until": found.extended_until,
        }


def neighbours(app, code: str, count: int = 10) -> list[dict]:
    """The stations nearest to a station (itself first), as plain values."""
    from webapp.extensions import db
    from webapp.stations.models import Station
    from webapp.stations.queries import nearest_stations

    with app.app_context():
        here = db.session.scalars(select(Station).filter_by(code=code)).one()
        return [
            {"code": s.code, "id": s.id, "distance": d}
            for s, d in nearest_stations(here.lat, here.lon, limit=count)
        ]


def staff_token(app, code: str) -> str:
    """A fresh reporting token for a station (earlier ones revoked)."""
    from webapp.crowding import tokens
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        found = db.session.scalars(select(Station).filter_by(code=code)).one()
        issued, _kept = tokens.issue([found], rotate=True, now=dt.datetime.now(dt.UTC))
        return issued[0].token


def csrf_of(response) -> str:
    """The form token on a rendered form page."""
    match = CSRF_RE.search(response.get_data(as_text=True))
    assert match, "no form token on the page"
    return match.group(1)


def post_staff(client, code: str, token: str, level: str, people: str = "", **extra):
    """Send the staff form as a browser would, with the form token from the page."""
    page = client.get(f"/stations/{code}/staff", query_string={"key": token})
    data = {"key": token, "csrf": csrf_of(page), "level": level, "people": people}
    return client.post(f"/stations/{code}/staff", data=data, **extra)


def post_public(client, code: str, level: str, address: str = "198.51.100.7"):
    """Send the "I am in the queue here" form from one client address."""
    environ = {"REMOTE_ADDR": address}
    page = client.get(f"/stations/{code}/queue/report", environ_base=environ)
    data = {"csrf": csrf_of(page), "level": level}
    return client.post(f"/stations/{code}/queue/report", data=data, environ_base=environ)


def api_post(client, code: str, token: str | None, payload):
    """Post to the bots' JSON API."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(f"/api/stations/{code}/queue", json=payload, headers=headers)


def shown(client, code: str, lang: str = "en") -> str:
    """The station's status fragment text."""
    prefix = "/en" if lang == "en" else ""
    return client.get(f"{prefix}/stations/{code}/queue").get_data(as_text=True)
