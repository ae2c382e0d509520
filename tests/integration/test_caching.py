"""Every GET route: caching headers suited to it, ETags with 304s, nothing private cacheable."""

import re

import pytest
from sqlalchemy import select

from tests.integration.helpers import a_station, first

# Routes that hold a token, a personal form or a sign-in: never stored anywhere.
PRIVATE = {"selfcheck.page", "moderate.page", "crowding.staff", "crowding.report"}
# Answered fresh every time: the health check, and the worker (browsers revalidate it).
NEVER_CACHED = {"core.healthz": "no-store", "offline.service_worker": "no-cache"}
# Streamed downloads: cacheable, but no ETag (the body is never held in memory).
STREAMED = {"finance.export_csv", "finance.export_json"}
NO_BODY = {"core.favicon"}


def _ids(app) -> dict:
    from webapp.candidates.models import Candidate

    station = a_station(app)
    with app.app_context():
        from webapp.extensions import db
        from webapp.stations.models import Station

        county_id = db.session.scalar(select(Station.county_id).filter_by(code=station["code"]))
    candidate = first(app, select(Candidate.id).order_by(Candidate.id))
    return {
        "cid": station["constituency_id"],
        "code": station["code"],
        "candidate_id": candidate,
        "county_id": county_id,
        "claim_id": 1,
        "request_id": 1,
    }


def _get_routes(app):
    """(endpoint, URL) of every GET rule of the app, with real ids from the sample data."""
    ids = _ids(app)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids[m.group(1)]), rule.rule)
        yield rule.endpoint, url


def _max_age(header: str) -> int:
    """How long a shared cache (a CDN) may keep the answer: s-maxage, else max-age."""
    found = re.search(r"(?:^|[ ,])s-maxage=(\d+)", header) or re.search(
        r"(?:^|[ ,])max-age=(\d+)", header
    )
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_get_route_has_caching_headers_suited_to_it(app, client, prefix):
    seen = set()
    for endpoint, url in _get_routes(app):
        seen.add(endpoint)
        response = client.get(prefix + url)
        response.get_data()  # a streamed download finishes (and leaves its context) when read
        header = response.headers.get("Cache-Control", "")
        if endpoint in PRIVATE:
            assert "no-store" in header and "public" not in header, (url, header)
            assert response.headers.get("X-Robots-Tag", "").startswith("noindex"), url
            continue
        if endpoint == "offline.service_worker" and prefix:
            assert response.status_code == 404  # one worker, at the site root
            continue
        if endpoint in NEVER_CACHED:
            assert NEVER_CACHED[endpoint] in header, (url, header)
            continue
        if endpoint == "candidates.photo" and response.status_code == 404:
            continue  # the sample candidates have no photos
        expected = 204 if endpoint in NO_BODY else 200
        assert response.status_code == expected, (url, response.status_code)
        assert header.startswith("public") and _max_age(header) >= 30, (url, header)
        assert "no-store" not in header and "private" not in header, (url, header)
        if endpoint in STREAMED or endpoint in NO_BODY:
            continue
        etag = response.headers.get("ETag")
        assert etag, url
        again = client.get(prefix + url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.get_data() == b"", url
    assert {"stations.show", "crowding.status", "search.suggestions"} <= seen


def test_station_pages_are_kept_a_minute_and_served_stale_while_refreshed(app, client):
    station = a_station(app)
    header = client.get(f"/stations/{station['code']}").headers["Cache-Control"]
    assert _max_age(header) == 60 and "stale-while-revalidate" in header


def test_queue_fragments_are_kept_thirty_seconds_by_shared_caches_only(app, client):
    station = a_station(app)
    for url in (
        f"/stations/{station['code']}/queue",
        f"/stations/queue-levels?s={station['code']}",
    ):
        assert _max_age(client.get(url).headers["Cache-Control"]) == 30, url


def test_static_files_are_immutable(app, client):
    from webapp.assets import asset_url

    with app.test_request_context():
        url = asset_url("css/site.css")
    response = client.get(url)
    response.close()
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers.get("Last-Modified")


@pytest.mark.parametrize(
    "url",
    [
        "/stations/near?lat={lat}&lon={lon}",
        "/stations/near?lat={lat}&lon={lon}&order=quiet",
        "/constituencies/{cid}/least-crowded?lat={lat}&lon={lon}",
        "/candidates/self?t=" + "x" * 43,
        "/moderate?t=" + "x" * 43,
        "/stations/{code}/staff?key=" + "x" * 32,
    ],
)
def test_personal_or_token_bearing_answers_are_never_cacheable(app, client, url):
    station = a_station(app)
    url = url.format(lat=station["lat"], lon=station["lon"], cid=station["constituency_id"],
                     code=station["code"])  # fmt: skip
    response = client.get(url)
    header = response.headers["Cache-Control"]
    assert "no-store" in header and "public" not in header, (url, response.status_code)
    assert "ETag" not in response.headers or response.status_code != 200
