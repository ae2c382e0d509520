"""Rate limits on search and on every write: configurable, shared through Redis, never a crash
when Redis is gone."""

import uuid

from tests.integration.crowding_helpers import REDIS_URL, api_post, drop_redis_keys, use_redis
from tests.integration.helpers import a_station
from webapp.ratelimits import LIMITED, SEARCH


def test_every_write_and_every_search_is_limited(app):
    posts = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    assert posts <= set(LIMITED)
    searches = {"stations.search", "stations.results", "search.suggestions", "candidates.search",
                "finance.search", "finance.results", "stations.near"}  # fmt: skip
    assert {e for e, (kind, _m) in LIMITED.items() if kind == SEARCH} >= searches


def test_search_over_the_limit_is_429_for_that_client_only(another_app):
    server = another_app(RATELIMIT_SEARCH="3/minute")
    client = server.test_client()
    me = {"REMOTE_ADDR": "203.0.113.5"}
    statuses = [client.get("/stations?q=tabriz", environ_base=me).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/en/stations?q=tabriz", environ_base=me)
    assert refused.status_code == 429
    assert "Too many requests" in refused.get_data(as_text=True)
    assert refused.headers["Cache-Control"] == "no-store"
    other = client.get("/stations?q=tabriz", environ_base={"REMOTE_ADDR": "203.0.113.6"})
    assert other.status_code == 200
    assert client.get("/", environ_base=me).status_code == 200  # pages are not limited


def test_writes_over_the_limit_are_429_as_json_on_the_api(another_app, clock):
    from tests.integration.crowding_helpers import staff_token, station

    server = another_app(RATELIMIT_WRITE="2/minute")
    server.config["CLOCK_OVERRIDE"] = clock
    s = station(server)
    token = staff_token(server, s["code"])
    client = server.test_client()
    first = [api_post(client, s["code"], None, {"level": "short"}).status_code for _ in range(2)]
    assert first == [403, 403]
    limited = api_post(client, s["code"], token, {"level": "short"})
    assert limited.status_code == 429
    assert limited.json["error"] == "too_many_requests"


def test_two_app_servers_share_the_counts_in_redis(app, another_app):
    prefix = f"raynama-test:{uuid.uuid4().hex[:12]}:"
    use_redis(app)  # skips or fails clearly without Redis
    try:
        servers = [
            another_app(RATELIMIT_SEARCH="4/minute", REDIS_URL=REDIS_URL, REDIS_PREFIX=prefix)
            for _ in range(2)
        ]
        me = {"REMOTE_ADDR": "203.0.113.9"}
        statuses = [
            servers[n % 2].test_client().get("/search/suggest?q=tab", environ_base=me).status_code
            for n in range(5)
        ]
        assert statuses == [200, 200, 200, 200, 429]
    finally:
        drop_redis_keys(prefix)


def test_with_redis_down_pages_and_search_keep_serving(app, another_app):
    server = another_app(
        RATELIMIT_SEARCH="50/minute", PAGE_CACHE_SECONDS=60,
        REDIS_URL="redis://127.0.0.1:1/0", REDIS_PREFIX="raynama-test-down:",
    )  # fmt: skip
    client = server.test_client()
    station = a_station(app)
    for url in ("/", f"/stations/{station['code']}", "/stations?q=tabriz", "/search/suggest?q=تب"):
        for _ in range(2):
            assert client.get(url).status_code == 200, url
