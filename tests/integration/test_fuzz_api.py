"""The JSON API fuzzed from its OpenAPI document with schemathesis: never a server error.

Bodies, paths and headers come from the document (valid ones, and deliberately invalid ones:
wrong types, missing fields, out-of-range numbers); every answer must be a documented status
with a body of the documented shape, and never a 5xx. The run is derandomized, so CI always
tries the same inputs, and bounded by `max_examples`.
"""

import json
import zlib

import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from schemathesis import DataGenerationMethod
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.integration.crowding_helpers import staff_token, station
from tests.integration.helpers import fuzz_settings

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)
# Per operation. Invalid inputs from a schema are slow to draw (~0.2 s each), so the bulk of the
# bad bodies come from the plain Hypothesis test below.
EXAMPLES = {DataGenerationMethod.positive: 50, DataGenerationMethod.negative: 15}
RAW_EXAMPLES = 300


def _fuzz(schema, method: DataGenerationMethod, prepare) -> int:
    """Run every operation's strategy; return how many inputs were sent."""
    sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if method == DataGenerationMethod.negative and operation.path == "/healthz":
            continue  # nothing to get wrong: no parameters, no body
        sent += _fuzz_one(operation, method, prepare)
    return sent


def _fuzz_one(operation, method: DataGenerationMethod, prepare) -> int:
    sent = 0

    @given(case=operation.as_strategy(data_generation_method=method))
    @fuzz_settings(EXAMPLES[method])
    def run(case):
        nonlocal sent
        prepare(case, operation)
        response = case.call_wsgi()
        sent += 1
        case.validate_response(response, checks=CHECKS)

    run()
    return sent


@pytest.mark.parametrize("method", list(EXAMPLES), ids=lambda m: m.name)
def test_the_json_api_survives_generated_inputs(app, clock, method):
    s = station(app)
    token = staff_token(app, s["code"])
    schema = schemathesis.from_wsgi("/api/openapi.json", app, data_generation_methods=[method])

    def prepare(case, operation):
        # Half the posts carry the station's real token, so bodies reach the validation.
        if operation.method.upper() == "POST" and zlib.crc32(repr(case.body).encode()) % 2 == 0:
            case.path_parameters = {"code": s["code"]}
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}

    sent = _fuzz(schema, method, prepare)
    assert sent >= EXAMPLES[method]  # hypothesis stops early when an input space is exhausted


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
BODY = st.one_of(
    st.dictionaries(st.sampled_from(["level", "people", "token", "x"]), JSON, max_size=3),
    JSON,
    st.fixed_dictionaries({"level": JSON}, optional={"people": JSON}),
)


def test_raw_generated_bodies_and_headers_get_a_json_refusal_never_a_crash(app, client, clock):
    s = station(app)
    token = staff_token(app, s["code"])
    url = f"/api/stations/{s['code']}/queue"
    statuses = []

    @given(
        body=st.one_of(BODY.map(json.dumps), st.binary(max_size=200)),
        auth=st.one_of(st.just(f"Bearer {token}"), st.text(max_size=60)),
        content_type=st.sampled_from(
            ["application/json", "text/plain", "", "application/x-www-form-urlencoded"]
        ),
    )
    @fuzz_settings(RAW_EXAMPLES)
    def run(body, auth, content_type):
        headers = {"Authorization": auth} if auth.isascii() and "\n" not in auth else {}
        response = client.post(url, data=body, headers=headers, content_type=content_type)
        statuses.append(response.status_code)
        assert response.status_code in (201, 400, 403, 409, 429), response.status_code
        assert response.mimetype == "application/json"
        assert "error" in response.json or response.status_code == 201

    run()
    assert len(statuses) >= RAW_EXAMPLES
    assert {400, 403} <= set(statuses)


def test_the_openapi_document_describes_the_api(client):
    document = client.get("/api/openapi.json").json
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]["/api/stations/{code}/queue"]) >= {"get", "post"}
