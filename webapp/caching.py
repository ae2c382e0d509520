"""How long each public GET may be kept by browsers and CDNs, by endpoint.

Every 200 answer to a GET carries a weak ETag and answers `If-None-Match` with 304
(`webapp.responses`). `stale-while-revalidate` lets a CDN answer at once from its copy while it
fetches a fresh one, so a burst of voters on one station costs one request to us per minute.
Views that hold anything personal or a token set `no-store` themselves, and that wins.
"""

PAGE = "public, max-age=60, stale-while-revalidate=300"
# Browsers revalidate every poll (a 304 while nothing changed); a CDN may answer 30 s from its copy.
LIVE = "public, max-age=0, s-maxage=30"
SLOW = "public, max-age=300, stale-while-revalidate=3600"
STATIC_TEXT = "public, max-age=3600, stale-while-revalidate=86400"

# Endpoints whose data changes more slowly than a station's (default: PAGE).
POLICIES = {
    "answers.index": STATIC_TEXT,
    "offline.offline_page": STATIC_TEXT,
    "constituencies.index": SLOW,
    "finance.search": SLOW,
    "finance.results": SLOW,
    "finance.candidate": SLOW,
    "finance.constituency": SLOW,
    "finance.export_csv": SLOW,
    "finance.export_json": SLOW,
    "crowding.api.openapi": STATIC_TEXT,
}


def policy(endpoint: str | None) -> str:
    """The Cache-Control of a public 200 GET answer of `endpoint`."""
    return POLICIES.get(endpoint or "", PAGE)
