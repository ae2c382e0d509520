"""Secrets of the reporting feature: staff tokens, form (CSRF) tokens, client keys.

Staff tokens are 192 random bits; only their SHA-256 is stored and compared in constant time.
Form tokens are HMACs under SECRET_KEY bound to what the form is for, so no session is needed.
A client's address is only ever kept as a keyed hash, for rate limits.
"""

import hashlib
import hmac
import ipaddress
import secrets

from flask import current_app

FORM_TOKEN_MAX_AGE = 4 * 3600


def new_token() -> str:
    """A fresh staff token for a link (URL-safe, 32 characters)."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """The SHA-256 hex digest stored for a token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def same_hash(stored: str, token: str) -> bool:
    """True when `token` hashes to `stored`, compared in constant time."""
    return hmac.compare_digest(stored.encode(), token_hash(token).encode())


def _key(purpose: str) -> bytes:
    secret = current_app.config["SECRET_KEY"]
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()


def _sign(purpose: str, message: str) -> str:
    return hmac.new(_key(purpose), message.encode(), hashlib.sha256).hexdigest()[:32]


def form_token(purpose: str, subject: str, issued: float) -> str:
    """A form token for `purpose` and `subject` (what the form acts on), issued at `issued`."""
    stamp = str(int(issued))
    return f"{stamp}.{_sign('form', f'{purpose}|{subject}|{stamp}')}"


def form_token_ok(token: str | None, purpose: str, subject: str, now: float) -> bool:
    """True for a token this site issued for the same purpose and subject, not too old."""
    stamp, _dot, signature = (token or "").partition(".")
    if not stamp.isdigit() or not 0 <= now - int(stamp) <= FORM_TOKEN_MAX_AGE:
        return False
    expected = _sign("form", f"{purpose}|{subject}|{stamp}")
    return hmac.compare_digest(expected.encode(), signature.encode())


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
    return _sign("client", normal)[:24]
