"""Queue levels in a real 360 px phone browser: live updates, ageing, pausing, no-JS staff form.

The site runs on a test clock set to polling day; the page runs on Playwright's clock, so
minutes pass in both without sleeping. Polling is set to every 2 s for these tests.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from webapp.crowding.clock import TestClock

pytestmark = pytest.mark.browser

ELECTION_MORNING = "2024-03-01T11:30+03:30"


@pytest.fixture(scope="session")
def _session_clock():
    """One clock for the session: the live database keeps rate limits between tests."""
    return TestClock(ELECTION_MORNING)


@pytest.fixture
def election_day(live_app, _session_clock):
    """The live site on polling day from 11:30 on, polling every 2 s; restored afterwards."""
    clock = _session_clock
    live_app.config.update(CLOCK_OVERRIDE=clock, QUEUE_POLL_SECONDS=2)
    yield clock
    live_app.config.pop("CLOCK_OVERRIDE", None)
    live_app.config.pop("QUEUE_POLL_SECONDS", None)


def _token(live_app, code: str) -> str:
    from sqlalchemy import select

    from webapp.crowding import tokens
    from webapp.extensions import db
    from webapp.stations.models import Station

    with live_app.app_context():
        station = db.session.scalars(select(Station).filter_by(code=code)).one()
        issued, _kept = tokens.issue([station], rotate=True, now=dt.datetime.now(dt.UTC))
        token = issued[0].token
        db.session.remove()
    return token


def _report(live_app, clock, code: str, level: str) -> None:
    """A staff report through the bots' API, a minute after the previous one."""
    clock.advance(seconds=61)
    client = live_app.test_client()
    response = client.post(
        f"/api/stations/{code}/queue",
        json={"level": level},
        headers={"Authorization": f"Bearer {_token(live_app, code)}"},
    )
    assert response.status_code == 201, response.json


def _open(page, url: str) -> None:
    """Open a page on Playwright's clock, paused: time moves only when the test moves it."""
    page.clock.install()
    page.goto(url)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 2)  # seconds


def _jump(page, minutes: int) -> None:
    """Move the page's clock on once no request is in flight (htmx would time it out)."""
    page.wait_for_load_state("networkidle")
    page.clock.fast_forward(minutes * 60 * 1000)
    page.clock.run_for(3000)


def _run_until(page, done, tries: int = 30) -> bool:
    """Move the page's clock half a second at a time, letting real requests finish."""
    for _attempt in range(tries):
        if done():
            return True
        page.clock.run_for(500)
        page.wait_for_timeout(250)
    return done()


def _queue_requests(page) -> list[int]:
    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if r.url.split("?")[0].endswith("/queue") else None,
    )
    return statuses


def test_levels_change_and_age_without_reloading(page, live_app, election_day, demo, screenshot):
    code = demo.station_code
    _report(live_app, election_day, code, "short")
    statuses = _queue_requests(page)
    _open(page, f"/en/stations/{code}")
    status = page.locator("#queue-status")
    expect(status).to_contain_text("Short queue")
    expect(status).to_contain_text("just now")
    page.evaluate("window.__sameDocument = true")

    _report(live_app, election_day, code, "very_long")
    page.clock.run_for(3000)
    expect(status).to_contain_text("Very long queue", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True

    election_day.advance(minutes=5)
    _jump(page, 5)
    expect(status).to_contain_text("5 min ago", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True
    assert 304 in statuses or statuses.count(200) >= 2, statuses
    screenshot(page, "crowding-station-en")

    election_day.advance(minutes=41)  # 46 minutes without a report: it fades
    _jump(page, 41)
    expect(status).to_contain_text("No recent report", timeout=10_000)


def test_near_page_badges_change_and_age_without_reloading(page, live_app, election_day):
    from tests.browser.test_finder import TABRIZ
    from webapp.stations.queries import nearest_stations

    lat, lon = TABRIZ["latitude"], TABRIZ["longitude"]
    with live_app.app_context():
        code = nearest_stations(lat, lon, limit=3)[1][0].code
    _report(live_app, election_day, code, "short")
    _open(page, f"/en/stations/near?lat={lat}&lon={lon}")
    badge = page.locator(f"#q-{code}")
    expect(badge).to_contain_text("Short queue")
    page.evaluate("window.__sameDocument = true")
    _report(live_app, election_day, code, "long")
    page.clock.run_for(3000)
    expect(badge).to_contain_text("Long queue", timeout=10_000)
    election_day.advance(minutes=7)
    _jump(page, 7)
    expect(badge).to_contain_text("7 min ago", timeout=10_000)
    assert page.evaluate("window.__sameDocument") is True


def test_polling_stops_while_the_tab_is_hidden(page, live_app, election_day, demo):
    statuses = _queue_requests(page)
    _open(page, f"/stations/{demo.station_code}")
    assert _run_until(page, lambda: len(statuses) >= 1), "the page never polled"
    page.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', "
        "{value: 'hidden', configurable: true}); "
        "document.dispatchEvent(new Event('visibilitychange')); }"
    )
    page.wait_for_load_state("networkidle")
    hidden_from = len(statuses)
    page.clock.run_for(20_000)
    page.wait_for_timeout(1000)
    assert len(statuses) == hidden_from, "the page kept polling while hidden"
    page.evaluate(
        "() => { Object.defineProperty(document, 'visibilityState', "
        "{value: 'visible', configurable: true}); "
        "document.dispatchEvent(new Event('visibilitychange')); }"
    )
    assert _run_until(page, lambda: len(statuses) > hidden_from), (
        "polling did not resume when the tab came back"
    )


def test_staff_link_works_with_javascript_off(
    new_context, live_app, election_day, demo, screenshot
):
    token = _token(live_app, demo.station_code)
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto(f"/stations/{demo.station_code}/staff?key={token}")
    expect(plain.locator("h1")).to_be_visible()
    screenshot(plain, "crowding-staff-form-fa")
    width = plain.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the staff form scrolls sideways: {width}px"
    plain.fill("#people", "۳۵")
    plain.locator("#level-long").click()
    expect(plain).to_have_url(re.compile(r"sent=1"))
    expect(plain.locator(".notice--done")).to_be_visible()
    expect(plain.locator("#queue-status .queue--3")).to_be_visible()
    assert "35" in plain.locator("#queue-status").inner_text().translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    )
    screenshot(plain, "crowding-staff-sent-fa")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_queue_pages_fit_a_phone_and_pass_axe(
    page, axe, screenshot, live_app, election_day, demo, lang
):
    from tests.browser.test_finder import TABRIZ

    code = demo.station_code
    _report(live_app, election_day, code, "medium")
    prefix = "/en" if lang == "en" else ""
    token = _token(live_app, code)
    near = f"{prefix}/stations/near?lat={TABRIZ['latitude']}&lon={TABRIZ['longitude']}&order=quiet"
    pages = {
        "station": f"{prefix}/stations/{code}",
        "near-quiet": near,
        "least-crowded": f"{prefix}/constituencies/{demo.big_constituency_id}/least-crowded",
        "staff": f"{prefix}/stations/{code}/staff?key={token}",
        "report": f"{prefix}/stations/{code}/queue/report",
    }
    for name, url in pages.items():
        page.goto(url)
        expect(page.locator("h1")).to_have_count(1)
        page.evaluate("document.fonts.ready")
        screenshot(page, f"crowding-{name}-{lang}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} scrolls sideways: {width}px"
        violations = axe(page)
        assert not violations, f"axe found problems on {url}:\n{violations}"
    page.goto(near)
    expect(page.locator(".queue-order strong")).to_have_text(
        "Least crowded nearby" if lang == "en" else "خلوت‌ترین‌های نزدیک"
    )
