"""Candidates in a real browser: station → candidates → Eitaa in two taps, htmx pages and
history, the private self-check with a moderator, no JavaScript, axe and the 360 px layout."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Race:
    """A constituency whose first list page shows a candidate with an Eitaa link."""

    cid: int
    station_code: str
    candidate_id: int
    eitaa_url: str
    tehran_id: int


@pytest.fixture(scope="session")
def race(live_app) -> Race:
    from webapp.candidates.queries import list_page
    from webapp.constituencies.models import Constituency
    from webapp.extensions import db
    from webapp.stations.models import Station

    with live_app.app_context():
        tehran = db.session.scalar(select(Constituency.id).order_by(Constituency.seats.desc()))
        for cid, code in db.session.execute(
            select(Station.constituency_id, Station.code)
            .where(Station.published.is_(True))
            .order_by(Station.code)
        ):
            listing = list_page(cid, 1)
            for person in listing.rows:
                eitaa = [c for c in listing.channels.get(person.id, []) if c.platform == "eitaa"]
                if eitaa:
                    db.session.remove()
                    return Race(cid, code, person.id, eitaa[0].url, tehran)
    raise AssertionError("no station's constituency shows an Eitaa link on its first page")


def test_station_to_a_candidates_eitaa_page_in_two_taps(page, race, screenshot):
    page.route(
        "https://eitaa.com/**", lambda route: route.fulfill(body="eitaa", content_type="text/plain")
    )
    page.goto(f"/stations/{race.station_code}")
    page.locator(f'a[href="/constituencies/{race.cid}/candidates"]').click()  # tap 1
    expect(page).to_have_url(re.compile(rf"/constituencies/{race.cid}/candidates$"))
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "candidates-list-fa")
    page.locator(f'#candidate-list a[href="{race.eitaa_url}"]').first.click()  # tap 2
    expect(page).to_have_url(race.eitaa_url)


def test_list_pages_through_htmx_with_whole_pages_in_history(page, race):
    page.goto(f"/constituencies/{race.tehran_id}/candidates")
    first = page.locator("#candidate-list ol a").first.get_attribute("href")
    with page.expect_response(re.compile(r"/candidates/list\?page=2")):
        page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(rf"/constituencies/{race.tehran_id}/candidates\?page=2$"))
    expect(page.locator(".pagination")).to_contain_text("۲")
    assert page.locator("#candidate-list ol a").first.get_attribute("href") != first
    page.reload()
    expect(page.locator("header.site-header")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/constituencies/{race.tehran_id}/candidates$"))
    expect(page.locator("#candidate-list ol a").first).to_have_attribute("href", first)


def test_filter_and_search_work_without_javascript(new_context, race):
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto(f"/constituencies/{race.tehran_id}/candidates")
    plain.locator("#status").select_option("disqualified")
    with plain.expect_navigation():
        plain.locator("form[role=search] button[type=submit]").click()
    expect(plain).to_have_url(re.compile(r"status=disqualified"))
    for meta in plain.locator("#candidate-list .result-list__meta").all_inner_texts():
        assert "رد صلاحیت" in meta or "disqualified" in meta


def test_candidate_checks_the_listing_and_a_moderator_applies_the_correction(
    new_context, live_app, race, screenshot
):
    from webapp.candidates.access import issue_candidate_token, issue_moderator_token
    from webapp.extensions import db

    with live_app.app_context():
        token = issue_candidate_token(race.candidate_id)
        moderator_token = issue_moderator_token("Browser moderator")
        db.session.commit()
        db.session.remove()

    candidate = new_context().new_page()
    candidate.goto(f"/candidates/self?t={token}")
    expect(candidate).to_have_url(re.compile(r"/candidates/self$"))
    candidate.locator("#field").select_option("list_name")
    candidate.locator("#proposed").fill("فهرست درست آزمایشی")
    candidate.locator("#evidence").fill("https://example.com/official-list")
    screenshot(candidate, "candidate-self-fa")
    candidate.locator("form[action$='/corrections'] button[type=submit]").click()
    expect(candidate.locator("main [role=status]").first).to_be_visible()
    expect(candidate.locator("#requests")).to_contain_text("فهرست درست آزمایشی")

    moderator = new_context().new_page()
    moderator.goto(f"/moderate?t={moderator_token}")
    expect(moderator).to_have_url(re.compile(r"/moderate$"))
    card = moderator.locator("section.card", has_text="فهرست درست آزمایشی")
    screenshot(moderator, "moderate-fa")
    card.locator("button[value=apply]").click()
    expect(moderator.locator("main [role=status]").first).to_be_visible()

    candidate.goto(f"/candidates/{race.candidate_id}")
    expect(candidate.locator("main")).to_contain_text("فهرست درست آزمایشی")
    expect(candidate.locator("details")).to_be_attached()


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("which", ["list", "candidate", "search", "answers"])
def test_candidate_pages_pass_axe_and_fit_a_phone(page, axe, screenshot, race, which, lang):
    prefix = "/en" if lang == "en" else ""
    path = {
        "list": f"/constituencies/{race.tehran_id}/candidates",
        "candidate": f"/candidates/{race.candidate_id}",
        "search": "/candidates?q=%D9%85%D8%AD%D9%85%D8%AF",
        "answers": "/answers",
    }[which]
    page.goto(prefix + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.evaluate("document.fonts.ready")
    screenshot(page, f"candidates-{which}-{lang}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    violations = axe(page)
    assert not violations, f"axe found {len(violations)} problems on {page.url}:\n{violations}"


def test_private_page_passes_axe(new_context, live_app, race, axe):
    from webapp.candidates.access import issue_candidate_token
    from webapp.extensions import db

    with live_app.app_context():
        token = issue_candidate_token(race.candidate_id)
        db.session.commit()
        db.session.remove()
    private = new_context().new_page()
    private.goto(f"/candidates/self?t={token}")
    expect(private).to_have_url(re.compile(r"/candidates/self$"))
    assert private.evaluate("document.documentElement.scrollWidth") <= 360
    violations = axe(private)
    assert not violations, str(violations)
