"""Several app servers, Redis going away, the `flask data` commands and the demo clock."""

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from tests.integration.crowding_helpers import (
    ELECTION_MORNING,
    api_post,
    drop_redis_keys,
    post_public,
    post_staff,
    shown,
    staff_token,
    station,
    use_redis,
)
from webapp.crowding.clock import TestClock

# The clock and store_kind fixtures.


def _second_server(app, test_clock):
    """Another app process on the same database and the same store settings."""
    from webapp import create_app

    keys = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "SECRET_KEY", "REDIS_URL", "REDIS_PREFIX")
    other = create_app({"TESTING": True, **{k: app.config[k] for k in keys if k in app.config}})
    other.config["CLOCK_OVERRIDE"] = test_clock
    return other


def test_two_app_servers_agree_on_levels_and_limits(app, client, store_kind, clock):
    from webapp.extensions import db

    other = _second_server(app, clock)
    s = station(app)
    token = staff_token(app, s["code"])
    assert api_post(client, s["code"], token, {"level": "long"}).status_code == 201
    with other.test_client() as second:
        assert "Long queue" in shown(second, s["code"])
        assert api_post(second, s["code"], token, {"level": "none"}).status_code == 429
        clock.advance(seconds=61)
        assert api_post(second, s["code"], token, {"level": "none"}).status_code == 201
    assert "No queue" in shown(client, s["code"])
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_with_redis_levels_and_limits_live_in_redis(app, client, clock):
    import redis

    from webapp.crowding.models import QueueRate, QueueReport
    from webapp.extensions import db

    prefix = use_redis(app)
    try:
        s = station(app)
        assert post_public(client, s["code"], "short").status_code == 303
        assert (
            post_staff(client, s["code"], staff_token(app, s["code"]), "medium").status_code == 303
        )
        keys = {
            k.decode() for k in redis.Redis.from_url(app.config["REDIS_URL"]).keys(prefix + "*")
        }
        assert f"{prefix}q:{s['id']}" in keys
        assert any(k.startswith(f"{prefix}rl:staff:") for k in keys)
        assert any(k.startswith(f"{prefix}rl:pub:") for k in keys)
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(QueueReport)) == 0
            assert db.session.scalar(select(func.count()).select_from(QueueRate)) == 0
    finally:
        drop_redis_keys(prefix)


def test_when_redis_goes_away_pages_still_work_and_say_so(app, client, clock):
    from tests.integration.crowding_helpers import csrf_of

    s = station(app)
    token = staff_token(app, s["code"])
    form_page = client.get(f"/en/stations/{s['code']}/staff", query_string={"key": token})
    app.extensions.pop("crowding_store", None)
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0", REDIS_PREFIX="raynama-test-down:")
    page = client.get(f"/en/stations/{s['code']}")
    assert page.status_code == 200
    assert "Queue reports are unavailable right now" in page.get_data(as_text=True)
    near = client.get(f"/en/stations/near?lat={s['lat']}&lon={s['lon']}&order=quiet")
    assert near.status_code == 200 and "Reports unavailable" in near.get_data(as_text=True)
    assert client.get(f"/en/constituencies/{s['constituency_id']}/least-crowded").status_code == 200
    form = client.post(
        f"/en/stations/{s['code']}/staff",
        data={"key": token, "csrf": csrf_of(form_page), "level": "short"},
    )
    assert form.status_code == 503
    assert "Reporting is unavailable right now" in form.get_data(as_text=True)
    api = api_post(client, s["code"], token, {"level": "short"})
    assert api.status_code == 503 and api.json["error"] == "unavailable"
    assert client.get("/healthz").status_code == 200


def test_station_links_command_prints_links_and_qr_codes(app, client, clock, tmp_path):
    from webapp.crowding.models import StationToken
    from webapp.extensions import db

    s = station(app)
    runner = app.test_cli_runner()
    args = ["data", "station-links", "--constituency", str(s["constituency_id"])]
    result = runner.invoke(
        args=[*args, "--base-url", "https://raynama.example", "--svg-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    links = re.findall(
        r"https://raynama\.example/stations/(\w+)/staff\?key=([\w-]+)", result.output
    )
    assert len(links) > 1 and "▀" in result.output or "█" in result.output
    assert (tmp_path / f"station-{links[0][0]}.svg").read_text().startswith("<?xml")
    code, token = links[0]
    assert client.get(f"/stations/{code}/staff", query_string={"key": token}).status_code == 200
    with app.app_context():
        stored = db.session.scalars(select(StationToken.token_hash)).all()
    assert token not in stored
    again = runner.invoke(args=[*args, "--no-qr"])
    assert "0 links issued" in again.output and "--rotate" in again.output
    rotated = runner.invoke(args=[*args, "--no-qr", "--rotate"])
    assert rotated.exit_code == 0
    assert client.get(f"/stations/{code}/staff", query_string={"key": token}).status_code == 403
    fresh = re.search(rf"/stations/{code}/staff\?key=([\w-]+)", rotated.output).group(1)
    assert client.get(f"/stations/{code}/staff", query_string={"key": fresh}).status_code == 200
    revoked = runner.invoke(args=["data", "revoke-station-link", code])
    assert "1 link(s)" in revoked.output
    assert client.get(f"/stations/{code}/staff", query_string={"key": fresh}).status_code == 403
    missing = runner.invoke(args=["data", "station-links", "--constituency", "999999"])
    assert missing.exit_code == 1


def test_simulate_day_fills_the_day_and_can_run_again(app, client, store_kind, clock):
    s = station(app, is_sample=True)
    runner = app.test_cli_runner()
    args = [
        "data",
        "simulate-day",
        "--at",
        ELECTION_MORNING,
        "--constituency",
        str(s["constituency_id"]),
    ]
    first = runner.invoke(args=args)
    assert first.exit_code == 0, first.output
    assert f"DEMO_NOW={ELECTION_MORNING}" in first.output
    count = int(first.output.split(" reports")[0].replace(",", ""))
    assert count > 100
    second = runner.invoke(args=args)
    assert int(second.output.split(" reports")[0].replace(",", "")) == count
    texts = [shown(client, code) for code in _codes(app, s["constituency_id"])]
    assert sum("min ago" in t or "just now" in t for t in texts) > len(texts) // 2
    assert any("No recent report" in t for t in texts)  # some stations never report
    clock.advance(hours=7)  # the evening peak is busier than mid-morning
    evening = [shown(client, code) for code in _codes(app, s["constituency_id"])]
    assert _mean_level(evening) > _mean_level(texts)
    wrong_day = runner.invoke(args=["data", "simulate-day", "--at", "2024-03-02T11:00"])
    assert wrong_day.exit_code == 1


def _codes(app, cid: int) -> list[str]:
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        return db.session.scalars(
            select(Station.code).filter_by(constituency_id=cid, published=True, is_sample=True)
        ).all()


def _mean_level(texts: list[str]) -> float:
    levels = [int(m.group(1)) for t in texts if (m := re.search(r"queue--(\d)", t))]
    return sum(levels) / len(levels)


def test_demo_now_makes_the_site_behave_as_if_it_were_then(app, client, monkeypatch):
    from webapp.crowding import clock as clock_module

    app.config["DEMO_NOW"] = ELECTION_MORNING
    clock_module.start_demo_clock(app)
    with app.app_context():
        start = clock_module.now()
        expected = TestClock(ELECTION_MORNING)()
        assert abs((start - expected).total_seconds()) < 5
        real = clock_module.time.time()
        monkeypatch.setattr(clock_module.time, "time", lambda: real + 600)
        assert clock_module.now() - start >= dt.timedelta(minutes=9)
    monkeypatch.undo()
    s = station(app)
    assert "No recent report" in shown(client, s["code"])


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday"])
def test_simulate_day_refuses_a_bad_instant(app, bad):
    result = app.test_cli_runner().invoke(args=["data", "simulate-day", "--at", bad])
    assert result.exit_code != 0
