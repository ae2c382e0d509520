"""A shared cache of whole public answers, so a popular page is rendered once a minute, not per hit.

What a CDN in front would do, inside the app for when there is none (or for what it misses): a
200 answer to a GET whose Cache-Control is `public, max-age=N` (or `s-maxage=N`, which is for
shared caches like this one) is kept N seconds, as sent
(compressed, with its ETag), keyed by language, path, query, whether the client takes gzip and
whether htmx asked. Requests with a cookie (a signed-in candidate or moderator) and answers
that are private, `no-store` or `no-cache` are never kept or served from here.

With `REDIS_URL` the copies are in Redis, shared by every app server; without it in a small
per-process store. A Redis failure only means rendering the page again.
`PAGE_CACHE_SECONDS` caps how long (0 turns the cache off; the tests turn it off).
"""

import hashlib
import json
import re
import threading
import time
from collections import OrderedDict

import redis
from flask import Flask, Response, current_app, request

KEPT_HEADERS = (
    "Content-Type", "Content-Encoding", "Cache-Control", "ETag", "Vary", "HX-Push-Url",
    "Content-Language", "X-Robots-Tag", "Link",
)  # fmt: skip
MAX_AGE = re.compile(r"(?:^|[ ,])(s-maxage|max-age)=(\d+)")
RETRY_AFTER_FAILURE = 5.0


class MemoryStore:
    """A bounded, expiring store in this process."""

    def __init__(self, max_entries: int = 2000):
        self.entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.max_entries = max_entries
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        """The value of a key that has not expired."""
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0] < time.monotonic():
                return None
            self.entries.move_to_end(key)
            return found[1]

    def set(self, key: str, value: bytes, seconds: int) -> None:
        """Keep a value for `seconds`, dropping the least recently used when full."""
        with self.lock:
            self.entries[key] = (time.monotonic() + seconds, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)


class RedisStore:
    """Copies in Redis, shared by every app server; left alone for a few seconds after a failure."""

    def __init__(self, url: str, prefix: str):
        self.client = redis.Redis.from_url(url, socket_timeout=0.3, socket_connect_timeout=0.3)
        self.prefix = prefix + "page:"
        self.down_until = 0.0

    def _run(self, action):
        if time.monotonic() < self.down_until:
            return None
        try:
            return action()
        except redis.RedisError:
            self.down_until = time.monotonic() + RETRY_AFTER_FAILURE
            return None

    def get(self, key: str) -> bytes | None:
        """The stored copy, or None (also when Redis does not answer)."""
        return self._run(lambda: self.client.get(self.prefix + key))

    def set(self, key: str, value: bytes, seconds: int) -> None:
        """Store a copy for `seconds` (silently skipped when Redis does not answer)."""
        self._run(lambda: self.client.set(self.prefix + key, value, ex=seconds))


def _key() -> str | None:
    """The cache key of this request, or None when it must not be served from the cache."""
    if request.method != "GET" or "Cookie" in request.headers or "Authorization" in request.headers:
        return None
    gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    htmx = "HX-Request" in request.headers
    raw = f"{request.host}|{request.script_root}|{request.full_path}|{gzip:d}{htmx:d}"
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _store():
    return current_app.extensions["raynama_page_cache"]


def serve_cached():
    """Answer from the cache when a fresh copy is there (before the view runs)."""
    key = _key() if current_app.config.get("PAGE_CACHE_SECONDS") else None
    if key is None:
        return None
    blob = _store().get(key)
    if blob is None:
        return None
    head, _sep, body = blob.partition(b"\n")
    status, headers = json.loads(head)
    response = Response(body, status=status, headers=headers)
    response.headers["X-Cache"] = "hit"
    return response


def keep(response: Response) -> Response:
    """Keep a public 200 answer for its max-age (after the response policy ran)."""
    limit = current_app.config.get("PAGE_CACHE_SECONDS", 0)
    if (
        not limit
        or response.status_code != 200
        or response.direct_passthrough
        or response.is_streamed
        or "X-Cache" in response.headers
        or "Set-Cookie" in response.headers
    ):
        return response
    control = response.headers.get("Cache-Control", "")
    ages = dict((name, int(value)) for name, value in MAX_AGE.findall(control))
    shared = ages.get("s-maxage", ages.get("max-age"))
    key = _key()
    if key is None or not control.startswith("public") or "no-cache" in control or not shared:
        return response
    seconds = min(shared, limit)
    if seconds <= 0:
        return response
    headers = [(name, response.headers[name]) for name in KEPT_HEADERS if name in response.headers]
    head = json.dumps([200, headers]).encode()
    _store().set(key, head + b"\n" + response.get_data(), seconds)
    return response


def init_app(app: Flask) -> None:
    """Install the cache: look up before every view, keep after the response policy.

    Call before `responses.init_app`: Flask runs after-request functions last-registered first.
    """
    if app.config.get("REDIS_URL"):
        store = RedisStore(app.config["REDIS_URL"], app.config.get("REDIS_PREFIX", "raynama:"))
    else:
        store = MemoryStore()
    app.extensions["raynama_page_cache"] = store
    app.before_request(serve_cached)
    app.after_request(keep)
