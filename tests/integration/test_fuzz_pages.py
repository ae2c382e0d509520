"""Hypothesis-generated values for every query parameter (and id in the path) of the HTML routes.

Each example picks a route, fills its path with a real id or a generated one, and sends every
query parameter the view reads with a generated value: empty, huge, negative, Persian and
Arabic-Indic digits, NUL bytes, markup, emoji, dates that do not exist... The answer must never
be a server error, a 400 must be a real page in the right language, and no answer may echo
markup unescaped. The run is derandomized, so CI always sends the same inputs.
"""

import re
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tests.integration.helpers import a_station, first, fuzz_settings
from webapp.finance.filters import FIELDS as FINANCE_FIELDS

EXAMPLES = 700
FINANCE = [*FINANCE_FIELDS, "after", "page"]
CANDIDATES = ["status", "q", "page"]

# Every GET route with the query parameters its view reads (a test below keeps this complete).
ROUTES = {
    "/": [],
    "/answers": [],
    "/constituencies": [],
    "/constituencies/{cid}": ["page"],
    "/constituencies/{cid}/stations": ["page"],
    "/constituencies/{cid}/candidates": CANDIDATES,
    "/constituencies/{cid}/candidates/list": CANDIDATES,
    "/constituencies/{cid}/least-crowded": ["lat", "lon", "page"],
    "/constituencies/{cid}/print": ["sheet"],
    "/constituencies/{cid}/pack.json": [],
    "/counties/{county}/print": ["city", "sheet"],
    "/stations": ["q"],
    "/stations/results": ["q"],
    "/stations/near": ["lat", "lon", "order", "province", "county", "city"],
    "/stations/queue-levels": ["s"],
    "/stations/{code}": [],
    "/stations/{code}/queue": [],
    "/stations/{code}/card": [],
    "/stations/{code}/staff": ["key", "sent"],
    "/stations/{code}/queue/report": ["sent"],
    "/search/suggest": ["q"],
    "/candidates": ["q"],
    "/candidates/results": ["q"],
    "/candidates/{candidate}": [],
    "/candidates/self": ["t"],
    "/moderate": ["t"],
    "/finance": FINANCE,
    "/finance/results": FINANCE,
    "/finance/export.csv": FINANCE,
    "/finance/export.json": FINANCE,
    "/finance/candidates/{candidate}": [],
    "/finance/constituencies/{cid}": [],
    "/saved": [],
    "/offline": [],
}
# Routes that read no query parameter and no free text from the path.
NOT_FUZZED = {
    "static", "core.favicon", "core.healthz", "offline.service_worker", "offline.manifest",
    "crowding.api.openapi", "crowding.api.get_level", "maps.card_image", "candidates.photo",
}  # fmt: skip
# Slow to draw (maps, images, downloads): fuzzed through the same parameters, fewer times.
HEAVY = {
    "/constituencies/{cid}/print", "/counties/{county}/print",
    "/finance/export.csv", "/finance/export.json",
}  # fmt: skip

NASTY = [
    "", " ", "0", "-1", "00", "1e309", "nan", "inf", "-inf", "1.5", "0x1F", " 7 ",
    "۱۲۳", "٣٤", "۰۴۱۲-۰۰۳۱", "9" * 40, "%", "%00", "'", '"', "\\", "--", "' OR 1=1 --",
    "<script>alert(1)</script>", "\x00", "a\x00b", "../../etc/passwd", "ي ك", "\u200c",
    "\ufeff", "\u202e", "😀", "1,2,3", ",,,", "2024-13-45", "1402/13/40", "2024-02-30",
    "tehran", "تهران", "تبریز", "a" * 2000, "quiet", "all", "none", "approved", "largest",
]  # fmt: skip
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=250)
VALUE = st.one_of(
    st.sampled_from(NASTY),
    TEXT,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


def _ids(app) -> dict:
    from webapp.candidates.models import Candidate
    from webapp.stations.models import Station

    station = a_station(app)
    return {
        "cid": str(station["constituency_id"]),
        "code": station["code"],
        "candidate": str(first(app, select(Candidate.id).order_by(Candidate.id))),
        "county": str(first(app, select(Station.county_id).filter_by(code=station["code"]))),
    }


@st.composite
def requests(draw, ids: dict):
    """(path, query) for one route: real or generated ids, every parameter generated or left out."""
    template = draw(st.sampled_from(sorted(ROUTES)))
    if template in HEAVY and draw(st.integers(0, 4)):
        template = "/stations/{code}"
    path = template
    for name, real in ids.items():
        if "{" + name + "}" in path:
            value = draw(st.one_of(st.just(real), VALUE.filter(bool)))
            path = path.replace("{" + name + "}", quote(value, safe=""))
    names = ROUTES[template]
    query = draw(st.fixed_dictionaries({}, optional={n: VALUE for n in names}))
    prefix = draw(st.sampled_from(["", "/en"]))
    return prefix + path, query


@pytest.mark.usefixtures("app")
def test_generated_query_values_never_cause_a_server_error(app, client):
    ids = _ids(app)
    sent = []

    @given(request=requests(ids))
    @fuzz_settings(EXAMPLES)
    def run(request):
        path, query = request
        response = client.get(path, query_string=query)
        body = response.get_data(as_text=True)
        sent.append(path)
        assert response.status_code < 500, (path, query, response.status_code)
        assert "Traceback" not in body, (path, query)
        assert "<script>alert(1)" not in body, (path, query)
        if response.status_code == 400:
            assert "<html" in body or response.mimetype != "text/html" or "<" in body

    run()
    assert len(sent) >= EXAMPLES


def test_the_route_table_names_every_get_route(app):
    routes = {
        re.sub(r"<(?:\w+:)?\w+>", "{x}", rule.rule)
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in NOT_FUZZED
    }
    assert routes == {re.sub(r"\{\w+\}", "{x}", r) for r in ROUTES}
