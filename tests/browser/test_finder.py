"""The station finder in a real browser: search, history, near me, the chooser, no-JS, languages,
accessibility, the 360 px layout and error pages."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Shared by the "near me" test's browser: Tabriz, near the city centre.
TABRIZ = {"latitude": 38.0738, "longitude": 46.2978}

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
TO_ASCII = str.maketrans(PERSIAN_DIGITS, "0123456789")
STATION_URL = re.compile(r"/stations/[0-9A-Z]+$")


# --- helpers --------------------------------------------------------------------------------


def expect_whole_page(page, lang: str = "fa") -> None:
    """A whole document: the site's header, one main, the footer, the stylesheet, lang and dir."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", "ltr" if lang == "en" else "rtl")
    expect(page.locator("header.site-header")).to_have_count(1)
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("footer.site-footer")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    expect(page).to_have_title(re.compile(r"\S.* [–·] \S"))
    # The stylesheet is applied: without it the body would be in the browser's default serif.
    page.wait_for_function("() => getComputedStyle(document.body).fontFamily.includes('Vazirmatn')")


def persian_to_metres(text: str) -> float:
    """'۸۵۰ متر' → 850, '۱٫۲ کیلومتر' → 1200; insists on Persian digits only."""
    text = text.strip()
    assert re.search(f"[{PERSIAN_DIGITS}]", text), f"no Persian digits in {text!r}"
    assert not re.search(r"[0-9]", text), f"ASCII digits in {text!r}"
    match = re.fullmatch(r"([۰-۹٬]+(?:٫[۰-۹]+)?)\s+(متر|کیلومتر)", text)
    assert match, f"unexpected distance {text!r}"
    number = float(match.group(1).replace("٬", "").replace("٫", ".").translate(TO_ASCII))
    return number * (1000 if match.group(2) == "کیلومتر" else 1)


def expect_nearest_list(page) -> list[float]:
    """1–10 stations with Persian distances in ascending order; returns the distances."""
    items = page.locator("ol.station-list > li")
    expect(items.first).to_be_visible()
    count = items.count()
    assert 1 <= count <= 10
    distances = [
        persian_to_metres(t) for t in page.locator(".station-list__distance").all_inner_texts()
    ]
    assert len(distances) == count
    assert distances == sorted(distances), distances
    return distances


def result_links(page) -> list[tuple[str, str]]:
    """(href, text) of every search result, in order."""
    links = page.locator("#results a")
    return [(a.get_attribute("href"), " ".join(a.inner_text().split())) for a in links.all()]


def fa_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", PERSIAN_DIGITS))


def url_of(name: str, demo, lang: str = "fa") -> str:
    """The pages the accessibility and layout checks visit."""
    prefix = "/en" if lang == "en" else ""
    city = demo.city if lang == "fa" else "Tabriz"
    paths = {
        "home": "/",
        "search": f"/stations?q={quote(city)}",
        "station": f"/stations/{demo.station_code}",
        "constituencies": "/constituencies",
        "constituency": f"/constituencies/{demo.big_constituency_id}",
        "near": "/stations/near",
        "near-city": f"/stations/near?city={demo.city_id}",
    }
    return prefix + paths[name]


PAGES = ["home", "search", "station", "constituencies", "constituency", "near", "near-city"]


# --- search ---------------------------------------------------------------------------------


def test_search_by_city_from_home_reaches_a_sample_station(page, demo):
    page.goto("/")
    expect_whole_page(page)
    page.locator("#q").fill(demo.city)
    page.locator("#q").press("Enter")

    expect(page).to_have_url(re.compile(r"/stations\?q=" + re.escape(quote(demo.city))))
    expect(page.locator("#results-heading")).to_contain_text(f"«{demo.city}»")
    page.locator(f'#results a[href$="/stations/near?city={demo.city_id}"]').click()

    expect(page).to_have_url(re.compile(rf"/stations/near\?city={demo.city_id}$"))
    expect_nearest_list(page)
    page.locator("ol.station-list a").first.click()

    expect(page).to_have_url(STATION_URL)
    expect_whole_page(page)
    expect(page.locator(".notice--sample")).to_contain_text("داده نمونه")


def test_search_by_station_code_in_persian_digits(page, demo):
    page.goto("/stations")
    page.locator("#q").fill(fa_digits(demo.station_code))
    page.locator("form[role=search] button[type=submit]").click()

    result = page.locator(f'#results a[href$="/stations/{demo.station_code}"]')
    expect(result).to_contain_text(demo.station_name)
    expect(result).to_contain_text(fa_digits(demo.station_code))
    result.click()

    expect(page).to_have_url(re.compile(rf"/stations/{demo.station_code}$"))
    expect_whole_page(page)
    expect(page.locator("h1")).to_have_text(demo.station_name)
    expect(page.locator(".notice--sample")).to_contain_text("داده نمونه")


def test_search_history_back_forward_and_reload_are_whole_pages(page, demo):
    page.goto("/stations")
    page.locator("#q").fill(demo.city)
    with page.expect_response(re.compile(r"/stations/results\?q=")) as fragment:
        page.locator("form[role=search] button[type=submit]").click()
    assert fragment.value.headers.get("hx-push-url", "").startswith("/stations?q=")

    search_url = re.compile(r"/stations\?q=" + re.escape(quote(demo.city)) + "$")
    expect(page).to_have_url(search_url)
    expect(page.locator("#results-heading")).to_contain_text(demo.city)
    expect_whole_page(page)

    page.locator(f'#results a[href$="/stations/near?city={demo.city_id}"]').click()
    expect(page).to_have_url(re.compile(r"/stations/near\?city="))
    page.locator("ol.station-list a").first.click()
    expect(page).to_have_url(STATION_URL)
    expect_whole_page(page)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/stations/near\?city="))
    expect_whole_page(page)
    expect_nearest_list(page)

    page.go_back()
    expect(page).to_have_url(search_url)
    expect_whole_page(page)
    expect(page.locator("#results-heading")).to_contain_text(demo.city)
    expect(page.locator("#q")).to_have_value(demo.city)

    page.reload()
    expect(page).to_have_url(search_url)
    expect_whole_page(page)
    expect(page.locator("#results-heading")).to_contain_text(demo.city)

    page.go_forward()
    expect(page).to_have_url(re.compile(r"/stations/near\?city="))
    expect_whole_page(page)
    expect_nearest_list(page)

    page.reload()
    expect_whole_page(page)
    expect_nearest_list(page)


def test_constituency_pages_with_htmx_keep_whole_pages_in_history(page, demo):
    cid = demo.big_constituency_id
    page.goto(f"/constituencies/{cid}")
    expect(page.locator(".pagination")).to_contain_text(
        f"صفحهٔ ۱ از {fa_digits(str(demo.big_constituency_pages))}"
    )
    with page.expect_response(re.compile(rf"/constituencies/{cid}/stations\?page=2")):
        page.locator(".pagination a[rel=next]").click()

    expect(page).to_have_url(re.compile(rf"/constituencies/{cid}\?page=2$"))
    expect(page.locator(".pagination")).to_contain_text("صفحهٔ ۲ از")
    expect_whole_page(page)

    page.reload()
    expect(page.locator(".pagination")).to_contain_text("صفحهٔ ۲ از")
    expect_whole_page(page)

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/constituencies/{cid}$"))
    expect(page.locator(".pagination")).to_contain_text("صفحهٔ ۱ از")
    expect_whole_page(page)


def test_next_page_shows_the_start_of_the_new_page(page, demo):
    page.goto(f"/constituencies/{demo.big_constituency_id}")
    page.locator(".pagination a[rel=next]").click()
    expect(page.locator(".pagination")).to_contain_text("صفحهٔ ۲ از")
    expect(page.locator("#constituency-stations li").first).to_be_in_viewport()


def test_enhanced_search_names_the_search_in_the_title(page, demo):
    page.goto(f"/stations?q={quote(demo.city)}")
    whole_page_title = page.title()
    page.goto("/stations")
    page.locator("#q").fill(demo.city)
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("#results-heading")).to_contain_text(demo.city)
    expect(page).to_have_title(whole_page_title)


# --- near me and the chooser ----------------------------------------------------------------


@pytest.mark.browser_context_args(permissions=["geolocation"], geolocation=TABRIZ)
def test_near_me_with_location_shared(page):
    page.goto("/")
    button = page.locator("[data-near-me]")
    expect(button).to_be_visible()
    button.click()

    expect(page).to_have_url(
        re.compile(rf"/stations/near\?lat={TABRIZ['latitude']:.5f}&lon={TABRIZ['longitude']:.5f}$")
    )
    expect_whole_page(page)
    expect(page.locator("main p.muted").first).to_contain_text("ذخیره نشد")
    distances = expect_nearest_list(page)
    assert len(distances) == 10  # a big city has more than ten sample stations
    assert distances[0] < 20_000


@pytest.mark.browser_context_args(permissions=["geolocation"], geolocation=TABRIZ)
def test_near_me_still_works_after_a_boosted_visit_back_home(page):
    page.goto("/constituencies")
    with page.expect_response(re.compile(r"/$")):
        page.locator("header a[href='/']").first.click()
    expect(page).to_have_url(re.compile(r"/$"))
    button = page.locator("[data-near-me]")
    expect(button).to_be_visible()
    button.click()
    expect(page).to_have_url(re.compile(r"/stations/near\?lat="))
    assert len(expect_nearest_list(page)) == 10


def test_near_me_refused_offers_the_chooser(page):
    page.goto("/")
    button = page.locator("[data-near-me]")
    messages = [
        button.get_attribute("data-error-denied"),
        button.get_attribute("data-error-unavailable"),
    ]
    button.click()
    expect(page.locator("[data-near-status]")).to_have_text(
        re.compile("^(" + "|".join(re.escape(m) for m in messages) + ")$")
    )
    expect(page.locator("#manual-place a")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/$"))


def test_manual_chooser_province_county_city(page, demo):
    page.goto("/")
    page.locator("#manual-place a").click()
    expect(page).to_have_url(re.compile(r"/stations/near$"))
    expect_whole_page(page)

    page.locator("#province").select_option(str(demo.province_id))
    page.locator("form:has(#province) button[type=submit]").click()
    expect(page.locator("#county")).to_be_visible()

    page.locator("#county").select_option(str(demo.county_id))
    page.locator("form:has(#province) button[type=submit]").click()
    expect(page.locator("#city")).to_be_visible()
    expect_nearest_list(page)  # the whole county, from its centre

    page.locator("#city").select_option(str(demo.city_id))
    page.locator("form:has(#province) button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"city={demo.city_id}"))
    expect_whole_page(page)
    expect(page.locator("main p.muted").first).to_contain_text(f"مرکز {demo.city}")
    expect_nearest_list(page)


# --- without JavaScript ---------------------------------------------------------------------


def test_without_javascript_search_gives_the_same_results(page, new_context, demo):
    page.goto("/stations")
    page.locator("#q").fill(demo.city)
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator("#results-heading")).to_contain_text(demo.city)
    with_js = result_links(page)
    assert with_js

    plain = new_context(java_script_enabled=False).new_page()
    plain.goto("/")
    plain.locator("#q").fill(demo.city)
    with plain.expect_navigation():
        plain.locator("form[role=search] button[type=submit]").click()
    expect(plain).to_have_url(re.compile(r"/stations\?q=" + re.escape(quote(demo.city)) + "$"))
    expect(plain.locator("#results-heading")).to_contain_text(demo.city)
    assert result_links(plain) == with_js


def test_without_javascript_no_dead_location_button(new_context):
    """The "use my location" button needs JavaScript; without it only the chooser link shows."""
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto("/")
    expect(plain.locator("#manual-place a")).to_be_visible()
    expect(plain.locator("[data-near-me]")).to_be_hidden()


def test_without_javascript_pagination_and_station_page(new_context, demo):
    plain = new_context(java_script_enabled=False).new_page()
    cid = demo.big_constituency_id
    plain.goto(f"/constituencies/{cid}")
    pagination = plain.locator(".pagination")
    expect(pagination).to_contain_text("صفحهٔ ۱ از")
    first_page = plain.locator("#constituency-stations a").first.get_attribute("href")

    plain.locator(".pagination a[rel=next]").click()
    expect(plain).to_have_url(re.compile(rf"/constituencies/{cid}\?page=2(#stations-heading)?$"))
    expect(pagination).to_contain_text("صفحهٔ ۲ از")
    assert plain.locator("#constituency-stations a").first.get_attribute("href") != first_page

    plain.locator(".pagination a[rel=prev]").click()
    expect(plain).to_have_url(re.compile(rf"/constituencies/{cid}\?page=1(#stations-heading)?$"))
    expect(pagination).to_contain_text("صفحهٔ ۱ از")

    plain.locator("#constituency-stations ul a").first.click()
    expect(plain).to_have_url(STATION_URL)
    expect(plain.locator("h1")).to_be_visible()
    expect(plain.locator(".notice--sample")).to_contain_text("داده نمونه")
    expect(plain.locator("html")).to_have_attribute("dir", "rtl")


# --- languages ------------------------------------------------------------------------------


def test_english_home_is_ltr_and_switches_to_persian(page):
    page.goto("/en/")
    expect_whole_page(page, "en")
    switch = page.locator("a.lang-switch")
    expect(switch).to_have_text("فارسی")
    switch.click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"))
    expect_whole_page(page, "fa")


@pytest.mark.parametrize("name", ["search", "station", "constituency", "near-city"])
def test_language_switch_keeps_the_page(page, demo, name):
    english = url_of(name, demo, "en")
    page.goto(english)
    expect_whole_page(page, "en")
    page.locator("a.lang-switch").click()
    expect(page).to_have_url(re.compile(re.escape(english.removeprefix("/en")) + "$"))
    expect_whole_page(page, "fa")
    page.locator("a.lang-switch").click()
    expect(page).to_have_url(re.compile(re.escape(english) + "$"))
    expect_whole_page(page, "en")


# --- accessibility and layout ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(page, axe, demo, name, lang):
    page.goto(url_of(name, demo, lang))
    expect_whole_page(page, lang)
    violations = axe(page)
    assert not violations, f"axe found {len(violations)} problems on {page.url}:\n{violations}"


def test_axe_finds_a_planted_problem(page, axe):
    """The accessibility check itself works: an image without a text alternative is caught."""
    page.goto("/")
    page.evaluate(
        "() => document.querySelector('main').append(Object.assign("
        "document.createElement('img'), {src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw='}))"
    )
    violations = axe(page)
    assert [v["id"] for v in violations] == ["image-alt"], str(violations)


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_fits_a_360_px_phone(page, screenshot, demo, name, lang):
    page.goto(url_of(name, demo, lang))
    expect_whole_page(page, lang)
    page.evaluate("document.fonts.ready")
    screenshot(page, f"{name}-{lang}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert page.viewport_size["width"] == 360
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


# --- the site -------------------------------------------------------------------------------


def test_site_has_an_icon(page):
    """The tab shows an icon, and the browser's request for one is not a 404 on every visit."""
    page.goto("/")
    declared = page.locator("link[rel~=icon]")
    href = declared.first.get_attribute("href") if declared.count() else "/favicon.ico"
    if href.startswith("data:"):
        assert href.startswith("data:image/"), f"the declared icon is empty: {href}"
        return
    response = page.request.get(href)
    assert response.status == 200, f"{href} answers {response.status}"
    assert response.headers["content-type"].startswith("image/")


# --- error pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "title"), [("fa", "صفحه یافت نشد"), ("en", "Page not found")])
@pytest.mark.parametrize("path", ["/no-such-page", "/stations/ZZ99999999"])
def test_not_found_is_a_whole_page(page, browser_errors, screenshot, lang, title, path):
    browser_errors.allow(r"status of 404")
    response = page.goto(("/en" if lang == "en" else "") + path)
    assert response.status == 404
    expect_whole_page(page, lang)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("main a[href$='/']").first).to_be_visible()
    expect(page.locator("main input[type=search]")).to_be_visible()
    if path == "/no-such-page":
        screenshot(page, f"404-{lang}")


def test_ten_thousand_letters_pasted_into_search_get_the_friendly_answer(page, browser_errors):
    """10,000 Persian letters, ~60 KB encoded; through gunicorn and nginx in cluster-smoke."""
    response = page.goto("/stations?q=" + quote("تبریز" + "ب" * 9_995))
    assert response.status == 200
    expect_whole_page(page)
    expect(page.locator("main")).to_contain_text("۲۰۰")  # the note: only the first 200 are read


@pytest.mark.parametrize(
    ("lang", "message"),
    [("fa", "عرض جغرافیایی عدد نیست."), ("en", "The latitude is not a number.")],
)
def test_bad_coordinates_are_a_whole_400_page(page, browser_errors, screenshot, lang, message):
    browser_errors.allow(r"status of 400")
    response = page.goto(("/en" if lang == "en" else "") + "/stations/near?lat=abc&lon=1")
    assert response.status == 400
    expect_whole_page(page, lang)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(message)
    expect(page.locator("#province")).to_be_visible()  # the chooser is still there to use
    screenshot(page, f"400-{lang}")
