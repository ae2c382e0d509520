"""Queue levels from reports: weights, fading, staff over voters, hours of the day."""

import datetime as dt

import pytest

from webapp.crowding.levels import (
    FADE,
    LEVELS,
    Report,
    hourly,
    parse_level,
    reading,
    trip_minutes,
    wait_minutes,
)

NOW = dt.datetime(2024, 3, 1, 8, 0, tzinfo=dt.UTC)  # 11:30 in Tehran


def ago(minutes: float) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def staff(minutes: float, level: int, people: int | None = None) -> Report:
    return Report(ago(minutes), level, "staff", people)


def public(minutes: float, level: int) -> Report:
    return Report(ago(minutes), level, "public")


def test_no_reports_means_no_reading():
    assert reading([], NOW) is None


def test_one_staff_report_is_the_level_with_its_time_and_people():
    found = reading([staff(5, 2, people=40)], NOW)
    assert (found.level, found.name, found.source, found.people) == (2, "medium", "staff", 40)
    assert found.as_of == ago(5)
    assert found.age_seconds(NOW) == 300


def test_a_report_fades_to_unknown_after_45_minutes():
    assert reading([staff(44.9, 3)], NOW).level == 3
    assert reading([staff(45, 3)], NOW) is None
    assert dt.timedelta(minutes=45) == FADE


def test_reports_from_the_future_do_not_count():
    assert reading([staff(-1, 4)], NOW) is None


def test_the_newest_fresh_staff_report_is_the_level():
    assert reading([staff(40, 4), staff(2, 0)], NOW).level == 0
    assert reading([staff(1, 1), staff(0, 3)], NOW).level == 3


def test_without_fresh_staff_newer_reports_weigh_more():
    assert reading([staff(40, 4), staff(25, 0)], NOW).level == 1
    assert reading([staff(40, 0), staff(25, 4)], NOW).level == 3


def test_fresh_staff_report_is_never_overridden_by_voters():
    crowd = [public(1, 4) for _ in range(30)]
    found = reading([staff(15, 0), *crowd], NOW)
    assert (found.level, found.source, found.as_of) == (0, "staff", ago(15))


def test_voters_count_beside_an_older_staff_report():
    found = reading([staff(30, 0), public(2, 3), public(1, 3)], NOW)
    assert found.source == "mixed"
    assert found.level >= 2
    assert found.as_of == ago(1)


def test_a_single_voter_is_not_enough_but_two_are():
    assert reading([public(1, 4)], NOW) is None
    found = reading([public(1, 4), public(3, 3)], NOW)
    assert (found.level, found.source) == (4, "public")


@pytest.mark.parametrize(
    ("raw", "level"),
    [("none", 0), ("short", 1), ("medium", 2), ("long", 3), ("very_long", 4), ("Very-Long", 4)],
)
def test_level_names_parse(raw, level):
    assert parse_level(raw) == level
    assert LEVELS[level] == raw.lower().replace("-", "_")


@pytest.mark.parametrize("raw", ["", "huge", "5", "-1", None, 3, "short queue", "nonee"])
def test_anything_else_is_not_a_level(raw):
    assert parse_level(raw) is None


def test_trip_adds_walking_time_to_the_usual_wait():
    near_long = trip_minutes(200, reading([staff(1, 3)], NOW))
    far_empty = trip_minutes(1500, reading([staff(1, 0)], NOW))
    assert far_empty < near_long
    assert wait_minutes(None) == 25
    # A fading "no queue" drifts towards the unknown wait: fresh 0, half-way 12.5, faded 25.
    empty = reading([staff(1, 0)], NOW)
    assert wait_minutes(empty, 20 * 60) == 0
    assert wait_minutes(empty, int(32.5 * 60)) == pytest.approx(12.5)
    assert wait_minutes(empty, 45 * 60) == 25
    assert wait_minutes(empty, 43 * 60) > wait_minutes(reading([staff(1, 1)], NOW), 0)
    assert trip_minutes(1000, None) == pytest.approx(12 + 25)


def test_hourly_means_ignore_the_future_and_other_days():
    start = dt.datetime(2024, 3, 1, 4, 30, tzinfo=dt.UTC)  # 08:00 Tehran
    reports = [
        Report(start + dt.timedelta(minutes=10), 0, "staff"),
        Report(start + dt.timedelta(minutes=50), 2, "staff"),
        Report(start + dt.timedelta(minutes=70), 4, "staff"),
        Report(start + dt.timedelta(minutes=75), 0, "public"),
        Report(start - dt.timedelta(minutes=5), 4, "staff"),
        Report(start + dt.timedelta(hours=5), 4, "staff"),
    ]
    now = start + dt.timedelta(hours=2, minutes=10)
    assert hourly(reports, start, 4, now) == [1, 3, None, None]
