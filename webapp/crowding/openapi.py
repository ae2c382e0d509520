"""The OpenAPI 3 description of the JSON API, served at /api/openapi.json and fuzzed in CI."""

from webapp.crowding.forms import MAX_PEOPLE
from webapp.crowding.levels import LEVELS

CODE = {
    "name": "code",
    "in": "path",
    "required": True,
    "description": "The station code, e.g. 00010031.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 20},
}


def _error(*extra: str) -> dict:
    properties = {"error": {"type": "string"}, "message": {"type": "string"}}
    properties.update({name: {} for name in extra})
    return {
        "content": {
            "application/json": {
                "schema": {"type": "object", "required": ["error"], "properties": properties}
            }
        },
        "description": "Refused; `error` says why, `message` in the page's language.",
    }


def _ok(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


LEVEL_NAMES = list(LEVELS)
STATUS = {
    "type": "object",
    "required": ["station", "phase", "open", "level"],
    "properties": {
        "station": {"type": "string"},
        "phase": {"type": "string"},
        "open": {"type": "boolean"},
        "level": {"type": "string", "nullable": True},
        "source": {"type": "string", "nullable": True},
        "people": {"type": "integer", "nullable": True},
        "updated_at": {"type": "string"},
        "minutes_ago": {"type": "integer", "nullable": True},
    },
}
REPORT = {
    "type": "object",
    "required": ["level"],
    "additionalProperties": False,
    "properties": {
        "level": {"type": "string", "enum": LEVEL_NAMES},
        "people": {"type": "integer", "minimum": 0, "maximum": MAX_PEOPLE},
    },
}
RECORDED = {
    "type": "object",
    "required": ["station", "level", "recorded_at"],
    "properties": {
        "station": {"type": "string"},
        "level": {"type": "string", "enum": LEVEL_NAMES},
        "people": {"type": "integer", "nullable": True},
        "recorded_at": {"type": "string"},
    },
}

SPEC = {
    "openapi": "3.0.3",
    "info": {
        "title": "Raynama queue reports",
        "version": "1",
        "description": "Queue levels of polling stations, for messenger bots of station staff.",
    },
    "paths": {
        "/api/stations/{code}/queue": {
            "parameters": [CODE],
            "get": {
                "operationId": "getQueueLevel",
                "summary": "The queue level shown for a station now.",
                "responses": {
                    "200": _ok(STATUS, "The level, or null outside opening hours."),
                    "400": _error(),
                    "404": _error(),
                },
            },
            "post": {
                "operationId": "postQueueReport",
                "summary": "A staff report, with the station's private token.",
                "security": [{"stationToken": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": REPORT}},
                },
                "responses": {
                    "201": _ok(RECORDED, "Recorded."),
                    "400": _error("levels"),
                    "403": _error(),
                    "409": _error("opens", "closes"),
                    "429": _error(),
                    "503": _error(),
                },
            },
        },
        "/healthz": {
            "get": {
                "operationId": "health",
                "summary": "200 while the database answers, else 503.",
                "responses": {
                    "200": _ok({"type": "object"}, "Up."),
                    "503": _ok({"type": "object"}, "The database does not answer."),
                },
            }
        },
    },
    "components": {
        "securitySchemes": {
            "stationToken": {
                "type": "http",
                "scheme": "bearer",
                "description": "The token of the station head's private link.",
            }
        }
    },
}
