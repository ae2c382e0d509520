"""Print pages and station cards in Chromium: A4 and A6 print layouts, markers inside the map
frame and apart, QR codes that a camera can read, the copy button and its no-JavaScript stand-in.

Screenshots land in test-results/screenshots/print-*.png for a person to look at.
"""

import re

import cv2
import numpy as np
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# The printable area inside the 10 mm (A4) and 5 mm (A6) page margins, at 96 px per inch.
A4_AREA = {"width": 718, "height": 1047}
A6_AREA = {"width": 359, "height": 522}
A4_POINTS = (595.92, 842.88)
A6_POINTS = (297.6, 419.52)


def _decode_element(locator) -> str:
    """Screenshot one element and read the QR code in it."""
    png = locator.screenshot()
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    image = cv2.copyMakeBorder(image, 24, 24, 24, 24, cv2.BORDER_CONSTANT, value=255)
    return cv2.QRCodeDetector().detectAndDecode(image)[0]


def _page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def _print_page(new_context, url: str, area=A4_AREA):
    page = new_context(device_scale_factor=2).new_page()
    page.set_viewport_size(area)
    page.emulate_media(media="print")
    page.goto(url)
    page.evaluate("document.fonts.ready")
    return page


def _expect_markers_inside_and_apart(page, svg) -> int:
    frame = svg.bounding_box()
    boxes = [m.bounding_box() for m in svg.locator("g.marker").all()]
    for box in boxes:
        assert (
            frame["x"] - 0.5 <= box["x"]
            and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
        )
        assert (
            frame["y"] - 0.5 <= box["y"]
            and box["y"] + box["height"] <= frame["y"] + frame["height"] + 0.5
        )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"] + 0.5
                or b["x"] + b["width"] <= a["x"] + 0.5
                or a["y"] + a["height"] <= b["y"] + 0.5
                or b["y"] + b["height"] <= a["y"] + 0.5
            )
            assert apart, f"markers overlap on {page.url}"
    return len(boxes)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_sheet_prints_on_a4_with_one_marker_per_station(
    new_context, screenshot, demo, live_server, lang
):
    prefix = "/en" if lang == "en" else ""
    page = _print_page(
        new_context, f"{prefix}/constituencies/{demo.big_constituency_id}/print?sheet=1"
    )
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.locator(".print-tools")).to_be_hidden()
    svg = page.locator("section.sheet svg.map")
    expect(svg).to_be_visible()
    rows = page.locator(".stations-table tbody tr")
    count = _expect_markers_inside_and_apart(page, svg)
    assert count == rows.count() >= 1
    assert svg.locator("g.marker").evaluate_all(
        "gs => gs.map(g => g.dataset.key)"
    ) == rows.evaluate_all("rs => rs.map(r => r.dataset.key)")
    width = svg.bounding_box()["width"]
    assert 700 <= width <= 720  # the map spans the 190 mm print width
    screenshot(page, f"print-sheet-{lang}")
    url = f"{live_server}{prefix}/constituencies/{demo.big_constituency_id}"
    assert _decode_element(page.locator("section.sheet svg.qr")) == url
    sizes = _page_sizes(page.pdf(prefer_css_page_size=True))
    assert len(sizes) == 1  # a sheet is one A4 page: map, legend and the whole table
    assert sizes and all(
        w == pytest.approx(A4_POINTS[0], abs=1.5) and h == pytest.approx(A4_POINTS[1], abs=1.5)
        for w, h in sizes
    )


def test_the_index_prints_with_a_marker_per_area_or_sheet(new_context, screenshot, demo):
    page = _print_page(new_context, f"/constituencies/{demo.big_constituency_id}/print")
    svg = page.locator("section.sheet--index svg.map")
    count = _expect_markers_inside_and_apart(page, svg)
    rows = page.locator(".index-table tbody tr").count()
    links = len(set(page.locator(".sheet-links a").evaluate_all("as => as.map(a => a.href)")))
    assert count == (links if rows == 1 else rows)
    screenshot(page, "print-index-fa")


@pytest.fixture(scope="module")
def busiest_city(live_app) -> tuple[int, int]:
    """(county id, city id) of the town with the most published stations."""
    from sqlalchemy import func, select

    from webapp.extensions import db
    from webapp.stations.models import Station

    with live_app.app_context():
        row = db.session.execute(
            select(Station.county_id, Station.city_id)
            .where(Station.published.is_(True), Station.city_id.is_not(None))
            .group_by(Station.county_id, Station.city_id)
            .order_by(func.count().desc(), Station.city_id)
            .limit(1)
        ).one()
        db.session.remove()
    return tuple(row)


def test_a_big_town_index_shows_its_sheets_with_their_extents(
    new_context, screenshot, busiest_city
):
    county_id, city_id = busiest_city
    page = _print_page(new_context, f"/counties/{county_id}/print?city={city_id}")
    svg = page.locator("section.sheet--index svg.map")
    expect(svg).to_be_visible()
    sheets = page.locator(".sheet-links a").count()
    assert sheets > 1
    assert _expect_markers_inside_and_apart(page, svg) == sheets
    assert svg.locator("rect.map__box").count() == sheets
    screenshot(page, "print-town-index-fa")


def test_the_station_card_prints_on_a6_and_its_qr_code_opens_the_station(
    new_context, screenshot, demo, live_server
):
    page = _print_page(new_context, f"/stations/{demo.station_code}/card", A6_AREA)
    expect(page.locator(".share")).to_be_hidden()
    expect(page.locator("article.card-sheet h1")).to_have_text(demo.station_name)
    screenshot(page, "print-card-fa")
    assert (
        _decode_element(page.locator("article svg.qr"))
        == f"{live_server}/stations/{demo.station_code}"
    )
    sizes = _page_sizes(page.pdf(prefer_css_page_size=True))
    assert sizes == [pytest.approx(A6_POINTS, abs=1.5)]


def test_copy_button_copies_the_share_text(page, demo, screenshot):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"/stations/{demo.station_code}/card")
    text = page.locator("#share-text").input_value()
    assert demo.station_name in text and text.rstrip().endswith(f"/stations/{demo.station_code}")
    button = page.locator("button[data-copy]")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("[data-copy-status]")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == text
    expect(page.locator("img.share__image")).to_be_visible()
    assert page.locator("img.share__image").evaluate("img => img.naturalWidth") == 800
    screenshot(page, "card-screen-fa")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_without_javascript_the_text_is_there_to_copy_by_hand(new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/stations/{demo.station_code}/card")
    expect(page.locator("button[data-copy]")).to_be_hidden()
    expect(page.locator("button[data-print]")).to_be_hidden()
    area = page.locator("#share-text")
    expect(area).to_be_visible()
    expect(area).to_have_attribute("readonly", "")
    assert demo.station_name in area.input_value()
    expect(page.locator(".share__links a").first).to_be_visible()


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("path", ["print-sheet", "card"])
def test_print_and_card_pages_pass_axe_and_fit_a_phone(page, axe, screenshot, demo, lang, path):
    prefix = "/en" if lang == "en" else ""
    url = {
        "print-sheet": f"/constituencies/{demo.big_constituency_id}/print?sheet=1",
        "card": f"/stations/{demo.station_code}/card",
    }[path]
    page.goto(prefix + url)
    page.evaluate("document.fonts.ready")
    violations = axe(page)
    assert not violations, f"axe found {len(violations)} problems on {page.url}:\n{violations}"
    screenshot(page, f"phone-{path}-{lang}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
