"""Cell parsers of the station CSV, the edge tolerance and the seat shares; no app needed."""

import datetime as dt
import random

import pytest

from webapp.stations import sample_names
from webapp.stations.importer import (
    check_hours,
    parse_choice,
    parse_code,
    parse_coordinate,
    parse_stops,
    parse_time,
    parse_tristate,
    parse_yes_no,
)
from webapp.stations.placement import distance_to_edge_m, within
from webapp.stations.rows import AUDIENCE_WORDS, VENUE_WORDS, polling_instant
from webapp.stations.sample_plan import share_by_seats


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0412-0031", "04120031"),
        ("۰۴۱۲-۰۰۳۱", "04120031"),
        ("٠٤١٢ ٠٠٣١", "04120031"),
        ("0412-۰۰31", "04120031"),
        ("a-12", "A12"),
    ],
)
def test_codes_in_any_digit_family_meet(typed, stored):
    assert parse_code(typed) == stored


@pytest.mark.parametrize("typed", ["", " - ", "04/12", "شعبه۱۲", "1" * 21])
def test_bad_codes_are_refused(typed):
    with pytest.raises(ValueError):
        parse_code(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("38.0736", 38.0736), ("۳۸٫۰۷۳۶", 38.0736), ("٣٨.٠٧٣٦", 38.0736), ("3۸.07٣6", 38.0736),
     (" 46 ", 46.0)],
)  # fmt: skip
def test_coordinates_in_any_digit_family(typed, value):
    assert parse_coordinate(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["", "38°04′N", "38,0736", "38.07.36", "north", "۳۸٬۰۷۳۶"])
def test_coordinates_that_are_not_decimal_degrees(typed):
    with pytest.raises(ValueError):
        parse_coordinate(typed)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("08:00", 480), ("8:30", 510), ("۱۸:۰۰", 1080), ("٢٢:٠٠", 1320), ("24:00", 1440)],
)
def test_times_become_minutes_after_midnight(typed, minutes):
    assert parse_time(typed) == minutes


@pytest.mark.parametrize("typed", ["", "8", "08.00", "25:00", "24:30", "08:60", "8 صبح"])
def test_bad_times_are_refused(typed):
    with pytest.raises(ValueError):
        parse_time(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("yes", True), ("YES", True), ("بله", True), ("بلي", True), ("۱", True), ("no", False),
     ("خیر", False), ("0", False), ("ندارد", False)],
)  # fmt: skip
def test_yes_no_words(typed, value):
    assert parse_yes_no(typed) is value


def test_empty_yes_no_takes_the_default_only_when_there_is_one():
    assert parse_yes_no("", default=True) is True
    with pytest.raises(ValueError):
        parse_yes_no("")
    with pytest.raises(ValueError):
        parse_yes_no("maybe", default=False)


def test_accessibility_facts_allow_unknown():
    assert [parse_tristate(t) for t in ("", "unknown", "نامعلوم", "yes", "خیر")] == [
        "unknown", "unknown", "unknown", "yes", "no"
    ]  # fmt: skip
    with pytest.raises(ValueError):
        parse_tristate("sometimes")


def test_enumerations_accept_persian_words_and_refuse_others():
    assert parse_choice("مدرسه", VENUE_WORDS) == "school"
    assert parse_choice("Mosque", VENUE_WORDS) == "mosque"
    assert parse_choice("بانوان", AUDIENCE_WORDS) == "women"
    assert parse_choice("", AUDIENCE_WORDS, "mixed") == "mixed"
    with pytest.raises(ValueError, match="school / mosque / office / other"):
        parse_choice("stadium", VENUE_WORDS)


def test_stops_are_parsed_in_time_order_with_either_semicolon():
    stops = parse_stops("روستای ب|۱۲:۳۰|۱۸:۰۰؛ روستای الف|08:00|12:00")
    assert stops == [("روستای الف", 480, 720), ("روستای ب", 750, 1080)]
    assert parse_stops("") == []


@pytest.mark.parametrize(
    "typed",
    [
        "روستا|08:00",
        "|08:00|12:00",
        "روستا|12:00|08:00",
        "روستا|08:00|24:00",
        "الف|08:00|12:00;ب|11:00|15:00",
        "روستا|8|12",
    ],
)
def test_malformed_or_overlapping_stops_are_refused(typed):
    with pytest.raises(ValueError):
        parse_stops(typed)


def test_sane_hours_pass():
    check_hours(480, 1080, None, None)
    check_hours(480, 1080, 1440, 1300)


@pytest.mark.parametrize(
    ("opens", "closes", "extended", "announced"),
    [
        (330, 1080, None, None),  # opens 05:30
        (1080, 480, None, None),  # closes before opening
        (480, 1440, None, None),  # closing at midnight is an extension
        (480, 1080, 1020, None),  # extension ends before closing
        (480, 1080, None, 1050),  # announced without an extension
        (480, 1080, 1200, 1250),  # announced after the extension ended
    ],
)
def test_insane_hours_are_refused(opens, closes, extended, announced):
    with pytest.raises(ValueError):
        check_hours(opens, closes, extended, announced)


def test_extension_to_midnight_is_the_next_day_in_tehran():
    instant = polling_instant(dt.date(2024, 3, 1), 1440)
    assert instant == dt.datetime(2024, 3, 1, 20, 30, tzinfo=dt.UTC)
    assert polling_instant(dt.date(2024, 3, 1), None) is None


SQUARE = {"type": "Polygon", "coordinates": [[[50, 30], [51, 30], [51, 31], [50, 31], [50, 30]]]}


def test_edge_tolerance_is_about_two_kilometres():
    assert within(30.5, 50.5, SQUARE)
    assert within(30.5, 51.015, SQUARE)  # ~1.4 km east of the edge
    assert not within(30.5, 51.03, SQUARE)  # ~2.9 km east
    assert distance_to_edge_m(31.02, 50.5, SQUARE) == pytest.approx(2_226, rel=0.01)


def test_seat_shares_add_up_and_follow_seats():
    shares = share_by_seats({1: 30, 2: 1, 3: 2, 4: 1}, 1000)
    assert sum(shares.values()) == 1000
    assert shares[1] > shares[3] > shares[2]
    assert abs(shares[2] - 1000 / 34) < 1


def test_sample_words_follow_the_seed():
    first = [sample_names.venue(random.Random(5), "mixed") for _ in range(3)]
    again = [sample_names.venue(random.Random(5), "mixed") for _ in range(3)]
    assert first == again
    name, kind = sample_names.venue(random.Random(1), "women")
    assert kind == "school" and "دخترانه" in name
