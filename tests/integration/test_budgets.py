"""Byte budgets on the wire (DESIGN.md): first HTML ≤ 14 KB, fragments ≤ 5 KB, the whole first
visit of a station page ≤ 100 KB, the service-worker precache ≤ 150 KB, a saved pack ≤ 50 KB.
Sizes are what the server sends a browser that accepts brotli and gzip."""

import json
import posixpath
import re
from urllib.parse import quote, urljoin

import pytest

from tests.integration.helpers import a_station, busiest_constituency

KB = 1000  # the stricter reading of "KB"
FIRST_HTML = 14 * KB
FRAGMENT = 5 * KB
FIRST_VISIT = 100 * KB
PRECACHE = 150 * KB
PACK = 50 * KB
ACCEPT = {"Accept-Encoding": "br, gzip"}


def wire(client, url: str) -> bytes:
    """The body exactly as sent (compressed when the server compresses it)."""
    response = client.get(url, headers=ACCEPT)
    try:
        assert response.status_code == 200, url
        return response.get_data()
    finally:
        response.close()


def key_pages(app) -> list[str]:
    station = a_station(app)
    cid = busiest_constituency(app)
    return [
        "/",
        "/constituencies",
        f"/constituencies/{cid}",
        f"/constituencies/{cid}?page=2",
        "/stations?q=" + quote(station["city"]),
        "/stations/near?province=1",
        f"/stations/near?lat={station['lat']}&lon={station['lon']}",
        f"/stations/{station['code']}",
        "/offline",
        "/saved",
    ]


def precache_urls(client, with_saved_shell: bool = False) -> list[str]:
    """What the worker stores at install (and, with the first save, for the saved views)."""
    first_line = client.get("/sw.js").get_data(as_text=True).split("\n", 1)[0]
    config = json.loads(first_line.removeprefix("const CONFIG = ").removesuffix(";"))
    return config["precache"] + (config["savedShell"] if with_saved_shell else [])


def page_resources(client, url: str, html: str) -> set[str]:
    """Everything a page makes the browser fetch: styles, scripts, preloads, the manifest and
    its icons, the fonts its stylesheets name, the worker and what the worker precaches."""
    found = set(re.findall(r'<link rel="(?:stylesheet|preload|manifest)" href="([^"]+)"', html))
    found |= set(re.findall(r'<script src="([^"]+)"', html))
    for sheet in [u for u in found if u.endswith(".css")]:
        response = client.get(sheet)
        css_text = response.get_data(as_text=True)
        response.close()
        for ref in re.findall(r'url\("?([^")]+)"?\)', css_text):
            if not ref.startswith("data:"):
                found.add(posixpath.normpath(urljoin(sheet, ref)))
    manifest = next(u for u in found if u.endswith(".webmanifest"))
    found |= {icon["src"] for icon in client.get(manifest).get_json()["icons"]}
    return {urljoin(url, u) for u in found} | {"/sw.js", *precache_urls(client)}


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_first_html_of_key_pages_fits_one_round_trip(app, client, prefix):
    for url in key_pages(app):
        size = len(wire(client, prefix + url))
        assert size <= FIRST_HTML, f"{prefix}{url}: {size} B"


def test_fragments_fit_their_budget(app, client):
    station = a_station(app)
    cid = busiest_constituency(app)
    for url in (
        f"/constituencies/{cid}/stations?page=2",
        "/stations/results?q=" + quote(station["city"]),
        "/stations/results?q=" + station["code"],
    ):
        size = len(wire(client, url))
        assert size <= FRAGMENT, f"{url}: {size} B"


def test_precache_fits_its_budget(client):
    sizes = {url: len(wire(client, url)) for url in precache_urls(client, with_saved_shell=True)}
    assert sum(sizes.values()) <= PRECACHE, sizes


def test_whole_first_visit_of_a_station_page(app, client):
    url = f"/stations/{a_station(app)['code']}"
    html = wire(client, url)
    text = client.get(url).get_data(as_text=True)
    sizes = {url: len(html)}
    for resource in sorted(page_resources(client, url, text)):
        sizes[resource] = len(wire(client, resource))
    assert any("vazirmatn-700" in u for u in sizes) and any(u.endswith(".png") for u in sizes)
    assert sum(sizes.values()) <= FIRST_VISIT, sizes


def test_saved_pack_of_the_biggest_constituency(app, client):
    cid = busiest_constituency(app)
    size = len(wire(client, f"/constituencies/{cid}/pack.json"))
    assert size <= PACK, size
