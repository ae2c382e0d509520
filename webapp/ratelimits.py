"""Rate limits on every write and on search (Flask-Limiter), shared through Redis when set.

With `REDIS_URL` the counters live in Redis, so every app server counts the same client once;
without it they are in memory, per process. When Redis stops answering, the limits fall back to
memory and the pages keep serving: a dead Redis never turns a page into an error. Clients are
counted by a keyed hash of their address (`webapp.security.client_key`), never the address.

The limits are in the config (`RATELIMIT_SEARCH`, `RATELIMIT_WRITE`, `RATELIMIT_CORRECTIONS`,
each a Flask-Limiter string such as "60/minute;600/hour"), one readable table says which
endpoints take which, and `RATELIMIT_ENABLED=0` turns them off (e.g. for a load test).
"""

import os

from flask import Flask, request
from flask_limiter import Limiter

from webapp.security import client_key

SEARCH = "RATELIMIT_SEARCH"
WRITE = "RATELIMIT_WRITE"
CORRECTIONS = "RATELIMIT_CORRECTIONS"

# endpoint → (config key of its limit, methods it applies to; None for all)
LIMITED = {
    "stations.search": (SEARCH, None),
    "stations.results": (SEARCH, None),
    "stations.near": (SEARCH, None),
    "search.suggestions": (SEARCH, None),
    "candidates.search": (SEARCH, None),
    "candidates.search_results": (SEARCH, None),
    "candidates.constituency_list_fragment": (SEARCH, None),
    "finance.search": (SEARCH, None),
    "finance.results": (SEARCH, None),
    "finance.export_csv": (SEARCH, None),
    "finance.export_json": (SEARCH, None),
    "crowding.staff": (WRITE, ["POST"]),
    "crowding.report": (WRITE, ["POST"]),
    "crowding.api.post_report": (WRITE, None),
    "selfcheck.correct": (CORRECTIONS, None),
    "selfcheck.claim": (WRITE, None),
    "selfcheck.leave": (WRITE, None),
    "moderate.decide_claim": (WRITE, None),
    "moderate.decide_request": (WRITE, None),
    "moderate.leave": (WRITE, None),
}


def settings(config) -> dict:
    """Rate-limit settings from the environment and the app's Redis (merged into the config)."""
    redis_url = config.get("REDIS_URL", "")
    return {
        "RATELIMIT_ENABLED": os.environ.get("RATELIMIT_ENABLED", "1") not in ("0", "false", "no"),
        SEARCH: os.environ.get(SEARCH, "60/minute;600/hour"),
        WRITE: os.environ.get(WRITE, "20/minute;200/hour"),
        CORRECTIONS: os.environ.get(CORRECTIONS, "20/hour"),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_STORAGE_OPTIONS": (
            {"socket_timeout": 0.5, "socket_connect_timeout": 0.5} if redis_url else {}
        ),
        "RATELIMIT_KEY_PREFIX": config.get("REDIS_PREFIX", "raynama:") + "limits",
        "RATELIMIT_STRATEGY": "moving-window",
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    }


def _client() -> str:
    return client_key(request.remote_addr)


def init_app(app: Flask) -> Limiter:
    """Give this app its own limiter and wrap the endpoints of `LIMITED` with their limits."""
    for key, value in settings(app.config).items():
        app.config.setdefault(key, value)
    limiter = Limiter(key_func=_client)
    limiter.init_app(app)
    app.extensions["raynama_limiter"] = limiter
    if not limiter.enabled:
        return limiter
    for endpoint, (config_key, methods) in LIMITED.items():
        view = app.view_functions.get(endpoint)
        if view is not None:
            limit = limiter.limit(app.config[config_key], methods=methods)
            app.view_functions[endpoint] = limit(view)
    return limiter
