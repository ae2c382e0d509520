"""Offline use in a real browser: the service worker installs, a constituency is saved, then
the server is stopped (Playwright's offline switch does not cut a worker's own requests) and
the phone keeps working from what it saved; a new build shows the "new version" banner."""

import logging
import re
import socket
import threading
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.browser.test_finder import expect_whole_page

pytestmark = pytest.mark.browser

PERSIAN_DIGIT = re.compile("[۰-۹]")
# While the server is down the browser reports the requests the worker lets fail on purpose
# (a fragment that was never saved, the manifest or icon it asks for again).
OFFLINE_NOISE = r"Failed to load resource|net::ERR_"


class _OneRequestHandler(WSGIRequestHandler):
    """One request per connection: no kept-alive connection outlives `stop()` and answers."""

    protocol_version = "HTTP/1.0"


class StoppableServer:
    """A threaded Werkzeug server on a fixed port that a test can stop and start again."""

    def __init__(self, app):
        self.app = app
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = self._thread = None

    def start(self) -> None:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = make_server(
            "127.0.0.1", self.port, self.app, threaded=True, request_handler=_OneRequestHandler
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None


@pytest.fixture
def server(live_app):
    """Its own server for one test, so stopping it leaves the shared live server alone."""
    running = StoppableServer(live_app)
    running.start()
    yield running
    running.stop()


@dataclass(frozen=True)
class Place:
    """A constituency with two of its stations, and a station of another constituency."""

    cid: int
    visited_code: str
    other_code: str
    lat: float
    lon: float
    elsewhere_code: str


@pytest.fixture(scope="session")
def place(live_app, demo) -> Place:
    from webapp.extensions import db
    from webapp.stations.models import Station

    with live_app.app_context():
        visited = db.session.scalars(select(Station).filter_by(code=demo.station_code)).one()
        same = db.session.scalars(
            select(Station)
            .filter_by(constituency_id=visited.constituency_id, published=True)
            .where(Station.code != visited.code)
            .order_by(Station.code.desc())
        ).first()
        elsewhere = db.session.scalars(
            select(Station)
            .filter_by(published=True)
            .where(Station.constituency_id != visited.constituency_id)
            .order_by(Station.code)
        ).first()
        result = Place(
            visited.constituency_id,
            visited.code,
            same.code,
            visited.lat,
            visited.lon,
            elsewhere.code,
        )
        db.session.remove()
    return result


def install_worker(page, url: str) -> None:
    """Open a page, wait until the worker is active, reload so that it controls the page."""
    page.goto(url)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def worker_build(page) -> str:
    return page.evaluate("() => window.raynamaOffline.ask({type: 'build'}).then(r => r.build)")


def forget_http_cache(page) -> None:
    """Empty the browser's HTTP cache, so that only the worker's own copies are left."""
    session = page.context.new_cdp_session(page)
    session.send("Network.clearBrowserCache")
    session.detach()


def expect_saved_copy(page) -> None:
    """The status bar says the page is a copy saved on a Jalali date, in Persian digits."""
    status = page.locator('[data-offline-status] [data-line="saved"]')
    expect(status).to_be_visible()
    assert PERSIAN_DIGIT.search(status.inner_text()), status.inner_text()
    assert "۱۴۰" in status.inner_text() or "۱۴۱" in status.inner_text()


def save_constituency(page, server, place) -> None:
    page.goto(f"{server.url}/stations/{place.visited_code}")
    box = page.locator("[data-save-offline]")
    expect(box).to_be_visible()
    box.locator("[data-save-button]").click()
    expect(box.locator("[data-save-status]")).to_contain_text(PERSIAN_DIGIT)
    expect(box.locator("[data-save-button]")).to_be_enabled()


def test_a_saved_constituency_works_with_the_server_stopped(
    new_context, server, place, browser_errors, screenshot
):
    context = new_context(
        geolocation={"latitude": place.lat + 0.0004, "longitude": place.lon},
        permissions=["geolocation"],
    )
    page = context.new_page()
    install_worker(page, f"{server.url}/")
    page.goto(f"{server.url}/constituencies")
    page.goto(f"{server.url}/constituencies/{place.cid}")
    save_constituency(page, server, place)

    server.stop()
    forget_http_cache(page)
    browser_errors.allow(OFFLINE_NOISE)

    page.reload()
    expect_whole_page(page)
    expect(page.locator("h1")).to_have_count(1)
    expect_saved_copy(page)

    # A boosted click to a page visited before: the worker's copy, a whole page.
    page.locator(".site-nav a[href$='/constituencies']").click()
    expect(page).to_have_url(re.compile(r"/constituencies$"))
    expect_whole_page(page)
    expect_saved_copy(page)

    # The saved constituency, then a station of it that was never opened: drawn from the pack.
    page.goto(f"{server.url}/constituencies/{place.cid}")
    expect_whole_page(page)
    page.goto(f"{server.url}/stations/{place.other_code}")
    expect_whole_page(page)
    expect(page.locator('[data-view="station"]')).to_be_visible()
    expect(page.locator('[data-field="code"]')).to_have_text(re.compile("^[۰-۹]+$"))
    screenshot(page, "offline-station-from-pack")

    # "Near me" inside the saved constituency, computed on the phone.
    page.goto(f"{server.url}/saved")
    expect_whole_page(page)
    page.locator("[data-near-saved]").click()
    nearest = page.locator('[data-field="near-list"] a')
    expect(nearest.first).to_be_visible()
    expect(page.locator(".station-list__distance").first).to_contain_text(PERSIAN_DIGIT)
    screenshot(page, "offline-saved-near-me")
    nearest.first.click()
    expect(page).to_have_url(re.compile(r"/stations/\w+$"))
    expect_whole_page(page)

    # Back and forward: whole pages every time.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/saved$"))
    expect_whole_page(page)
    page.go_back()
    expect_whole_page(page)
    page.go_forward()
    expect_whole_page(page)

    # A page never seen: the offline page, still a whole document in Persian.
    page.goto(f"{server.url}/stations/{place.elsewhere_code}")
    expect_whole_page(page)
    expect(page.locator('[data-view="missing"]')).to_be_visible()
    page.goto(f"{server.url}/stations/near?province=1")
    expect_whole_page(page)


def test_first_page_saved_page_links_and_history_work_offline(
    new_context, server, place, browser_errors
):
    page = new_context().new_page()
    # The very first page loads before the worker runs; it must still be kept.
    first = f"{server.url}/stations/{place.elsewhere_code}"
    page.goto(first)
    first_heading = page.locator("h1").inner_text()
    page.wait_for_function(
        "async () => !!(await (await caches.open('raynama-pages')).match(location.href))"
    )
    page.goto(f"{server.url}/constituencies/{place.cid}")
    save_constituency(page, server, place)
    page.goto(f"{server.url}/saved")  # the saved page, but never its per-constituency view

    server.stop()
    forget_http_cache(page)
    browser_errors.allow(OFFLINE_NOISE)

    page.goto(first)
    expect_whole_page(page)
    expect(page.locator("h1")).to_have_text(first_heading)

    page.goto(f"{server.url}/saved?c={place.cid}")
    expect_whole_page(page)
    expect(page.locator('[data-view="constituency"]')).to_be_visible()

    # Back and forward after a station drawn from the saved data: each view matches its address.
    page.goto(f"{server.url}/constituencies/{place.cid}")
    constituency_heading = page.locator("h1").inner_text()
    page.locator(f"main a[href$='/stations/{place.visited_code}']").first.click()
    expect(page).to_have_url(re.compile(rf"/stations/{place.visited_code}$"))
    station_heading = page.locator("h1").inner_text()
    assert station_heading != constituency_heading
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/constituencies/{place.cid}$"))
    expect(page.locator("h1")).to_have_text(constituency_heading)
    page.go_forward()
    expect(page).to_have_url(re.compile(rf"/stations/{place.visited_code}$"))
    expect(page.locator("h1")).to_have_text(station_heading)


def test_the_worker_never_answers_a_page_with_a_fragment(new_context, server, demo, browser_errors):
    page = new_context().new_page()
    install_worker(page, f"{server.url}/constituencies/{demo.big_constituency_id}")
    # The next page of stations comes as a fragment, which the worker files as a fragment.
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"\?page=2"))
    fragment_url = f"{server.url}/constituencies/{demo.big_constituency_id}/stations?page=2"
    page.wait_for_function(
        "async (url) => !!(await (await caches.open('raynama-fragments')).match(url))",
        arg=fragment_url,
    )

    server.stop()
    forget_http_cache(page)
    browser_errors.allow(OFFLINE_NOISE)
    page.goto(fragment_url)
    expect_whole_page(page)
    page.goto(f"{server.url}/constituencies/{demo.big_constituency_id}?page=2")
    expect_whole_page(page)
    page.go_back()
    expect_whole_page(page)


def test_a_new_build_shows_the_banner_and_switches_on_reload(new_context, server, live_app):
    page = new_context().new_page()
    install_worker(page, f"{server.url}/")
    first = worker_build(page)
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    expect(page.locator("[data-reload]")).to_have_count(0)

    live_app.config["OFFLINE_BUILD_ID"] = "new-build-for-test"
    try:
        page.reload()
        reload_button = page.locator("[data-reload]")
        expect(reload_button).to_be_visible(timeout=15_000)
        expect(page.locator('[data-offline-status] [data-line="update"]')).to_be_visible()
        assert worker_build(page) == first  # nothing switched behind the reader's back
        with page.expect_navigation():
            reload_button.click()
        expect_whole_page(page)
        assert worker_build(page) == "new-build-for-test"
        expect(page.locator("[data-reload]")).to_have_count(0)
    finally:
        live_app.config.pop("OFFLINE_BUILD_ID", None)


def test_saved_views_decode_the_pack_and_pass_axe(new_context, server, place, live_app, axe):
    from webapp.extensions import db
    from webapp.stations.models import Station

    context = new_context(
        geolocation={"latitude": place.lat, "longitude": place.lon}, permissions=["geolocation"]
    )
    page = context.new_page()
    install_worker(page, f"{server.url}/constituencies/{place.cid}")
    save_constituency(page, server, place)
    page.goto(f"{server.url}/saved")
    expect(page.locator(".saved-item")).to_have_count(1)
    decoded = page.evaluate(
        "() => window.raynamaPack.loadSaved().then(saved => saved[0].pack.stations)"
    )
    with live_app.app_context():
        rows = db.session.scalars(
            select(Station)
            .filter_by(constituency_id=place.cid, published=True)
            .order_by(Station.code)
        ).all()
        expected = [
            (s.code, s.name, s.address, s.landmark, s.neighbourhood, s.venue_kind, s.audience)
            + ((s.step_free, s.ramp, s.accessible_toilet, s.parking), s.electronic, s.is_mobile)
            + (s.is_sample, [stop.place for stop in s.stops])
            for s in rows
        ]
        db.session.remove()
    got = [
        (s["code"], s["name"], s["address"], s["landmark"], s["hood"], s["venue"], s["audience"])
        + (tuple(s["access"]), s["electronic"], s["mobile"], s["sample"])
        + ([stop["place"] for stop in s["stops"]],)
        for s in decoded
    ]
    assert got == expected
    assert not (violations := axe(page)), str(violations)

    page.locator('[data-field="stations"]').click()
    expect(page.locator('[data-view="constituency"]')).to_be_visible()
    page.locator(".saved-place > summary").first.click()
    expect(page.locator(".saved-place .result-list a").first).to_be_visible()
    page.locator("[data-near-saved]").click()
    expect(page.locator(".station-list__distance").first).to_be_visible()
    assert not (violations := axe(page)), str(violations)

    page.goto(f"{server.url}/en/saved")
    expect_whole_page(page, "en")
    expect(page.locator(".saved-item a").first).to_contain_text("Constituency of")
    assert not (violations := axe(page)), str(violations)


def test_english_pages_offline_stay_english(new_context, server, place, browser_errors):
    page = new_context().new_page()
    install_worker(page, f"{server.url}/en/stations/{place.visited_code}")
    save_constituency(page, server, place)
    server.stop()
    forget_http_cache(page)
    browser_errors.allow(OFFLINE_NOISE)
    page.goto(f"{server.url}/en/stations/{place.other_code}")
    expect_whole_page(page, "en")
    expect(page.locator('[data-view="station"]')).to_be_visible()
    expect(page.locator('[data-field="code"]')).to_have_text(place.other_code)
    expect(page.locator('[data-field="day"]')).to_contain_text(re.compile(r"\(\d+ \w+ 14\d\d\)"))
    page.goto(f"{server.url}/en/somewhere-never-seen")
    expect_whole_page(page, "en")
    expect(page.locator("h1")).to_have_text("You are offline")
