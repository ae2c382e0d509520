"""The answers page in both languages: every topic, linked from the site's navigation."""

import pytest

from tests.integration.helpers import assert_whole_page, parse_document

TOPICS = ("bring", "hours", "electronic", "mobile", "access", "problem")


@pytest.mark.parametrize(
    ("prefix", "lang", "words"),
    [
        ("", "fa", ("شناسنامه", "کارت ملی", "تمدید", "تمام‌الکترونیک", "سیار", "معلولیت")),
        (
            "/en",
            "en",
            (
                "birth certificate",
                "national card",
                "extension",
                "electronic",
                "mobile",
                "disability",
            ),
        ),
    ],
)
def test_answers_cover_every_topic_in_each_language(client, prefix, lang, words):
    response = client.get(prefix + "/answers")
    assert response.status_code == 200
    assert_whole_page(response, lang)
    tree = parse_document(response.get_data())
    ids = {element.get("id") for element in tree.iter() if element.get("id")}
    assert set(TOPICS) <= ids
    links = {a.get("href") for a in tree.iter("a")}
    assert {f"#{topic}" for topic in TOPICS} <= links
    text = response.get_data(as_text=True)
    for word in words:
        assert word in text
    assert response.headers["Cache-Control"].startswith("public")


def test_every_page_links_to_the_answers(client):
    for prefix in ("", "/en"):
        html = client.get(prefix + "/").get_data(as_text=True)
        assert f'href="{prefix}/answers"' in html
