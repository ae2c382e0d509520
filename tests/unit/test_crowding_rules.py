"""Opening hours, rate limits, form tokens, the clock and the simulated day (no database)."""

import datetime as dt

import pytest
from flask import Flask

from webapp import security
from webapp.crowding import clock, ratelimit
from webapp.crowding.hours import hours_of
from webapp.crowding.service import StationRef
from webapp.crowding.simulate import demand, level_for_wait, station_day
from webapp.text.dates import TEHRAN

DAY = dt.date(2024, 3, 1)


def tehran(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=TEHRAN).astimezone(dt.UTC)


def test_open_only_during_hours():
    hours = hours_of(DAY, dt.time(8), dt.time(18), None)
    assert [hours.phase(tehran(h, m)) for h, m in [(7, 59), (8, 0), (17, 59), (18, 0)]] == [
        "before",
        "open",
        "open",
        "after",
    ]


def test_an_announced_extension_keeps_the_station_open():
    hours = hours_of(DAY, dt.time(8), dt.time(18), tehran(22))
    assert hours.is_open(tehran(21, 59))
    assert not hours.is_open(tehran(22))
    assert hours.last_close == tehran(22)


def test_the_next_day_is_closed():
    hours = hours_of(DAY, dt.time(8), dt.time(18), None)
    assert hours.phase(tehran(10) + dt.timedelta(days=1)) == "after"


def test_a_mobile_station_is_open_only_at_its_stops():
    stops = [(dt.time(8), dt.time(11)), (dt.time(11, 30), dt.time(18))]
    hours = hours_of(DAY, dt.time(8), dt.time(18), tehran(20), stops)
    assert hours.phase(tehran(10)) == "open"
    assert hours.phase(tehran(11, 10)) == "between"
    assert hours.next_stop(tehran(11, 10)) == tehran(11, 30)
    assert hours.phase(tehran(19)) == "open"  # the extension keeps it at its last stop


def test_gcra_allows_a_burst_then_one_per_interval():
    limit = ratelimit.Limit(3, 60)
    tat, allowed = None, []
    for second in (0, 1, 2, 3, 19, 21, 41):
        ok, new = ratelimit.decide(tat, second, limit)
        allowed.append(ok)
        tat = new if ok else tat
    assert allowed == [True, True, True, False, False, True, True]


def test_gcra_one_per_minute_has_no_window_edge():
    limit = ratelimit.STAFF_PER_STATION
    ok, tat = ratelimit.decide(None, 59.0, limit)
    assert ok
    assert ratelimit.decide(tat, 61.0, limit) == (False, tat)
    assert ratelimit.retry_after(tat, 61.0, limit) == 58
    assert ratelimit.decide(tat, 119.0, limit)[0]


@pytest.fixture
def secret_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "unit-test"
    with app.app_context():
        yield app


def test_staff_tokens_are_random_and_only_their_hash_is_compared():
    token = security.new_token()
    assert len(token) >= 32 and token != security.new_token()
    stored = security.token_hash(token)
    assert len(stored) == 64 and token not in stored
    assert security.same_hash(stored, token)
    assert not security.same_hash(stored, token + "x")


def test_form_tokens_are_bound_to_purpose_subject_and_age(secret_app):
    issued = 1_000_000.0
    token = security.form_token("staff", "abc", issued)
    assert security.form_token_ok(token, "staff", "abc", issued + 60)
    assert not security.form_token_ok(token, "public", "abc", issued + 60)
    assert not security.form_token_ok(token, "staff", "abd", issued + 60)
    assert not security.form_token_ok(token, "staff", "abc", issued + 5 * 3600)
    assert not security.form_token_ok(token[:-1] + "0", "staff", "abc", issued + 60)
    assert not security.form_token_ok("", "staff", "abc", issued)
    assert not security.form_token_ok("x.y", "staff", "abc", issued)


def test_client_keys_hide_the_address_and_group_ipv6_by_64(secret_app):
    key = security.client_key("203.0.113.7")
    assert "203" not in key and key == security.client_key("203.0.113.7")
    assert key != security.client_key("203.0.113.8")
    assert security.client_key("2001:db8:1:2::1") == security.client_key("2001:db8:1:2:ffff::9")
    assert security.client_key("2001:db8:1:2::1") != security.client_key("2001:db8:1:3::1")
    assert security.client_key("::ffff:203.0.113.7") == key


def test_instants_without_an_offset_are_tehran_time():
    assert clock.parse_instant("2024-03-01T11:30") == tehran(11, 30)
    assert clock.parse_instant("2024-03-01T11:30+03:30") == tehran(11, 30)
    assert clock.parse_instant("2024-03-01T08:00Z") == tehran(11, 30)


def test_the_test_clock_moves_only_when_told():
    test_clock = clock.TestClock("2024-03-01T11:30")
    assert test_clock() == tehran(11, 30)
    test_clock.advance(minutes=5)
    assert test_clock() == tehran(11, 35)
    test_clock.set("2024-03-01T18:00")
    assert test_clock() == tehran(18)


def test_demand_has_a_morning_and_a_bigger_evening_peak():
    at = {h: demand(h * 60) for h in range(8, 24)}
    assert at[10] > at[8] and at[10] > at[14]
    assert at[18] > at[10] and at[18] > at[14] and at[18] > at[22]
    assert [level_for_wait(m) for m in (0, 2.9, 3, 14, 15, 29, 30, 59, 60, 200)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip


def _refs(count: int, extended: bool = False) -> list[StationRef]:
    until = tehran(22) if extended else None
    hours = hours_of(DAY, dt.time(8), dt.time(18), until)
    return [StationRef(i, f"{i:08d}", hours) for i in range(count)]


def test_a_simulated_day_is_seeded_and_realistic():
    refs = _refs(400)
    days = [station_day(ref, seed=7) for ref in refs]
    assert days[:20] == [station_day(ref, seed=7) for ref in refs[:20]]
    staff_days = [[r for r in day if r.source == "staff"] for day in days]
    silent = sum(1 for day in staff_days if not day)
    assert 0.08 * len(refs) < silent < 0.25 * len(refs)  # some stations never report
    stopped = sum(1 for day in staff_days if day and day[-1].at < tehran(16))
    assert stopped > 0.05 * len(refs)  # some stop during the day
    every = [r for day in days for r in day]
    assert all(tehran(8) <= r.at < tehran(18) for r in every)
    assert any(r.source == "public" for r in every)
    morning = [r.level for r in every if tehran(9, 30) <= r.at < tehran(10, 30)]
    early = [r.level for r in every if tehran(13, 30) <= r.at < tehran(14, 30)]
    evening = [r.level for r in every if tehran(17) <= r.at < tehran(18)]
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    assert mean(morning) > mean(early) and mean(evening) > mean(early)


def test_extended_stations_keep_reporting_in_their_extension():
    days = [station_day(ref, seed=3) for ref in _refs(100, extended=True)]
    late = [r for day in days for r in day if r.at >= tehran(18)]
    assert late and all(r.at < tehran(22) for r in late)
