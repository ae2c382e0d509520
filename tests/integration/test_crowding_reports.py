"""Reporting the queue: the staff link and form, the bots' API, voters' reports, bad input.

Tests taking `store_kind` run with the database store and with Redis.
"""

import datetime as dt

from sqlalchemy import func, select

from tests.integration.crowding_helpers import (
    api_post,
    csrf_of,
    post_public,
    post_staff,
    shown,
    staff_token,
    station,
)
from tests.integration.helpers import assert_whole_page

# The clock and store_kind fixtures.


def _reports(app) -> int:
    from webapp.crowding.models import QueueReport
    from webapp.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(QueueReport))


def test_staff_link_opens_a_one_tap_form_that_works_without_javascript(app, client, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    page = client.get(f"/en/stations/{s['code']}/staff", query_string={"key": token})
    assert page.status_code == 200
    assert_whole_page(page, "en")
    body = page.get_data(as_text=True)
    for name in ("none", "short", "medium", "long", "very_long"):
        assert f'name="level" value="{name}"' in body
    assert 'method="post"' in body and 'name="people"' in body
    assert "under 15 min" in body and "over 60 min" in body
    assert page.headers["Cache-Control"] == "private, no-store"
    assert "noindex" in page.headers["X-Robots-Tag"]
    assert page.headers["Referrer-Policy"] == "no-referrer"


def test_a_staff_report_shows_on_the_station_page_and_ages(app, client, store_kind, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    response = post_staff(client, s["code"], token, "long", people="۴۵")
    assert response.status_code == 303
    assert "sent=1" in response.headers["Location"]
    done = client.get("/en" + response.headers["Location"])
    assert done.status_code == 200
    assert "Your report was recorded" in done.get_data(as_text=True)
    text = shown(client, s["code"])
    assert "Long queue: 30 to 60 minutes" in text and "queue--3" in text
    assert "just now" in text and "About 45 people" in text
    assert "from the polling-station staff" in text
    clock.advance(minutes=12)
    assert "12 min ago" in shown(client, s["code"])
    page = client.get(f"/en/stations/{s['code']}").get_data(as_text=True)
    assert "Long queue" in page and "12 min ago" in page


def test_a_report_fades_to_unknown_after_45_minutes(app, client, store_kind, clock):
    s = station(app)
    assert post_staff(client, s["code"], staff_token(app, s["code"]), "short").status_code == 303
    clock.advance(minutes=44)
    assert "Short queue" in shown(client, s["code"])
    clock.advance(minutes=1)
    text = shown(client, s["code"])
    assert "Short queue" not in text and "No recent report" in text


def test_wrong_or_revoked_token_is_403_with_no_detail(app, client, clock):
    from webapp.crowding import tokens
    from webapp.extensions import db

    s = station(app)
    token = staff_token(app, s["code"])
    wrong = client.get(f"/en/stations/{s['code']}/staff", query_string={"key": token + "x"})
    missing = client.get(f"/en/stations/{s['code']}/staff")
    with app.app_context():
        tokens.revoke([s["id"]], dt.datetime.now(dt.UTC))
        db.session.commit()
    revoked = client.get(f"/en/stations/{s['code']}/staff", query_string={"key": token})
    for response in (wrong, missing, revoked):
        assert response.status_code == 403
        assert response.headers["Cache-Control"] == "private, no-store"
    bodies = {
        r.get_data(as_text=True).replace(token + "x", "").replace(token, "").replace("?key=", "")
        for r in (wrong, missing, revoked)
    }
    assert len(bodies) == 1  # the same answer whatever was wrong
    assert "revoked" not in revoked.get_data(as_text=True).lower()
    form = client.post(
        f"/stations/{s['code']}/staff", data={"key": token, "csrf": "x", "level": "none"}
    )
    assert form.status_code == 403
    assert api_post(client, s["code"], token, {"level": "none"}).status_code == 403
    assert api_post(client, s["code"], None, {"level": "none"}).status_code == 403
    assert _reports(app) == 0


def test_a_token_used_for_another_station_is_refused(app, client, clock):
    one, other = station(app), station(app, extended=True)
    token = staff_token(app, one["code"])
    page = client.get(f"/stations/{other['code']}/staff", query_string={"key": token})
    assert page.status_code == 403
    response = api_post(client, other["code"], token, {"level": "short"})
    assert response.status_code == 403 and response.json == {"error": "forbidden"}
    assert _reports(app) == 0


def test_a_level_outside_the_list_is_400(app, client, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    for level in ("huge", "", "5"):
        response = post_staff(client, s["code"], token, level)
        assert response.status_code == 400
        assert "error-summary" in response.get_data(as_text=True)
        # The form posts back to the private link, so after an error a reload still works.
        assert f"/staff?key={token}" in response.get_data(as_text=True)
    response = api_post(client, s["code"], token, {"level": "enormous"})
    assert response.status_code == 400
    assert response.json["error"] == "bad_level"
    assert response.json["levels"] == ["none", "short", "medium", "long", "very_long"]
    assert api_post(client, s["code"], token, {"level": 2}).status_code == 400
    assert api_post(client, s["code"], token, ["short"]).status_code == 400
    response = api_post(client, s["code"], token, {"level": "short", "people": -3})
    assert response.status_code == 400 and response.json["error"] == "bad_people"
    assert post_staff(client, s["code"], token, "short", people="lots").status_code == 400
    assert _reports(app) == 0


def test_more_than_one_staff_report_a_minute_is_429(app, client, store_kind, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    assert api_post(client, s["code"], token, {"level": "short"}).status_code == 201
    clock.advance(seconds=30)
    again = api_post(client, s["code"], token, {"level": "long"})
    assert again.status_code == 429
    assert again.json["error"] == "rate"
    assert 1 <= int(again.headers["Retry-After"]) <= 30
    form = post_staff(client, s["code"], token, "long")
    assert form.status_code == 429 and "Retry-After" in form.headers
    assert 'class="error-summary"' in form.get_data(as_text=True)
    assert "Short queue" in shown(client, s["code"])
    clock.advance(seconds=31)
    assert api_post(client, s["code"], token, {"level": "long"}).status_code == 201
    assert "Long queue" in shown(client, s["code"])


def test_reports_outside_opening_hours_are_refused_with_a_message(app, client, clock):
    s, late = station(app), station(app, extended=True)
    token, late_token = staff_token(app, s["code"]), staff_token(app, late["code"])
    clock.set("2024-03-01T07:45+03:30")
    early = api_post(client, s["code"], token, {"level": "none"})
    assert early.status_code == 409
    assert early.json["error"] == "closed" and "باز نیست" in early.json["message"]
    clock.set("2024-03-01T17:58+03:30")
    page = client.get(f"/en/stations/{s['code']}/staff", query_string={"key": token})
    clock.set("2024-03-01T18:05+03:30")
    closed = client.get(f"/en/stations/{s['code']}/staff", query_string={"key": token})
    assert "Voting has ended here" in closed.get_data(as_text=True)
    assert 'name="level"' not in closed.get_data(as_text=True)
    form = client.post(
        f"/en/stations/{s['code']}/staff",
        data={"key": token, "csrf": csrf_of(page), "level": "none"},
    )
    assert form.status_code == 409
    assert "not open now" in form.get_data(as_text=True)
    assert api_post(client, late["code"], late_token, {"level": "long"}).status_code == 201
    assert _reports(app) == 1


def test_a_flood_of_public_reports_is_429_and_changes_nothing(app, client, store_kind, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    assert api_post(client, s["code"], token, {"level": "none"}).status_code == 201
    before = shown(client, s["code"])
    statuses = [post_public(client, s["code"], "very_long").status_code for _ in range(15)]
    assert statuses[0] == 303 and set(statuses[1:]) == {429}
    assert shown(client, s["code"]) == before
    assert "No queue" in before


def test_voters_move_the_level_only_when_staff_are_quiet(app, client, store_kind, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    assert api_post(client, s["code"], token, {"level": "none"}).status_code == 201
    clock.advance(minutes=25)
    for n in range(4):
        assert post_public(client, s["code"], "long", address=f"198.51.100.{n}").status_code == 303
    text = shown(client, s["code"])
    assert "No queue" not in text and "from staff and voters" in text


def test_one_client_is_limited_across_stations(app, client, clock):
    from tests.integration.crowding_helpers import neighbours

    codes = [n["code"] for n in neighbours(app, station(app)["code"], count=8)]
    statuses = [
        post_public(client, code, "short", address="192.0.2.50").status_code for code in codes
    ]
    assert statuses.count(303) == 6 and statuses[6:] == [429, 429]


def test_forms_need_their_own_form_token(app, client, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    forged = client.post(
        f"/en/stations/{s['code']}/staff", data={"key": token, "csrf": "1.abc", "level": "none"}
    )
    assert forged.status_code == 400 and "expired" in forged.get_data(as_text=True)
    page = client.get(f"/stations/{s['code']}/staff", query_string={"key": token})
    cross = client.post(
        f"/stations/{s['code']}/staff",
        data={"key": token, "csrf": csrf_of(page), "level": "none"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert cross.status_code == 400
    public_page = client.get(f"/stations/{s['code']}/queue/report")
    other_client = client.post(
        f"/stations/{s['code']}/queue/report",
        data={"csrf": csrf_of(public_page), "level": "short"},
        environ_base={"REMOTE_ADDR": "203.0.113.99"},
    )
    assert other_client.status_code == 400
    assert _reports(app) == 0


def test_tokens_and_addresses_are_never_stored(app, client, clock):
    from webapp.crowding.models import QueueRate, StationToken
    from webapp.extensions import db

    s = station(app)
    token = staff_token(app, s["code"])
    assert post_public(client, s["code"], "short", address="198.51.100.77").status_code == 303
    with app.app_context():
        hashes = db.session.scalars(select(StationToken.token_hash)).all()
        keys = db.session.scalars(select(QueueRate.key)).all()
    assert token not in hashes and len(hashes[0]) == 64
    assert keys and not any("198.51.100" in key for key in keys)


def test_the_api_takes_a_report_and_answers_json(app, client, store_kind, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    response = api_post(client, s["code"], token, {"level": "medium", "people": 30})
    assert response.status_code == 201
    assert response.json["level"] == "medium" and response.json["people"] == 30
    assert response.json["recorded_at"].startswith("2024-03-01T08:00")
    body = client.post(f"/api/stations/{s['code']}/queue", json={"token": token, "level": "short"})
    assert body.status_code == 429  # the token may also come in the body; still once a minute
    read = client.get(f"/api/stations/{s['code']}/queue")
    assert read.status_code == 200
    assert read.json["level"] == "medium" and read.json["open"] is True
    assert read.json["minutes_ago"] == 0 and read.json["source"] == "staff"
    assert client.get("/api/stations/NOPE/queue").status_code == 404
