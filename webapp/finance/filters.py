"""The finance search's query string → a validated Filters, or field errors in the page's words."""

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

import jdatetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext

from webapp.finance.codes import CATEGORIES, TYPES
from webapp.finance.money import AmountError, parse_toman
from webapp.i18n import current_language
from webapp.stations.forms import parse_query
from webapp.text.dates import parse_date_jalali
from webapp.text.normalize import to_ascii_digits

FIELDS = (
    "candidate", "constituency", "province", "direction", "type", "category",
    "from", "to", "min", "max", "q", "sort",
)  # fmt: skip
SORTS = ("newest", "oldest", "largest", "smallest")
DIRECTIONS = ("in", "out")


@dataclass(frozen=True)
class Filters:
    """What the reader asked for; every field optional."""

    candidate: int | None = None
    constituency: int | None = None
    province: int | None = None
    direction: str = ""
    type: str = ""
    category: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    low: int | None = None  # rials
    high: int | None = None  # rials
    q: str = ""
    sort: str = "newest"

    def without(self, *names: str) -> "Filters":
        """The same filters with some fields cleared."""
        blank = Filters()
        return replace(self, **{n: getattr(blank, n) for n in names})

    def key(self) -> str:
        """A canonical text of the filters (for cursors and caches)."""
        return "|".join(f"{k}={v}" for k, v in sorted(asdict(self).items()))

    @property
    def active(self) -> bool:
        """True when anything narrows the results."""
        return any(
            getattr(self, f.name) not in (None, "") for f in fields(self) if f.name != "sort"
        )


@dataclass
class Form:
    """The raw values as typed (to show them again), the parsed filters and field errors."""

    raw: dict
    filters: Filters
    errors: list  # (field id, message)
    note: str | None = None


def _whole(raw: dict, name: str, message: str, errors: list) -> int | None:
    text = to_ascii_digits(raw.get(name, "")).strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        errors.append((name, message))
        return None
    return int(text)


def _choice(raw: dict, name: str, allowed, message: str, errors: list) -> str:
    value = raw.get(name, "").strip()
    if value and value not in allowed:
        errors.append((name, message))
        return ""
    return value


def _date(raw: dict, name: str, errors: list) -> dt.date | None:
    text = raw.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_date_jalali(text, current_language())
    except ValueError as exc:
        errors.append((name, str(exc)))
        return None


AMOUNT_MESSAGES = {
    "format": lazy_gettext("Type an amount in toman, for example 2,500,000 or 2.5 million."),
    "negative": lazy_gettext("Amounts cannot be negative."),
    "fraction": lazy_gettext("Amounts are whole rials: at most one decimal place of toman."),
    "large": lazy_gettext("That amount is larger than any campaign could hold."),
}


def _amount(raw: dict, name: str, errors: list) -> int | None:
    try:
        return parse_toman(raw.get(name, ""))
    except AmountError as exc:
        errors.append((name, str(AMOUNT_MESSAGES[exc.reason])))
        return None


def _ranges(values: dict, errors: list) -> None:
    if values["start"] and values["end"] and values["start"] > values["end"]:
        errors.append(("to", _("The start date is after the end date.")))
    if values["low"] is not None and values["high"] is not None and values["low"] > values["high"]:
        errors.append(("max", _("The smallest amount is larger than the largest.")))


def parse_filters(args) -> Form:
    """Read the query string; errors name the field and say what to do."""
    raw = {k: args.get(k, "") for k in FIELDS}
    errors: list = []
    q, note = parse_query(raw["q"])
    values = {
        "candidate": _whole(raw, "candidate", _("The candidate is not a number."), errors),
        "constituency": _whole(
            raw, "constituency", _("Choose a constituency from the list."), errors
        ),
        "province": _whole(raw, "province", _("Choose a province from the list."), errors),
        "direction": _choice(
            raw, "direction", DIRECTIONS, _("Choose money in or money out."), errors
        ),
        "type": _choice(raw, "type", TYPES, _("Choose a type from the list."), errors),
        "category": _choice(
            raw, "category", CATEGORIES, _("Choose a category from the list."), errors
        ),
        "start": _date(raw, "from", errors),
        "end": _date(raw, "to", errors),
        "low": _amount(raw, "min", errors),
        "high": _amount(raw, "max", errors),
        "q": q,
        "sort": _choice(raw, "sort", SORTS, _("Choose an order from the list."), errors)
        or "newest",
    }
    _ranges(values, errors)
    return Form(raw=raw, filters=Filters(**values), errors=errors, note=note)


def _jalali(day: dt.date | None) -> str | None:
    if day is None:
        return None
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def _toman(rials: int | None) -> str | None:
    if rials is None:
        return None
    return str(rials // 10) if rials % 10 == 0 else f"{rials} rial"


def query_args(f: Filters, **extra) -> dict:
    """Canonical URL arguments for these filters (only those in use), plus `extra`."""
    values = {
        "candidate": f.candidate,
        "constituency": f.constituency,
        "province": f.province,
        "direction": f.direction,
        "type": f.type,
        "category": f.category,
        "from": _jalali(f.start),
        "to": _jalali(f.end),
        "min": _toman(f.low),
        "max": _toman(f.high),
        "q": f.q,
        "sort": f.sort if f.sort != "newest" else None,
    }
    values.update(extra)
    return {k: v for k, v in values.items() if v not in (None, "")}
