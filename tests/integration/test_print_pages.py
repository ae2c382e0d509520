"""Print pages: sheets with one marker per listed station, an index for big areas, QR codes."""

import gzip

import pytest
from sqlalchemy import func, select

from tests.integration.helpers import (
    a_station,
    assert_whole_page,
    busiest_constituency,
    parse_document,
)
from tests.unit.test_maps_qr import decode, raster_from_svg
from webapp.maps.sheets import SHEET_SIZE
from webapp.maps.views import MAX_SHEETS_AT_ONCE

SVG = "{http://www.w3.org/2000/svg}"
FIRST_HTML_BUDGET = 14 * 1024
PREFIXES = {"fa": "", "en": "/en"}


def _small_constituency(app) -> int:
    """A constituency whose stations fit on one sheet."""
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        return db.session.execute(
            select(Station.constituency_id)
            .where(Station.published.is_(True))
            .group_by(Station.constituency_id)
            .having(func.count().between(3, SHEET_SIZE))
            .order_by(Station.constituency_id)
            .limit(1)
        ).scalar_one()


def _codes(app, **filters) -> set[str]:
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        return set(db.session.scalars(select(Station.code).filter_by(published=True, **filters)))


def _map(tree, css_class="map"):
    return next(e for e in tree.iter(f"{SVG}svg") if css_class in e.get("class", "").split())


def _markers(svg) -> list:
    return [g for g in svg.iter(f"{SVG}g") if "marker" in g.get("class", "").split()]


def _inside(svg, marker) -> bool:
    _x, _y, width, height = (float(v) for v in svg.get("viewBox").split())
    rect = marker.find(f"{SVG}rect")
    x, y = float(rect.get("x")), float(rect.get("y"))
    return (
        x >= 0
        and x + float(rect.get("width")) <= width
        and y >= 0
        and (y + float(rect.get("height")) <= height)
    )


def _sheet(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    tree = parse_document(response.get_data())
    svg = _map(tree)
    rows = tree.findall(".//table[@class='stations-table']/tbody/tr")
    return response, svg, rows


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_small_constituency_prints_one_sheet_with_matching_map_and_table(app, client, lang):
    cid = _small_constituency(app)
    response, svg, rows = _sheet(client, f"{PREFIXES[lang]}/constituencies/{cid}/print")
    assert_whole_page(response, lang)
    markers = _markers(svg)
    assert [m.get("data-key") for m in markers] == [r.get("data-key") for r in rows]
    assert {r.get("data-key") for r in rows} == _codes(app, constituency_id=cid)
    numbers = [m.find(f"{SVG}text").text for m in markers]
    assert numbers == [r.find("td").text for r in rows]  # the same numbers, the same digits
    assert all(_inside(svg, m) for m in markers)
    body = response.get_data(as_text=True)
    assert "© OpenStreetMap contributors" in body
    assert 'class="map__north"' in body and 'class="map__scale"' in body
    assert 'class="map-legend"' in body and 'class="sheet__stamp"' in body


def test_a_big_constituency_prints_an_index_and_sheets_covering_every_station(app, client):
    cid = busiest_constituency(app)
    index = client.get(f"/constituencies/{cid}/print")
    tree = parse_document(index.get_data())
    groups = tree.findall(".//table[@class='stations-table index-table']/tbody/tr")
    assert groups and not tree.findall(".//table[@class='stations-table']")
    assert tree.findall(".//p[@class='sheet__sample']")  # the index says the stations are samples
    index_markers = _markers(_map(tree))
    expected = [r.get("data-key") for r in groups]
    if len(groups) == 1:
        expected = [f"sheet-{n}" for n in range(1, len(index_markers) + 1)]
    assert [m.get("data-key") for m in index_markers] == expected
    links = list(
        dict.fromkeys(a.get("href") for a in tree.findall(".//ul[@class='sheet-links']//a"))
    )
    assert links == [f"/constituencies/{cid}/print?sheet={n}" for n in range(1, len(links) + 1)]
    assert len(links) > 1
    seen: list[str] = []
    for link in links:
        _response, svg, rows = _sheet(client, link)
        markers = _markers(svg)
        assert 1 <= len(rows) <= SHEET_SIZE
        assert [m.get("data-key") for m in markers] == [r.get("data-key") for r in rows]
        assert all(_inside(svg, m) for m in markers)
        seen += [r.get("data-key") for r in rows]
    assert sorted(seen) == sorted(_codes(app, constituency_id=cid))


@pytest.mark.parametrize(
    ("query", "status"), [("sheet=9999", 404), ("sheet=x", 400), ("sheet=0", 400)]
)
def test_sheet_numbers_are_checked(app, client, query, status):
    cid = busiest_constituency(app)
    assert client.get(f"/constituencies/{cid}/print?{query}").status_code == status


def test_all_sheets_on_one_page_when_there_are_few(app, client):
    cid = busiest_constituency(app)
    tree = parse_document(client.get(f"/constituencies/{cid}/print").get_data())
    sheets = len({a.get("href") for a in tree.findall(".//ul[@class='sheet-links']//a")})
    response = client.get(f"/constituencies/{cid}/print?sheet=all")
    if sheets > MAX_SHEETS_AT_ONCE:
        assert response.status_code == 400
        assert "too many to print on one page" in client.get(
            f"/en/constituencies/{cid}/print?sheet=all"
        ).get_data(as_text=True)
        return
    tree = parse_document(response.get_data())
    assert len([s for s in tree.iter("section") if s.get("class") == "sheet"]) == sheets
    codes = [r.get("data-key") for r in tree.findall(".//table[@class='stations-table']/tbody/tr")]
    assert sorted(codes) == sorted(_codes(app, constituency_id=cid))
    assert (
        client.get(f"/constituencies/{_small_constituency(app)}/print?sheet=all").status_code == 404
    )


@pytest.mark.parametrize(("prefix", "text"), [("", "بیش از آن است"), ("/en", "too many to print")])
def test_too_many_sheets_for_one_page_is_said_plainly(client, app, monkeypatch, prefix, text):
    from webapp.maps import views

    monkeypatch.setattr(views, "MAX_SHEETS_AT_ONCE", 1)
    cid = busiest_constituency(app)
    response = client.get(f"{prefix}/constituencies/{cid}/print?sheet=all")
    assert response.status_code == 400
    assert text in response.get_data(as_text=True)


def _printed_codes(client, url) -> list[str]:
    """Codes on every sheet of a print page (following the index when there is one)."""
    tree = parse_document(client.get(url).get_data())
    links = dict.fromkeys(a.get("href") for a in tree.findall(".//ul[@class='sheet-links']//a"))
    if not links:
        return [r.get("data-key") for r in tree.findall(".//tbody/tr")]
    return [r.get("data-key") for link in links for r in _sheet(client, link)[2]]


def test_a_county_prints_its_towns_one_at_a_time_or_all_together(app, client):
    from webapp.extensions import db
    from webapp.stations.models import Station

    code = a_station(app)["code"]
    with app.app_context():
        row = db.session.scalar(select(Station).filter_by(code=code))
        county_id, city_id = row.county_id, row.city_id
    town = _printed_codes(client, f"/counties/{county_id}/print?city={city_id}")
    assert code in town
    assert sorted(town) == sorted(_codes(app, county_id=county_id, city_id=city_id))
    rural = _printed_codes(client, f"/counties/{county_id}/print?city=none")
    assert sorted(rural) == sorted(_codes(app, county_id=county_id, city_id=None))
    whole = _printed_codes(client, f"/counties/{county_id}/print")
    assert sorted(whole) == sorted(_codes(app, county_id=county_id))
    for where in ["", f"?city={city_id}", "?city=none"]:
        title = parse_document(client.get(f"/counties/{county_id}/print{where}").get_data())
        assert "شهرستان" in title.findtext(".//h1") and "ounty" not in title.findtext(".//title")


@pytest.mark.parametrize(
    "url", ["/counties/999999/print", "/constituencies/999999/print", "/counties/1/print?city=1"]
)
def test_unknown_areas_and_cities_of_other_counties_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404


def _qr_url(tree) -> str:
    svg = _map(tree, "qr")
    from xml.etree import ElementTree

    markup = ElementTree.tostring(svg, encoding="unicode").replace("ns0:", "").replace(":ns0", "")
    return decode(raster_from_svg(markup))


@pytest.mark.parametrize(
    ("base", "lang", "expected"),
    [
        ("", "fa", "http://localhost/constituencies/{cid}"),
        ("", "en", "http://localhost/en/constituencies/{cid}"),
        ("https://raynama.example", "fa", "https://raynama.example/constituencies/{cid}"),
    ],
)
def test_the_qr_code_decodes_to_the_constituency_page(app, client, base, lang, expected):
    app.config["PUBLIC_BASE_URL"] = base
    for cid in (_small_constituency(app), busiest_constituency(app)):
        tree = parse_document(client.get(f"{PREFIXES[lang]}/constituencies/{cid}/print").get_data())
        assert _qr_url(tree) == expected.format(cid=cid)


def test_the_stamp_says_when_the_data_was_last_changed(app, client):
    from webapp.extensions import db
    from webapp.stations.models import Station
    from webapp.text.dates import format_datetime

    cid = _small_constituency(app)
    with app.app_context():
        newest = db.session.scalar(
            select(func.max(Station.updated_at)).filter_by(constituency_id=cid, published=True)
        )
    body = client.get(f"/constituencies/{cid}/print").get_data(as_text=True)
    assert format_datetime(newest, "fa") in body


@pytest.mark.parametrize("which", ["small", "index", "sheet"])
def test_print_pages_fit_the_first_response_budget(app, client, which):
    cid = _small_constituency(app) if which == "small" else busiest_constituency(app)
    url = f"/constituencies/{cid}/print" + ("?sheet=1" if which == "sheet" else "")
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.get_data()) <= FIRST_HTML_BUDGET
    assert len(gzip.decompress(response.get_data())) < 120_000


def test_constituency_page_links_to_its_print_page(app, client):
    cid = _small_constituency(app)
    body = client.get(f"/constituencies/{cid}").get_data(as_text=True)
    assert f'href="/constituencies/{cid}/print"' in body


def test_a_withdrawn_station_leaves_the_printout_at_once(app, client):
    from webapp.extensions import db
    from webapp.stations.models import Station

    cid = busiest_constituency(app)
    before = _printed_codes(client, f"/constituencies/{cid}/print")
    with app.app_context():
        station = db.session.scalar(select(Station).filter_by(code=before[0]))
        station.published = False
        db.session.commit()
    after = _printed_codes(client, f"/constituencies/{cid}/print")
    assert sorted(after) == sorted(set(before) - {before[0]})
