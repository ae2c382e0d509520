"""Every important URL in both languages: status, whole valid documents, lang and dir."""

import pytest

from tests.integration.helpers import (
    a_station,
    assert_fragment,
    assert_whole_page,
    busiest_constituency,
)

PREFIXES = {"fa": "", "en": "/en"}


def _page_urls(app) -> list[str]:
    station = a_station(app)
    return [
        "/",
        "/constituencies",
        f"/constituencies/{station['constituency_id']}",
        f"/constituencies/{busiest_constituency(app)}?page=2",
        "/stations",
        "/stations?q=" + station["city"],
        "/stations?q=tabriz",
        "/stations/near",
        "/stations/near?province=1",
        f"/stations/near?lat={station['lat']}&lon={station['lon']}",
        f"/stations/{station['code']}",
    ]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_page_is_a_valid_whole_document(app, client, lang):
    for url in _page_urls(app):
        response = client.get(PREFIXES[lang] + url)
        assert response.status_code == 200, url
        assert response.mimetype == "text/html"
        assert_whole_page(response, lang)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_language_switch_points_to_the_same_page(app, client, lang):
    station = a_station(app)
    response = client.get(PREFIXES[lang] + f"/stations/{station['code']}")
    other = "/en" if lang == "fa" else ""
    assert f'href="{other}/stations/{station["code"]}"' in response.get_data(as_text=True)


@pytest.mark.parametrize(("lang", "other", "prefix"), [("fa", "en", "/en"), ("en", "fa", "")])
def test_alternate_language_link_is_absolute(app, client, lang, other, prefix):
    station = a_station(app)
    response = client.get(PREFIXES[lang] + f"/stations/{station['code']}")
    wanted = f'<link rel="alternate" hreflang="{other}" href="http://localhost{prefix}/stations/'
    assert wanted in response.get_data(as_text=True)


def test_healthz_answers_when_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


@pytest.mark.parametrize(
    ("url", "lang", "words"),
    [
        ("/stations/NOPE-404", "fa", "یافت نشد"),
        ("/en/stations/NOPE-404", "en", "not found"),
        ("/constituencies/999999", "fa", "یافت نشد"),
        ("/en/constituencies/999999", "en", "not found"),
        ("/no/such/page", "fa", "یافت نشد"),
        ("/static/no-such-file.css", "fa", "یافت نشد"),
    ],
)
def test_unknown_things_are_404_in_the_right_language(client, url, lang, words):
    response = client.get(url)
    assert response.status_code == 404
    assert_whole_page(response, lang)
    assert words in response.get_data(as_text=True).lower()


def test_persian_digits_and_jalali_date_on_station_page(app, client):
    station = a_station(app)
    body = client.get(f"/stations/{station['code']}").get_data(as_text=True)
    assert "۱۱ اسفند ۱۴۰۲" in body
    assert "۰۸:۰۰" in body


def test_sample_station_says_it_is_sample(app, client):
    station = a_station(app, is_sample=True)
    body = client.get(f"/stations/{station['code']}").get_data(as_text=True)
    assert "notice--sample" in body and "داده نمونه" in body
    english = client.get(f"/en/stations/{station['code']}").get_data(as_text=True)
    assert "Sample data" in english


def test_station_page_has_directions_and_constituency(app, client):
    station = a_station(app)
    body = client.get(f"/stations/{station['code']}").get_data(as_text=True)
    assert 'href="geo:' in body
    assert "openstreetmap.org/?mlat=" in body
    assert f'/constituencies/{station["constituency_id"]}"' in body


def test_results_fragment_pushes_the_page_url(app, client):
    station = a_station(app)
    response = client.get(
        "/stations/results", query_string={"q": station["city"]}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert_fragment(response)
    assert response.headers["HX-Push-Url"].startswith("/stations?q=")
    page = client.get("/stations", query_string={"q": station["city"]})
    title, _sep, fragment_body = response.get_data(as_text=True).partition("</title>")
    assert station["city"] in title
    assert fragment_body.strip() in page.get_data(as_text=True)


def test_constituency_station_pages_fragment(app, client):
    station = a_station(app)
    cid = station["constituency_id"]
    fragment = client.get(f"/constituencies/{cid}/stations?page=1", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert_fragment(fragment)
    assert fragment.headers["HX-Push-Url"] == f"/constituencies/{cid}?page=1"
    page = client.get(f"/constituencies/{cid}?page=1").get_data(as_text=True)
    assert fragment.get_data(as_text=True).strip() in page


def test_fragment_error_is_a_fragment(client):
    response = client.get("/constituencies/999999/stations", headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert_fragment(response)
    assert 'role="alert"' in response.get_data(as_text=True)


def test_page_url_is_whole_even_for_htmx_requests(app, client):
    station = a_station(app)
    response = client.get(
        f"/stations/{station['code']}", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    assert_whole_page(response, "fa")


def test_pages_support_conditional_get(app, client):
    station = a_station(app)
    url = f"/stations/{station['code']}"
    first_response = client.get(url)
    etag = first_response.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_html_is_compressed_when_accepted(client):
    response = client.get("/constituencies", headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_a_minority_seat_sends_its_voters_to_any_station_without_an_empty_list(app, client):
    from sqlalchemy import select

    from webapp.constituencies.models import Constituency
    from webapp.extensions import db

    with app.app_context():
        cid = db.session.scalar(select(Constituency.id).filter_by(is_minority=True).limit(1))
    body = client.get(f"/en/constituencies/{cid}").get_data(as_text=True)
    assert body.count("vote at any polling station in the country") == 2
    assert "/en/stations/near" in body and "Keep this constituency and its candidates" in body
    for absent in ["No polling stations are listed", "Paper ballots", "Printable A4 map"]:
        assert absent not in body
