"""Private tokens (hashed at rest, compared in constant time), CSRF tokens and a rate limiter.

A private link carries a random 32-byte token; the database keeps only its SHA-256, so a copy of
the database does not open anyone's page. Forms on private pages carry a per-session CSRF token.
The limiter is in memory, per process; it sits behind `hit()` so a shared store can replace it.
"""

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque

from flask import current_app, request, session

TOKEN_BYTES = 32
CSRF_KEY = "csrf"


def new_token() -> str:
    """A fresh URL-safe random token (32 bytes of entropy)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest stored in place of a token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def same_hash(stored: str, token: str) -> bool:
    """True when `token` hashes to `stored`, compared in constant time."""
    return hmac.compare_digest(stored.encode(), token_hash(token).encode())


def plausible_token(token: str | None) -> bool:
    """Cheap shape check before touching the database (URL-safe base64, sane length)."""
    return bool(token) and 20 <= len(token) <= 100 and token.isascii()


def csrf_token() -> str:
    """This session's CSRF token, created on first use (for a hidden form field)."""
    token = session.get(CSRF_KEY)
    if not token:
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Refuse a POST whose form token does not match this session's (400, nothing changed)."""
    from webapp.errors import BadInput

    sent = request.form.get(CSRF_KEY, "")
    expected = session.get(CSRF_KEY, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise BadInput(_csrf_message())
    origin = request.headers.get("Origin")
    if origin and origin != "null" and origin.rstrip("/") != request.host_url.rstrip("/"):
        raise BadInput(_csrf_message())


def _csrf_message() -> str:
    from flask_babel import gettext as _

    return _(
        "This form has expired or did not come from this site. "
        "Open your private link again and send the form once more."
    )


class MemoryLimiter:
    """Sliding-window counts per key, in this process; old keys are dropped as they expire."""

    def __init__(self, max_keys: int = 10_000):
        self.hits: dict[str, deque] = {}
        self.lock = threading.Lock()
        self.max_keys = max_keys

    def hit(self, key: str, limit: int, window: float) -> bool:
        """Count one attempt; False when `limit` attempts already fell within `window` seconds."""
        now = time.monotonic()
        with self.lock:
            times = self.hits.get(key)
            if times is None:
                if len(self.hits) >= self.max_keys:
                    self._prune(now, window)
                times = self.hits[key] = deque()
            while times and now - times[0] > window:
                times.popleft()
            if len(times) >= limit:
                return False
            times.append(now)
            return True

    def _prune(self, now: float, window: float) -> None:
        for key in [k for k, t in self.hits.items() if not t or now - t[-1] > window]:
            del self.hits[key]
        while len(self.hits) >= self.max_keys:
            self.hits.pop(next(iter(self.hits)))


def limiter() -> MemoryLimiter:
    """The app's limiter (one per app, so tests never share counts)."""
    return current_app.extensions.setdefault("raynama_limiter", MemoryLimiter())


def private_headers(response):
    """Headers for every private page: never stored, never indexed, no referrer to other sites."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "same-origin"
    return response
