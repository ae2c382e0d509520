"""Station finder behaviour: search by place or code, nearest stations, bad input."""

import pytest

from tests.integration.helpers import a_station, assert_whole_page


def test_search_by_city_lists_the_city(app, client):
    station = a_station(app)
    body = client.get("/stations", query_string={"q": station["city"]}).get_data(as_text=True)
    assert station["city"] in body
    assert "/stations/near?city=" in body


@pytest.mark.parametrize("typed", ["تبريز", "تبريز ", "\u200fتبریز", "ﺗﺒﺮﯾﺰ"])
def test_search_survives_arabic_letters_and_marks(client, typed):
    body = client.get("/stations", query_string={"q": typed}).get_data(as_text=True)
    assert "تبریز" in body
    assert "No results" not in body and "نتیجه‌ای" not in body


def test_english_search_finds_places_by_english_name(client):
    body = client.get("/en/stations", query_string={"q": "Tabriz"}).get_data(as_text=True)
    assert "Tabriz" in body


def test_search_by_station_code_in_any_digits(app, client):
    station = a_station(app)
    persian = station["code"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    body = client.get("/stations", query_string={"q": persian}).get_data(as_text=True)
    assert f'/stations/{station["code"]}"' in body


def test_long_query_is_trimmed_with_a_note(client):
    response = client.get("/stations", query_string={"q": "تبریز" + "ا" * 500})
    assert response.status_code == 200
    assert "۲۰۰" in response.get_data(as_text=True)


@pytest.mark.parametrize(("prefix", "said"), [("", "چیزی برای جست‌وجو نیست"), ("/en", "Nothing")])
def test_only_control_characters_are_said_to_be_nothing_to_search(client, prefix, said):
    response = client.get(f"{prefix}/stations?q=%00%01%1b%7f%E2%80%8F")
    assert response.status_code == 200
    assert said in response.get_data(as_text=True)


def test_a_pasted_wall_of_text_is_not_repeated_into_the_page(client):
    """10,000 letters are ~60 KB percent-encoded; the page carries at most a few hundred."""
    response = client.get("/stations", query_string={"q": "ت" * 10_000})
    assert response.status_code == 200
    assert len(response.get_data()) < 20_000


@pytest.mark.parametrize(
    ("prefix", "title"),
    [("", "نشانی این صفحه بیش از اندازه بلند است"), ("/en", "The address is too long")],
)
def test_an_address_over_64_kb_is_a_414_page_in_the_language(client, prefix, title):
    response = client.get(f"{prefix}/stations", query_string={"q": "ا" * 12_000})
    assert response.status_code == 414
    assert response.headers["Cache-Control"] == "no-store"
    assert title in response.get_data(as_text=True)
    assert_whole_page(response, "en" if prefix else "fa")


@pytest.mark.parametrize("typed", ["\x00\x01\x02", "!!!", "؟", "*", "' OR 1=1 --", "🙂", "   "])
def test_junk_queries_get_a_friendly_answer(client, typed):
    response = client.get("/stations", query_string={"q": typed})
    assert response.status_code == 200
    assert_whole_page(response, "fa")


def test_nearest_are_ten_sorted_by_distance(app, client):
    from webapp.extensions import db
    from webapp.stations.queries import nearest_stations

    station = a_station(app)
    with app.app_context():
        found = nearest_stations(station["lat"], station["lon"])
        assert len(found) == 10
        distances = [d for _s, d in found]
        assert distances == sorted(distances)
        assert found[0][0].code == station["code"] or distances[0] < 1
        assert all(s.published for s, _d in found)
        db.session.remove()


def test_near_page_shows_distances_and_is_not_cached(app, client):
    station = a_station(app)
    response = client.get(f"/stations/near?lat={station['lat']}&lon={station['lon']}")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.count('class="station-list__distance"') == 10
    assert "no-store" in response.headers["Cache-Control"]


def test_near_by_city_uses_the_city_point(app, client):
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        city_id = db.session.scalar(select(Station.city_id).where(Station.city_id.is_not(None)))
    body = client.get(f"/stations/near?city={city_id}").get_data(as_text=True)
    assert body.count('class="station-list__distance"') >= 1


@pytest.mark.parametrize(
    "query",
    [
        "lat=35.7",
        "lon=51.4",
        "lat=abc&lon=51.4",
        "lat=35.7&lon=xyz",
        "lat=135&lon=51.4",
        "lat=nan&lon=51.4",
        "lat=51.5&lon=-0.12",
        "lat=26.5&lon=53.0",
    ],
)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_bad_coordinates_are_400_with_the_form(client, query, lang):
    prefix = "/en" if lang == "en" else ""
    response = client.get(f"{prefix}/stations/near?{query}")
    assert response.status_code == 400
    assert_whole_page(response, lang)
    body = response.get_data(as_text=True)
    assert 'class="error-summary"' in body
    assert 'name="province"' in body


def test_persian_digit_coordinates_are_accepted(app, client):
    station = a_station(app)
    lat = f"{station['lat']:.4f}".translate(str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫"))
    lon = f"{station['lon']:.4f}".translate(str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫"))
    response = client.get("/stations/near", query_string={"lat": lat, "lon": lon})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("province=abc", "استان انتخاب‌شده در نشانی صفحه درست نیست."),
        ("county=-1", "شهرستان انتخاب‌شده در نشانی صفحه درست نیست."),
        ("page=0", "باید عددی صحیح از ۱ تا ۱۰٬۰۰۰ باشد"),
    ],
)
def test_bad_numbers_in_query_strings_are_400(app, client, query, said):
    station = a_station(app)
    url = f"/constituencies/{station['constituency_id']}" if "page" in query else "/stations/near"
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert_whole_page(response, "fa")
    assert said in response.get_data(as_text=True)
    english = client.get(f"/en{url}?{query}").get_data(as_text=True)
    assert "in the address is not valid" in english and "“" not in english.split("<main")[1]


def test_unknown_place_in_chooser_is_404(client):
    assert client.get("/stations/near?city=99999999").status_code == 404


def test_coordinates_never_reach_the_logs(app, client, caplog):
    station = a_station(app)
    caplog.set_level("DEBUG")
    client.get(f"/stations/near?lat={station['lat']}&lon={station['lon']}")
    assert f"{station['lat']}" not in caplog.text


def _county_id(app, name_fa):
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.places.models import County

    with app.app_context():
        return db.session.scalar(select(County.id).filter_by(name_fa=name_fa))


def test_county_in_no_constituency_is_said_honestly(app, client):
    body = client.get(f"/stations/near?county={_county_id(app, 'سیروان')}").get_data(as_text=True)
    assert "هنوز در فهرست حوزه" in body
    assert body.count('class="station-list__distance"') == 10


def test_chosen_county_names_its_constituency(app, client):
    county_id = _county_id(app, "آبادان")
    body = client.get(f"/en/stations/near?county={county_id}").get_data(as_text=True)
    assert "Constituency of this county" in body and ">Abadan</a>" in body


def test_untrusted_city_point_falls_back_to_the_county(app, client):
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.places.models import City

    with app.app_context():
        city_id = db.session.scalar(select(City.id).filter_by(coord_trusted=False))
    body = client.get(f"/stations/near?city={city_id}").get_data(as_text=True)
    assert "قابل اعتماد نیست" in body


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_location_button_is_not_its_own_heading_and_a_refusal_points_to_the_chooser(
    client, prefix
):
    body = client.get(f"{prefix}/stations/near").get_data(as_text=True)
    heading = body.split('id="near-me-heading">')[1].split("</h2>")[0]
    button = body.split("data-near-me")[1].split("</button>")[0].rsplit(">", 1)[1]
    assert heading and button and heading != button
    manual = body.split('id="manual-place">')[1].split("</a>")[0].rsplit(">", 1)[1]
    denied = body.split('data-error-denied="')[1].split('"')[0]
    assert manual.split("، ")[-1] in denied  # the refusal names the chooser linked below
