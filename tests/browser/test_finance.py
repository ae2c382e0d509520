"""Campaign finance in a real browser on a 360 px phone: from a candidate to their spending
against the cap, one category in one month, paging, export; without JavaScript; accessibility."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MONTH = ("۱۴۰۲/۱۱/۰۱", "۱۴۰۲/۱۱/۳۰")  # Bahman 1402, typed in Persian digits


@dataclass(frozen=True)
class FinanceDemo:
    candidate_id: int
    constituency_id: int
    category: str


@pytest.fixture(scope="session")
def finance_demo(live_app) -> FinanceDemo:
    """The sample candidate with the most rows, and their biggest spending category."""
    import json

    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.finance.models import FinanceSummary

    with live_app.app_context():
        summary = db.session.scalars(
            select(FinanceSummary).order_by(FinanceSummary.rows.desc(), FinanceSummary.candidate_id)
        ).first()
        categories = json.loads(summary.by_category)
        category = max(categories, key=lambda code: categories[code][0])
        demo = FinanceDemo(summary.candidate_id, summary.constituency_id, category)
        db.session.remove()
    return demo


def expect_whole(page, lang: str = "fa") -> None:
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)


def test_from_a_candidate_to_one_category_in_one_month_and_export(page, finance_demo):
    d = finance_demo
    page.goto(f"/candidates/{d.candidate_id}")
    page.locator(f'a[href$="/finance/candidates/{d.candidate_id}"]').click()
    expect(page).to_have_url(re.compile(rf"/finance/candidates/{d.candidate_id}$"))
    expect_whole(page)
    expect(page.locator("#cap-heading")).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(3)

    page.locator(f'table a[href*="category={d.category}"]').click()
    expect(page).to_have_url(
        re.compile(rf"/finance\?candidate={d.candidate_id}&category={d.category}$")
    )
    expect(page.locator("#finance-results-heading")).to_be_visible()

    if not page.locator("#from").is_visible():
        page.locator("details.finance-form__more > summary").click()
    page.locator("#from").fill(MONTH[0])
    page.locator("#to").fill(MONTH[1])
    with page.expect_response(re.compile(r"/finance/results\?")) as fragment:
        page.locator("form.finance-form button[type=submit]").click()
    assert fragment.value.status == 200
    # The slashes of a Jalali date may or may not be percent-encoded; both are the same address.
    expect(page).to_have_url(re.compile(r"from=1402(/|%2F)11(/|%2F)01&to=1402(/|%2F)11(/|%2F)30"))
    expect_whole(page)
    export = page.locator(".finance-export a").first
    href = export.get_attribute("href")
    assert f"candidate={d.candidate_id}" in href and f"category={d.category}" in href
    assert re.search(r"from=1402(/|%2F)11(/|%2F)01", href)
    with page.expect_download() as download:
        export.click()
    assert download.value.suggested_filename.endswith(".csv")


def test_paging_through_results_keeps_the_address_shareable(page):
    page.goto("/finance?direction=out")
    first = page.locator(".txn").first.get_attribute("data-id")
    with page.expect_response(re.compile(r"/finance/results\?.*after=")):
        page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"/finance\?direction=out&after="))
    expect(page.locator(".txn").first).not_to_have_attribute("data-id", first)
    shared = page.url
    page.goto(shared)
    expect_whole(page)
    expect(page.locator(".txn").first).not_to_have_attribute("data-id", first)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/finance\?direction=out$"))


def test_without_javascript_filters_and_pages_work(new_context):
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto("/finance")
    plain.locator("details.finance-form__more > summary").click()
    plain.locator("#category").select_option("printing")
    with plain.expect_navigation():
        plain.locator("form.finance-form button[type=submit]").click()
    expect(plain).to_have_url(re.compile(r"/finance\?.*category=printing"))
    first = plain.locator(".txn").first.get_attribute("data-id")
    with plain.expect_navigation():
        plain.locator(".pagination a[rel=next]").click()
    expect(plain.locator(".txn").first).not_to_have_attribute("data-id", first)
    expect(plain.locator("html")).to_have_attribute("dir", "rtl")


def test_a_bad_date_is_explained_next_to_the_field(page, browser_errors):
    browser_errors.allow(r"status of 400")
    page.goto("/finance?from=1402/13/01")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#from-error")).to_be_visible()


def _urls(demo: FinanceDemo, lang: str) -> dict:
    prefix = "/en" if lang == "en" else ""
    return {
        "finance-search": f"{prefix}/finance?category={demo.category}",
        "finance-candidate": f"{prefix}/finance/candidates/{demo.candidate_id}",
        "finance-constituency": f"{prefix}/finance/constituencies/{demo.constituency_id}",
    }


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", ["finance-search", "finance-candidate", "finance-constituency"])
def test_accessible_and_fits_a_phone(page, axe, screenshot, finance_demo, name, lang):
    page.goto(_urls(finance_demo, lang)[name])
    expect_whole(page, lang)
    page.evaluate("document.fonts.ready")
    screenshot(page, f"{name}-{lang}")
    violations = axe(page)
    assert not violations, str(violations)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"
