"""Where levels show: the station page and its polled fragment, lists, orderings, the strip."""

import gzip

import pytest

from tests.integration.crowding_helpers import (
    api_post,
    neighbours,
    shown,
    staff_token,
    station,
)
from tests.integration.helpers import assert_fragment, assert_whole_page

# The clock and store_kind fixtures.

PREFIXES = {"fa": "", "en": "/en"}


def report(app, client, code: str, level: str, people=None):
    payload = {"level": level} if people is None else {"level": level, "people": people}
    response = api_post(client, code, staff_token(app, code), payload)
    assert response.status_code == 201, response.json


def test_station_page_shows_the_level_and_contains_its_fragment(app, client, clock):
    s = station(app)
    report(app, client, s["code"], "medium", people=25)
    clock.advance(minutes=3)
    page = client.get(f"/en/stations/{s['code']}")
    assert_whole_page(page, "en")
    body = page.get_data(as_text=True)
    assert "Queue now" in body and "Medium queue: 15 to 30 minutes" in body
    assert "3 min ago" in body and 'class="qi"' in body
    assert "/static/dist/css/queue." in body and "/static/dist/js/queue." in body
    fragment = client.get(f"/en/stations/{s['code']}/queue", headers={"HX-Request": "true"})
    assert_fragment(fragment)
    assert fragment.get_data(as_text=True).strip() in body
    assert 'hx-trigger="queue-poll"' in body and 'data-queue-poll="90"' in body


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_status_fragment_is_small_and_304_while_unchanged(app, client, clock, lang):
    s = station(app)
    report(app, client, s["code"], "very_long", people=120)
    url = f"{PREFIXES[lang]}/stations/{s['code']}/queue"
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    raw = client.get(url).get_data()
    assert len(raw) <= 1024, len(raw)
    assert len(gzip.compress(raw)) <= 600
    # Browsers revalidate every poll; shared caches (a CDN, the page cache) keep it 30 s.
    assert first.headers["Cache-Control"] == "public, max-age=0, s-maxage=30"
    etag = first.headers["ETag"]
    assert etag.startswith("W/")
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    clock.advance(minutes=2)  # only the age moved: the page's script ages the words
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    report(app, client, s["code"], "long")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    clock.advance(minutes=46)  # fading to "no recent report" changes it too
    faded = client.get(url, headers={"If-None-Match": changed.headers["ETag"]})
    assert faded.status_code == 200


def test_level_has_colour_words_and_shape(app, client, clock):
    codes = [n["code"] for n in neighbours(app, station(app)["code"], count=5)]
    for code, level in zip(codes, ["none", "short", "medium", "long", "very_long"], strict=True):
        report(app, client, code, level)
    words = ["No queue", "Short queue", "Medium queue", "Long queue", "Very long queue"]
    for n, (code, word) in enumerate(zip(codes, words, strict=True)):
        text = shown(client, code)
        assert f"queue--{n}" in text and word in text and 'class="qi"' in text


def test_off_polling_day_the_station_page_only_mentions_the_feature(app, client):
    s = station(app)  # no clock override: the real date, long after polling day
    body = client.get(f"/en/stations/{s['code']}").get_data(as_text=True)
    assert "On polling day this page shows how long the queue is" in body
    assert "queue-status" not in body
    assert "Voting has ended here" in shown(client, s["code"])


def test_before_opening_and_between_mobile_stops(app, client, clock):
    s = station(app)
    clock.set("2024-03-01T07:30+03:30")
    assert "Not open yet" in shown(client, s["code"])
    mobile = station(app, mobile=True, extended=None)
    clock.set("2024-03-01T11:30+03:30")
    texts = []
    for minute in range(0, 600, 30):
        clock.set("2024-03-01T08:00+03:30")
        clock.advance(minutes=minute + 10)
        texts.append(shown(client, mobile["code"]))
    assert any("Moving to its next stop" in t for t in texts)
    assert any("No recent report" in t for t in texts)


def test_near_page_orders_by_least_crowded_nearby(app, client, clock):
    here = station(app)
    near = neighbours(app, here["code"], count=10)
    report(app, client, near[0]["code"], "very_long")
    report(app, client, near[3]["code"], "none")
    url = f"/en/stations/near?lat={here['lat']}&lon={here['lon']}"
    plain = client.get(url).get_data(as_text=True)
    assert plain.index(near[0]["code"]) < plain.index(near[3]["code"])
    assert "Least crowded nearby" in plain and "Very long queue" in plain
    assert f"q-{near[0]['code']}" in plain and "queue-levels?s=" in plain
    quiet = client.get(url + "&order=quiet")
    assert_whole_page(quiet, "en")
    text = quiet.get_data(as_text=True)
    assert text.index(near[3]["code"]) < text.index(near[0]["code"])
    assert "Ordered by walking time" in text and "25-minute wait" in text
    assert quiet.headers["Cache-Control"] == "private, no-store"


def test_near_page_has_no_ordering_off_polling_day(app, client):
    here = station(app)
    body = client.get(f"/en/stations/near?lat={here['lat']}&lon={here['lon']}&order=quiet")
    assert body.status_code == 200
    assert "Least crowded nearby" not in body.get_data(as_text=True)


def test_levels_fragment_updates_list_badges(app, client, clock):
    codes = [n["code"] for n in neighbours(app, station(app)["code"], count=10)]
    report(app, client, codes[1], "short")
    response = client.get("/stations/queue-levels", query_string={"s": ",".join(codes)})
    assert_fragment(response)
    body = response.get_data(as_text=True)
    assert body.count("<hx-partial") == 10 and f'hx-target="#q-{codes[1]}"' in body
    assert "queue--1" in body and "queue--unknown" in body
    assert len(gzip.compress(response.get_data())) <= 1024
    etag = response.headers["ETag"]
    again = client.get(
        "/stations/queue-levels",
        query_string={"s": ",".join(codes)},
        headers={"If-None-Match": etag},
    )
    assert again.status_code == 304
    junk = client.get("/stations/queue-levels", query_string={"s": "<script>,,../x," * 40})
    assert junk.status_code == 200 and "<hx-partial" not in junk.get_data(as_text=True)


def _fixed_stations(app, cid: int, count: int = 2) -> list[str]:
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        return db.session.scalars(
            select(Station.code)
            .filter_by(constituency_id=cid, published=True, is_mobile=False)
            .where(Station.extended_until.is_(None))
            .order_by(Station.code)
            .limit(count)
        ).all()


def test_constituency_page_badges_and_least_crowded_page(app, client, clock):
    s = station(app)
    busy, quiet = _fixed_stations(app, s["constituency_id"])
    report(app, client, busy, "long")
    report(app, client, quiet, "none")
    page = client.get(f"/en/constituencies/{s['constituency_id']}")
    body = page.get_data(as_text=True)
    assert "Least crowded now" in body and "Long queue" in body and f'id="q-{busy}"' in body
    listed = client.get(f"/en/constituencies/{s['constituency_id']}/least-crowded")
    assert_whole_page(listed, "en")
    text = listed.get_data(as_text=True)
    assert "shortest queue first" in text
    assert text.index(f"/stations/{quiet}") < text.index(f"/stations/{busy}")
    located = client.get(
        f"/en/constituencies/{s['constituency_id']}/least-crowded",
        query_string={"lat": s["lat"], "lon": s["lon"]},
    )
    assert "Ordered by walking time" in located.get_data(as_text=True)
    assert located.headers["Cache-Control"] == "private, no-store"
    bad = client.get(
        f"/en/constituencies/{s['constituency_id']}/least-crowded", query_string={"lat": "x"}
    )
    assert bad.status_code == 400
    assert client.get("/constituencies/999999/least-crowded").status_code == 404


def test_least_crowded_page_goes_on_past_twenty(app, client, clock):
    s = station(app)
    codes = _fixed_stations(app, s["constituency_id"], count=21)
    assert len(codes) == 21
    for n, code in enumerate(codes):
        report(app, client, code, "long" if n < 1 else "none")
    url = f"/en/constituencies/{s['constituency_id']}/least-crowded"
    first = client.get(url).get_data(as_text=True)
    assert "Page 1 of 2" in first and f'href="{url}?page=2"' in first
    assert f"/stations/{codes[0]}" not in first  # the long queue comes last
    second = client.get(url, query_string={"page": 2})
    assert_whole_page(second, "en")
    text = second.get_data(as_text=True)
    assert 'start="21"' in text and "Page 2 of 2" in text and 'rel="next"' not in text
    assert f"/stations/{codes[0]}" in text
    # A page past the end (the list shrank since the link was made) shows the last one.
    assert "Page 2 of 2" in client.get(url, query_string={"page": 9}).get_data(as_text=True)
    located = client.get(url, query_string={"lat": s["lat"], "lon": s["lon"], "page": 2})
    assert f"lat={s['lat']}" in located.get_data(as_text=True)
    bad = client.get(url, query_string={"page": "two"})
    assert bad.status_code == 400 and "The page number" in bad.get_data(as_text=True)


def test_best_time_strip_shows_todays_hours(app, client, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    for at, level in [
        ("08:10", "none"),
        ("09:10", "long"),
        ("10:20", "medium"),
        ("11:05", "short"),
    ]:
        clock.set(f"2024-03-01T{at}+03:30")
        assert api_post(client, s["code"], token, {"level": level}).status_code == 201
    clock.set("2024-03-01T11:30+03:30")
    body = client.get(f"/en/stations/{s['code']}").get_data(as_text=True)
    assert "Best time to go" in body
    assert body.count('class="queue-strip__hour') == 10  # 08:00 to 18:00
    assert "Quietest so far today: 08:00 to 09:00 (no queue)" in body
    assert "queue-strip__hour--now" in body and "later today" in body


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_reporting_pages_are_whole_documents(app, client, clock, lang):
    s = station(app)
    token = staff_token(app, s["code"])
    for url in [
        f"/stations/{s['code']}",
        f"/stations/{s['code']}/staff?key={token}",
        f"/stations/{s['code']}/queue/report",
        f"/constituencies/{s['constituency_id']}/least-crowded",
    ]:
        response = client.get(PREFIXES[lang] + url)
        assert response.status_code == 200, url
        assert_whole_page(response, lang)
    assert client.get(f"{PREFIXES[lang]}/stations/{s['code']}/staff").status_code == 403


def test_public_report_page_thanks_and_hides_the_form_when_closed(app, client, clock):
    s = station(app)
    page = client.get(f"/en/stations/{s['code']}/queue/report")
    assert "I am in the queue here" in page.get_data(as_text=True)
    assert 'name="level"' in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"
    thanks = client.get(f"/en/stations/{s['code']}/queue/report?sent=1").get_data(as_text=True)
    assert "Thank you" in thanks
    clock.set("2024-03-01T19:00+03:30")
    closed = client.get(f"/en/stations/{s['code']}/queue/report").get_data(as_text=True)
    assert 'name="level"' not in closed and "Voting has ended here" in closed


@pytest.mark.parametrize("who", ["staff", "public"])
def test_an_expired_form_at_a_closed_station_is_told_it_is_closed(app, client, clock, who):
    """Not "tap your answer again": a closed station's page has nothing to tap."""
    s = station(app)
    clock.set("2024-03-01T19:00+03:30")
    if who == "staff":
        url = f"/en/stations/{s['code']}/staff"
        data = {"key": staff_token(app, s["code"]), "csrf": "expired", "level": "none"}
    else:
        url = f"/en/stations/{s['code']}/queue/report"
        data = {"csrf": "expired", "level": "none"}
    response = client.post(url, data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Tap your answer again" not in body and 'name="level"' not in body


def test_unknown_station_is_404(client, clock):
    assert client.get("/stations/99999999/queue").status_code == 404
    assert client.get("/stations/99999999/queue/report").status_code == 404
    assert client.get("/stations/99999999/staff?key=abc").status_code == 403
