"""Security headers, CSRF on every form, no stack traces to users, no personal data in logs."""

import logging
import re
from pathlib import Path

from tests.integration.helpers import a_station

ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_a_strict_policy_and_no_inline_code(app, client):
    station = a_station(app)
    response = client.get(f"/stations/{station['code']}")
    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = response.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", body), "inline script"
    assert "<style" not in body and " style=" not in body


def test_hsts_only_behind_tls(app, another_app):
    server = another_app(PROXY_COUNT=1)
    client = server.test_client()
    plain = client.get("/")
    assert "Strict-Transport-Security" not in plain.headers
    secure = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_client_address_comes_from_the_trusted_proxy_only(app, another_app):
    from flask import request

    server = another_app(PROXY_COUNT=1)
    seen = []
    server.before_request(lambda: seen.append(request.remote_addr))
    server.test_client().get("/healthz", headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.4"})
    assert seen == ["198.51.100.4"]  # the address our proxy saw, not one the client made up


def test_every_post_form_carries_a_csrf_token():
    forms = 0
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", text, re.S | re.I):
            forms += 1
            assert 'name="csrf"' in form, template
    assert forms >= 4


def test_an_unexpected_error_shows_no_stack_trace_and_logs_no_query(app, caplog, another_app):
    server = another_app(TESTING=False)

    @server.get("/_boom")
    def boom():
        raise ZeroDivisionError("secret detail")

    token, lat = "tok" + "x" * 40, "35.71234"
    # Alembic's logging set-up (run by the test database build) disables existing loggers.
    logging.getLogger("webapp.errors").disabled = False
    with caplog.at_level(logging.INFO):
        response = server.test_client().get(f"/_boom?t={token}&lat={lat}")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Traceback" not in body and "secret detail" not in body and "ZeroDivision" not in body
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/_boom" in logged
    assert token not in logged and lat not in logged


def test_the_production_access_log_has_no_address_and_no_query_string():
    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config file
    log_format = namespace["access_log_format"]
    for personal in ("%(h)s", "%(q)s", "%(r)s", "%({x-forwarded-for}i)s", "%(f)s"):
        assert personal not in log_format
    assert "%(U)s" in log_format  # the path alone
    assert namespace["workers"] >= 2 and namespace["timeout"] > 0
