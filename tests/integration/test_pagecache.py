"""The page cache: a popular public page is rendered once per max-age; nothing private is kept."""

import uuid

import pytest

from tests.integration.crowding_helpers import REDIS_URL, drop_redis_keys, use_redis
from tests.integration.helpers import a_station


def _rename(app, code: str, name: str) -> None:
    from sqlalchemy import update

    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        db.session.execute(update(Station).where(Station.code == code).values(name=name))
        db.session.commit()


def test_a_public_page_is_served_from_the_cache_until_its_max_age(app, another_app):
    server = another_app(PAGE_CACHE_SECONDS=60)
    client = server.test_client()
    station = a_station(app)
    url = f"/stations/{station['code']}"
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert "X-Cache" not in first.headers
    _rename(app, station["code"], "نام تازهٔ شعبه")
    again = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert again.headers["X-Cache"] == "hit"
    assert again.get_data() == first.get_data()  # the same bytes, compressed as sent
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    revalidated = client.get(url, headers={"If-None-Match": first.headers["ETag"],
                                           "Accept-Encoding": "gzip"})  # fmt: skip
    assert revalidated.status_code == 304
    plain = client.get(url)  # no gzip: another copy, rendered now
    assert "X-Cache" not in plain.headers and "نام تازهٔ شعبه" in plain.get_data(as_text=True)


def test_private_answers_and_signed_in_visitors_never_touch_the_cache(app, another_app):
    server = another_app(PAGE_CACHE_SECONDS=60)
    client = server.test_client()
    station = a_station(app)
    near = f"/stations/near?lat={station['lat']}&lon={station['lon']}"
    for _ in range(2):
        assert "X-Cache" not in client.get(near).headers
    client.get(f"/stations/{station['code']}")
    client.set_cookie("session", "anything")
    assert "X-Cache" not in client.get(f"/stations/{station['code']}").headers


def test_app_servers_share_the_cache_through_redis(app, another_app):
    use_redis(app)
    prefix = f"raynama-test:{uuid.uuid4().hex[:12]}:"
    try:
        config = {"PAGE_CACHE_SECONDS": 60, "REDIS_URL": REDIS_URL, "REDIS_PREFIX": prefix}
        first, second = another_app(**config), another_app(**config)
        station = a_station(app)
        url = f"/en/stations/{station['code']}"
        assert "X-Cache" not in first.test_client().get(url).headers
        assert second.test_client().get(url).headers["X-Cache"] == "hit"
    finally:
        drop_redis_keys(prefix)


def test_the_cache_is_off_when_its_time_is_zero(app, client):
    station = a_station(app)
    for _ in range(2):
        assert "X-Cache" not in client.get(f"/stations/{station['code']}").headers


def test_get_requests_read_from_the_replica_and_commands_from_the_primary(
    app, tmp_path, another_app
):
    import shutil

    from sqlalchemy import select
    from sqlalchemy.engine import make_url

    from webapp.extensions import db
    from webapp.stations.models import Station

    primary = app.config["SQLALCHEMY_DATABASE_URI"]
    if not primary.startswith("sqlite"):
        pytest.skip("the replica here is a file copy; the routing is the same on PostgreSQL")
    replica = tmp_path / "replica.db"
    with app.app_context():
        db.engine.dispose()
    shutil.copy(make_url(primary).database, replica)
    station = a_station(app)
    _rename(app, station["code"], "نام روی نسخهٔ اصلی")
    server = another_app(SQLALCHEMY_BINDS={"replica": f"sqlite:///{replica}"})
    page = server.test_client().get(f"/stations/{station['code']}").get_data(as_text=True)
    assert station["name"] in page and "نام روی نسخهٔ اصلی" not in page
    with server.app_context():
        name = db.session.scalar(select(Station.name).filter_by(code=station["code"]))
    assert name == "نام روی نسخهٔ اصلی"
