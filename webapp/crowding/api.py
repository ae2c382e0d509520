"""JSON API for messenger bots: staff post with the station's token; anyone may read a level."""

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from webapp.crowding import queries, service
from webapp.crowding.forms import parse_report
from webapp.crowding.levels import LEVELS
from webapp.crowding.openapi import SPEC

bp = Blueprint("api", __name__, url_prefix="/api")


def _json(payload: dict, status: int, **headers):
    response = jsonify(payload)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    response.headers.update(headers)
    return response


def _status_json(code: str, found: service.Status) -> dict:
    payload = {"station": code, "phase": found.phase, "open": found.open}
    if found.reading is not None:
        payload.update(
            level=found.reading.name,
            source=found.reading.source,
            people=found.reading.people,
            updated_at=found.reading.as_of.isoformat(),
            minutes_ago=found.age_minutes,
        )
    else:
        payload["level"] = "unknown" if found.open else None
    return payload


def _token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    body = request.get_json(silent=True)
    token = body.get("token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None


REFUSALS = {
    "closed": lambda: _("This station is not open now, so reports are not taken."),
    "rate": lambda: _("A report for this station came in less than a minute ago."),
    "unavailable": lambda: _("Reporting is unavailable right now. Try again in a minute."),
}


@bp.post("/stations/<code>/queue")
def post_report(code: str):
    """Take a staff report: {"level": "none|short|medium|long|very_long", "people": 12}."""
    ref = queries.ref_for_token(_token(), code)
    if ref is None:
        return _json({"error": "forbidden"}, 403)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _json({"error": "bad_request", "message": _("Send a JSON object.")}, 400)
    level, people, errors = parse_report(data)
    if errors:
        kind = "bad_level" if errors[0][0] == "level-none" else "bad_people"
        return _json({"error": kind, "message": errors[0][1], "levels": list(LEVELS)}, 400)
    try:
        report = service.submit(ref, level, people, "staff")
    except service.Refused as refusal:
        payload = {"error": refusal.reason, "message": REFUSALS[refusal.reason]()}
        headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
        if refusal.hours is not None:
            payload.update(opens=refusal.hours.opens.isoformat())
            payload.update(closes=refusal.hours.last_close.isoformat())
        return _json(payload, refusal.status, **headers)
    payload = {"station": code, "level": LEVELS[level], "people": people}
    return _json({**payload, "recorded_at": report.at.isoformat()}, 201)


@bp.get("/stations/<code>/queue")
def get_level(code: str):
    """The queue level shown for a station now, as JSON."""
    station = queries.published_station(code)
    if station is None:
        return _json({"error": "not_found"}, 404)
    found = queries.statuses_for([station])[station.id]
    response = jsonify(_status_json(code, found))
    response.headers["Cache-Control"] = "public, max-age=30"
    return response


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI description of this API."""
    return jsonify(SPEC)
