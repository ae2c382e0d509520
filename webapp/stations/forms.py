"""Parsing and validating the station finder's query strings."""

import unicodedata

from flask_babel import gettext as _

from webapp.i18n import current_language
from webapp.places.geometry import inside_iran_bbox
from webapp.places.outline import inside_iran
from webapp.text.formatting import format_number
from webapp.text.normalize import to_ascii_digits

MAX_QUERY = 200


def parse_query(raw: str | None) -> tuple[str, str | None]:
    """Clean a search query: control characters dropped, trimmed to 200 characters with a note."""
    text = "".join(
        ch for ch in (raw or "") if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200c"
    ).strip()
    note = None
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY].strip()
        note = _(
            "Your search was longer than %(n)s characters and was shortened.",
            n=format_number(MAX_QUERY, lang=current_language()),
        )
    return text, note


def _coordinate(raw: str, name: str, low: float, high: float) -> float:
    try:
        value = float(to_ascii_digits(raw).replace("٫", ".").strip())
    except ValueError:
        raise ValueError(_("The %(name)s is not a number.", name=name)) from None
    if not low <= value <= high or value != value:
        raise ValueError(_("The %(name)s is out of range.", name=name))
    return value


def parse_point(lat: str | None, lon: str | None) -> tuple[float, float] | None:
    """A (lat, lon) inside Iran, None when both are absent; ValueError with a clear message."""
    if not lat and not lon:
        return None
    if not lat or not lon:
        raise ValueError(_("Both latitude and longitude are needed to find stations near you."))
    point = (
        _coordinate(lat, _("latitude"), -90, 90),
        _coordinate(lon, _("longitude"), -180, 180),
    )
    if not inside_iran_bbox(*point) or not inside_iran(*point):
        raise ValueError(
            _("This location is outside Iran. Choose your province and city below instead.")
        )
    return point
