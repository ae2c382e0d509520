"""A drawn map: one marker per station inside the frame, furniture present, CSP-safe markup."""

import math
import re

import html5lib

from webapp.maps.projection import Box, fit
from webapp.maps.svgmap import MapDrawing, Marker, draw

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[51.0, 35.0], [52.0, 35.0], [52.0, 36.0], [51.0, 36.0], [51.0, 35.0]]],
}


def _drawing(markers):
    viewport = fit([(m.lon, m.lat) for m in markers], Box(8, 8, 182, 112))
    return MapDrawing(
        viewport=viewport,
        width=190,
        height=125,
        title="Test map",
        layers=[("map__area", SQUARE)],
        markers=markers,
        scale_label=lambda metres: f"{metres:g} m",
    )


def _svg_tree(svg: str):
    document = html5lib.parse(f"<!doctype html><body>{svg}", namespaceHTMLElements=False)
    return document.find(".//{http://www.w3.org/2000/svg}svg")


def test_one_marker_per_station_all_inside_the_frame():
    markers = [
        Marker(
            str(n),
            51.4 + (n % 5) * 0.0004,
            35.7 + (n // 5) * 0.0003,
            n % 3 == 0,
            n % 7 == 0,
            f"code-{n}",
        )
        for n in range(1, 26)
    ]
    svg = draw(_drawing(markers))
    groups = [g for g in _svg_tree(svg).iter() if "marker" in g.get("class", "").split()]
    assert [g.get("data-key") for g in groups] == [m.key for m in markers]
    for group in groups:
        rect = group.find("{http://www.w3.org/2000/svg}rect")
        x, y = float(rect.get("x")), float(rect.get("y"))
        w, h = float(rect.get("width")), float(rect.get("height"))
        assert x >= 0 and x + w <= 190 and y >= 0 and y + h <= 125


def test_furniture_and_attribution_are_drawn():
    svg = draw(_drawing([Marker("1", 51.5, 35.5)]))
    assert "© OpenStreetMap contributors" in svg
    assert 'class="map__north"' in svg
    metres = float(re.search(r'data-metres="([\d.]+)"', svg).group(1))
    assert metres / 10 ** math.floor(math.log10(metres)) in (1, 2, 5)
    assert 'role="img" aria-label="Test map"' in svg


def test_no_inline_styles_which_the_csp_would_block():
    svg = draw(_drawing([Marker("12", 51.5, 35.5, filled=True, square=True)]))
    assert "style=" not in svg and "<style" not in svg
