"""Response policy: HTML compression, ETags with 304s, caching and security headers."""

import gzip

from flask import Response, request

from webapp import caching

COMPRESS_MIN_BYTES = 600
HSTS = "max-age=31536000; includeSubDomains"
COMPRESSIBLE = ("text/html", "application/json", "text/plain", "image/svg+xml")


def _compress(response: Response) -> None:
    """Gzip a textual response when the client accepts it."""
    if (
        response.direct_passthrough
        or response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
        or not (response.mimetype or "").startswith(COMPRESSIBLE)
        or "gzip" not in request.headers.get("Accept-Encoding", "")
    ):
        return
    data = response.get_data()
    if len(data) < COMPRESS_MIN_BYTES:
        return
    response.set_data(gzip.compress(data, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"


def finish(response: Response) -> Response:
    """Apply caching, conditional GET, compression and security headers to every response."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    )
    if request.is_secure:  # behind TLS (directly, or X-Forwarded-Proto through a trusted proxy)
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    vary = {v.strip() for v in response.headers.get("Vary", "").split(",") if v.strip()}
    response.headers["Vary"] = ", ".join(sorted(vary | {"Accept-Encoding"}))
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        response.headers.setdefault("Cache-Control", caching.policy(request.endpoint))
        storable = "no-store" not in response.headers["Cache-Control"]
        if storable and not response.direct_passthrough and not response.is_streamed:
            response.add_etag(weak=True)
            response.make_conditional(request)
    else:
        response.headers.setdefault("Cache-Control", "no-store")
    if response.status_code != 304:
        _compress(response)
    return response


def init_app(app) -> None:
    """Install the response policy."""
    app.after_request(finish)
