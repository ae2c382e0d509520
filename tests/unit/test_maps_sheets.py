"""Sheet plans: every station once, at most SHEET_SIZE a sheet, one town a sheet, compact."""

import random

import pytest

from webapp.maps.sheets import SHEET_SIZE, Point, plan, reading_order


def _town(county, city, count, lat, lon, spread=0.05, seed=1):
    rng = random.Random(seed)
    return [
        Point(
            id=county * 100_000 + (city or 0) * 1000 + i,
            code=f"{county:03d}{city or 0:03d}{i:04d}",
            county_id=county,
            city_id=city,
            lat=lat + rng.uniform(-spread, spread),
            lon=lon + rng.uniform(-spread, spread),
        )
        for i in range(count)
    ]


def _order(key):
    return (key[0], key[1] is None, key[1] or 0)


@pytest.mark.parametrize("count", [1, 14, 15, 16, 29, 31, 99, 163, 500, 4068])
def test_every_station_is_on_exactly_one_sheet_of_at_most_the_sheet_size(count):
    points = _town(1, 7, count, 35.7, 51.4)
    sheets = plan(points, _order)
    ids = [p.id for sheet in sheets for p in sheet.points]
    assert sorted(ids) == sorted(p.id for p in points)
    assert all(1 <= len(sheet.points) <= SHEET_SIZE for sheet in sheets)
    assert len(sheets) == -(-count // SHEET_SIZE)


def test_small_towns_of_a_county_share_a_sheet_big_ones_get_their_own():
    points = (
        _town(2, 5, 18, 36.0, 52.0)  # over SHEET_SIZE (15): two sheets
        + _town(1, 9, 6, 35.0, 51.0)
        + _town(1, None, 4, 35.2, 51.2)  # 6 + 4 share one
        + _town(3, 4, 12, 34.0, 50.0)
        + _town(3, 6, 5, 34.2, 50.1)  # 12 + 5 do not
    )
    sheets = plan(points, _order)
    assert [s.groups for s in sheets] == [
        [(1, 9), (1, None)], [(2, 5)], [(2, 5)], [(3, 4)], [(3, 6)],
    ]  # fmt: skip
    assert [(s.number, s.part, s.parts) for s in sheets] == [
        (1, 1, 1), (2, 1, 2), (3, 2, 2), (4, 1, 1), (5, 1, 1),
    ]  # fmt: skip
    for sheet in sheets:
        assert {(p.county_id, p.city_id) for p in sheet.points} == set(sheet.groups)
        assert len({county for county, _city in sheet.groups}) == 1


def test_an_area_that_fits_on_one_sheet_gets_one_sheet():
    points = _town(1, 1, 9, 35.0, 51.0) + _town(2, None, 6, 36.0, 52.0)
    sheets = plan(points, _order)
    assert len(sheets) == 1
    assert sheets[0].groups == [(1, 1), (2, None)]
    assert plan([], _order) == []


def test_mobile_stops_take_room_in_the_table():
    """Each stop is a line of its station's row, so stops count half a row towards a sheet."""
    fixed = _town(1, 1, SHEET_SIZE, 35.0, 51.0)
    assert len(plan(fixed, _order)) == 1
    mobile = [p._replace(stops=4) for p in fixed[:3]] + fixed[3:]  # 3 × 2 more rows
    sheets = plan(mobile, _order)
    assert len(sheets) == 2
    assert all(sum(p.rows for p in s.points) <= SHEET_SIZE for s in sheets)


def test_a_big_town_is_cut_into_neighbourhoods_that_do_not_overlap():
    sheets = plan(_town(1, 1, 200, 35.7, 51.4, spread=0.1), _order)
    boxes = [
        (
            min(p.lon for p in s.points),
            min(p.lat for p in s.points),
            max(p.lon for p in s.points),
            max(p.lat for p in s.points),
        )
        for s in sheets
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]


def test_plans_are_the_same_every_time():
    points = _town(1, 1, 120, 35.7, 51.4)
    first = [[p.code for p in s.points] for s in plan(points, _order)]
    again = [[p.code for p in s.points] for s in plan(list(reversed(points)), _order)]
    assert first == again


def test_numbering_reads_north_to_south_then_east_to_west():
    north_east = Point(1, "a", 1, 1, 35.9, 51.5)
    north_west = Point(2, "b", 1, 1, 35.9, 51.3)
    south = Point(3, "c", 1, 1, 35.5, 51.4)
    assert [p.code for p in reading_order([south, north_west, north_east])] == ["a", "b", "c"]
