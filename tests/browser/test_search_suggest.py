"""As-you-type suggestions in the home search box: keys, touch, screen readers, no-JS, 360 px."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BOX = "#q"
LIST = "#q-listbox"
OPTIONS = "#q-listbox [role=option]"


def type_slowly(page, text: str) -> None:
    """Type like a person, so the debounced request fires once the typing pauses."""
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially(text, delay=60)


def open_suggestions(page, text: str):
    """Type `text` on the home page and wait for the list; returns the options locator."""
    page.goto("/")
    with page.expect_response(re.compile(r"/search/suggest\?q=")):
        type_slowly(page, text)
    options = page.locator(OPTIONS)
    expect(options.first).to_be_visible()
    return options


def test_typing_shows_at_most_eight_suggestions_and_announces_them(page):
    options = open_suggestions(page, "تبر")
    count = options.count()
    assert 1 <= count <= 8
    box = page.locator(BOX)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("role", "combobox")
    # The status region says how many there are, in Persian digits.
    spoken = str(count).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    expect(page.locator("[data-suggest-live]")).to_contain_text(spoken, timeout=3000)
    expect(page.locator(f"{OPTIONS} mark").first).to_have_text("تبر")


def test_arrow_keys_enter_and_escape(page):
    options = open_suggestions(page, "تبریز")
    box = page.locator(BOX)
    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(first).to_have_attribute("aria-selected", "false")
    box.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")

    box.press("Escape")
    expect(page.locator(LIST)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("تبریز")  # Escape closes the list, keeps the words

    box.press("ArrowDown")  # opens again on the first option
    expect(first).to_have_attribute("aria-selected", "true")
    target = first.get_attribute("data-href")
    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator("h1")).to_have_count(1)


def test_enter_without_a_choice_is_a_normal_search(page):
    open_suggestions(page, "تبریز")
    page.locator(BOX).press("Enter")
    expect(page).to_have_url(re.compile(r"/stations\?q="))
    expect(page.locator("#results-heading")).to_contain_text("تبریز")


def test_tap_on_a_suggestion_at_360px(new_context, screenshot):
    context = new_context(has_touch=True, is_mobile=True)
    page = context.new_page()
    options = open_suggestions(page, "کرج")
    box = page.locator(BOX).bounding_box()
    listed = page.locator(LIST).bounding_box()
    assert listed["y"] >= box["y"] + box["height"] - 1
    assert listed["x"] >= 0 and listed["x"] + listed["width"] <= 361
    screenshot(page, "suggest-fa-360")
    target = options.first.get_attribute("data-href")
    options.first.tap()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


def test_english_suggestions_find_persian_cities(page, screenshot):
    page.goto("/en/")
    with page.expect_response(re.compile(r"/en/search/suggest\?q=")):
        type_slowly(page, "Khorramab")
    options = page.locator(OPTIONS)
    expect(options.first).to_be_visible()
    expect(page.locator(LIST)).to_contain_text("Khorramabad")
    expect(page.locator(LIST)).to_contain_text("خرم آباد")
    screenshot(page, "suggest-en-360")


def test_open_list_passes_axe(page, axe):
    open_suggestions(page, "تبر")
    page.locator(BOX).press("ArrowDown")
    violations = axe(page)
    assert not violations, str(violations)


def test_without_javascript_the_box_is_a_plain_search(new_context):
    plain = new_context(java_script_enabled=False).new_page()
    plain.goto("/")
    plain.locator(BOX).fill("تبریز")
    with plain.expect_navigation():
        plain.locator("form[role=search] button[type=submit]").click()
    expect(plain).to_have_url(re.compile(r"/stations\?q="))
    expect(plain.locator("#results-heading")).to_contain_text("تبریز")
