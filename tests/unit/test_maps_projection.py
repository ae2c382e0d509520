"""The map projection keeps distances and north, and the fit keeps every point in the frame."""

import math

import pytest

from webapp.maps.projection import Box, TransverseMercator, fit, nice_length
from webapp.places.geometry import haversine_m

TEHRAN = (51.389, 35.689)


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(51.50, 35.75), (51.30, 35.60), (52.10, 36.20), (50.2, 34.9)],
)
def test_projected_distances_match_the_ground_within_half_a_percent(lon, lat):
    projection = TransverseMercator(*TEHRAN)
    x0, y0 = projection.project(*TEHRAN)
    x1, y1 = projection.project(lon, lat)
    ground = haversine_m(TEHRAN[1], TEHRAN[0], lat, lon)
    assert math.hypot(x1 - x0, y1 - y0) == pytest.approx(ground, rel=0.005)


def test_north_is_up_and_east_is_right_on_the_frame():
    viewport = fit([(51.0, 35.0), (52.0, 36.0)], Box(0, 0, 100, 100))
    south_x, south_y = viewport.to_frame(51.5, 35.2)
    north_x, north_y = viewport.to_frame(51.5, 35.8)
    east_x, _ = viewport.to_frame(51.9, 35.5)
    west_x, _ = viewport.to_frame(51.1, 35.5)
    assert north_y < south_y
    assert north_x == pytest.approx(south_x, abs=0.5)  # the centre meridian is vertical
    assert east_x > west_x


def test_fit_keeps_every_point_inside_the_area_with_padding():
    points = [(51.2, 35.5), (51.6, 35.8), (51.4, 35.6), (51.25, 35.79)]
    area = Box(8, 8, 182, 112)
    viewport = fit(points, area)
    for lon, lat in points:
        x, y = viewport.to_frame(lon, lat)
        assert area.x0 < x < area.x1
        assert area.y0 < y < area.y1


def test_fit_of_a_single_point_uses_the_minimum_span():
    viewport = fit([(51.4, 35.7)], Box(0, 0, 100, 100), min_span_m=1000)
    assert viewport.metres_per_unit == pytest.approx(10)
    assert viewport.to_frame(51.4, 35.7) == pytest.approx((50, 50))


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(7, 5), (10, 10), (19_999, 10_000), (2_400, 2_000), (0.9, 0.5), (0, 0)],
)
def test_scale_bar_lengths_are_round(limit, expected):
    assert nice_length(limit) == pytest.approx(expected)
