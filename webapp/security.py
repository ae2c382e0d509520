"""Secrets shared by every feature: private tokens, CSRF, client keys, private-page headers.

Private links carry random tokens; the database keeps only their SHA-256, so a copy of it opens
nobody's page, and every comparison is constant-time. Forms are guarded two ways: pages with a
signed-in session carry a per-session CSRF token; one-tap forms without a session carry an HMAC
under SECRET_KEY bound to what the form acts on. Both refuse a cross-site `Origin`.
"""

import hashlib
import hmac
import ipaddress
import secrets

from flask import current_app, request, session

TOKEN_BYTES = 32
CSRF_KEY = "csrf"
FORM_TOKEN_MAX_AGE = 4 * 3600


def new_token(nbytes: int = TOKEN_BYTES) -> str:
    """A fresh URL-safe random token (`nbytes` of entropy)."""
    return secrets.token_urlsafe(nbytes)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest stored in place of a token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def equal(a: str, b: str) -> bool:
    """Constant-time equality of two strings (hashes, signatures, CSRF tokens)."""
    return hmac.compare_digest(
        a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass")
    )


def same_hash(stored: str, token: str) -> bool:
    """True when `token` hashes to `stored`, compared in constant time."""
    return equal(stored, token_hash(token))


def plausible_token(token: str | None) -> bool:
    """Cheap shape check before touching the database (URL-safe base64, sane length)."""
    return bool(token) and 20 <= len(token) <= 100 and token.isascii()


def cross_site() -> bool:
    """True when the browser says this request came from another site."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and origin != "null" and origin.rstrip("/") != request.host_url.rstrip("/")


def csrf_token() -> str:
    """This session's CSRF token, created on first use (for a hidden form field)."""
    token = session.get(CSRF_KEY)
    if not token:
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def session_csrf_ok() -> bool:
    """True when a POST carries this session's CSRF token and did not come from another site."""
    sent = request.form.get(CSRF_KEY, "")
    expected = session.get(CSRF_KEY, "")
    return bool(expected) and equal(sent, expected) and not cross_site()


def _key(purpose: str) -> bytes:
    secret = current_app.config["SECRET_KEY"]
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()


def sign(purpose: str, message: str) -> str:
    """A short HMAC of `message` under a key derived from SECRET_KEY for `purpose`."""
    return hmac.new(_key(purpose), message.encode(), hashlib.sha256).hexdigest()[:32]


def form_token(purpose: str, subject: str, issued: float) -> str:
    """A session-less form token for `purpose` and `subject` (what the form acts on)."""
    stamp = str(int(issued))
    return f"{stamp}.{sign('form', f'{purpose}|{subject}|{stamp}')}"


def form_token_ok(token: str | None, purpose: str, subject: str, now: float) -> bool:
    """True for a token this site issued for the same purpose and subject, not too old."""
    stamp, _dot, signature = (token or "").partition(".")
    if not (stamp.isascii() and stamp.isdigit()) or not 0 <= now - int(stamp) <= FORM_TOKEN_MAX_AGE:
        return False
    return equal(sign("form", f"{purpose}|{subject}|{stamp}"), signature)


def client_key(address: str | None) -> str:
    """A keyed hash of a client address (an IPv6 client by its /64), never the address itself."""
    text = (address or "unknown").strip()
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        normal = text[:64]
    else:
        mapped = getattr(ip, "ipv4_mapped", None)
        if ip.version == 6 and mapped is None:
            normal = str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
        else:
            normal = str(mapped or ip)
    return sign("client", normal)[:24]


def private_headers(response, cache: str = "no-store", referrer: str = "same-origin"):
    """Headers for a private page: never stored, never indexed, no referrer to other sites."""
    response.headers["Cache-Control"] = cache
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = referrer
    return response
