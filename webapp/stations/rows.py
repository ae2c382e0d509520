"""Pure parsers for the cells of the polling-station CSV; each raises ValueError with the reason.

They take the raw cell text, accept Persian (۰–۹), Arabic-Indic (٠–٩) and ASCII digits in any
mix, and return plain Python values. Nothing here touches the database, so the tests need no app.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from webapp.text.normalize import clean_display, normalize_code, to_ascii_digits

TEHRAN = ZoneInfo("Asia/Tehran")
DAY_START = 6 * 60
MIDNIGHT = 24 * 60

YES_WORDS = frozenset({"yes", "y", "true", "1", "بله", "بلی", "آری", "اری", "دارد", "هست"})
NO_WORDS = frozenset({"no", "n", "false", "0", "خیر", "نه", "ندارد", "نیست"})
UNKNOWN_WORDS = frozenset({"", "unknown", "?", "؟", "نامعلوم", "نامشخص"})

VENUE_WORDS = {
    "school": "school",
    "مدرسه": "school",
    "دبستان": "school",
    "دبیرستان": "school",
    "mosque": "mosque",
    "مسجد": "mosque",
    "office": "office",
    "اداره": "office",
    "other": "other",
    "سایر": "other",
    "دیگر": "other",
}
AUDIENCE_WORDS = {
    "mixed": "mixed",
    "مختلط": "mixed",
    "عمومی": "mixed",
    "men": "men",
    "مردان": "men",
    "آقایان": "men",
    "برادران": "men",
    "women": "women",
    "زنان": "women",
    "بانوان": "women",
    "خواهران": "women",
}
SOURCE_WORDS = {
    "official": "official",
    "رسمی": "official",
    "surveyed": "surveyed",
    "geocoded": "geocoded",
    "city_point": "city_point",
}

_CODE_RE = re.compile(r"[0-9A-Z]{1,20}")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_DEGREES_RE = re.compile(r"-?\d{1,3}(?:\.\d+)?")
_STOP_SEPARATORS_RE = re.compile("[;؛]")


def _word(text: str) -> str:
    """Lower-case a cell and fold Arabic letter variants so «بلي» and «بلی» meet."""
    return clean_display(text).casefold()


def parse_code(text: str) -> str:
    """Return a station code as stored: ASCII digits and capitals, dashes and spaces removed."""
    code = normalize_code(text)
    if not code:
        raise ValueError("empty")
    if not _CODE_RE.fullmatch(code):
        raise ValueError(f"{text!r} must be 1–20 digits or Latin letters (dashes are ignored)")
    return code


def parse_coordinate(text: str) -> float:
    """Parse decimal degrees such as «۳۸٫۰۷۳۶» or «38.0736»."""
    value = to_ascii_digits(text).strip().replace("\u066b", ".")
    if not value:
        raise ValueError("empty")
    if not _DEGREES_RE.fullmatch(value):
        raise ValueError(f"{text!r} is not a number in decimal degrees, e.g. 38.0736")
    return float(value)


def parse_time(text: str) -> int:
    """Parse a 24-hour clock time «HH:MM» into minutes after midnight (24:00 gives 1440)."""
    match = _TIME_RE.fullmatch(to_ascii_digits(text).strip())
    if not match:
        raise ValueError(f"{text!r} is not HH:MM on a 24-hour clock, e.g. 08:00")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"{text!r} is not a clock time")
    return hours * 60 + minutes


def format_minutes(minutes: int) -> str:
    """Write minutes after midnight as «HH:MM», for error messages."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_yes_no(text: str, default: bool | None = None) -> bool:
    """Parse yes/no (English or Persian words, 1/0); an empty cell gives `default` if set."""
    word = _word(to_ascii_digits(text))
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    if word == "" and default is not None:
        return default
    raise ValueError(f"{text!r} is not yes or no")


def parse_tristate(text: str) -> str:
    """Parse an accessibility fact: 'yes', 'no' or 'unknown' (an empty cell is unknown)."""
    word = _word(to_ascii_digits(text))
    if word in UNKNOWN_WORDS:
        return "unknown"
    return "yes" if parse_yes_no(text) else "no"


def parse_choice(text: str, words: dict[str, str], default: str | None = None) -> str:
    """Map a cell to one value of an enumeration through its English or Persian word."""
    word = _word(text)
    if word == "" and default is not None:
        return default
    if word not in words:
        allowed = " / ".join(dict.fromkeys(words.values()))
        raise ValueError(f"{text!r} is not one of {allowed}")
    return words[word]


def parse_stops(text: str) -> list[tuple[str, int, int]]:
    """Parse «place|08:00|12:00;place 2|12:30|18:00» into (place, start, end) in time order."""
    stops = []
    for part in filter(None, (p.strip() for p in _STOP_SEPARATORS_RE.split(text))):
        pieces = [p.strip() for p in part.split("|")]
        if len(pieces) != 3 or not pieces[0]:
            raise ValueError(f"stop {part!r} is not place|HH:MM|HH:MM")
        start, end = parse_time(pieces[1]), parse_time(pieces[2])
        if start >= end:
            raise ValueError(f"stop {pieces[0]!r} ends before it starts")
        if end >= MIDNIGHT:
            raise ValueError(f"stop {pieces[0]!r} must end by 23:59")
        stops.append((clean_display(pieces[0]), start, end))
    stops.sort(key=lambda stop: stop[1])
    for before, after in zip(stops, stops[1:], strict=False):
        if after[1] < before[2]:
            raise ValueError(f"stops {before[0]!r} and {after[0]!r} overlap in time")
    return stops


def check_hours(opens: int, closes: int, extended: int | None, announced: int | None) -> None:
    """Refuse hours outside 06:00–24:00, a closing before opening, or an extension too early."""
    if not DAY_START <= opens < MIDNIGHT:
        raise ValueError(f"opens {format_minutes(opens)} is outside 06:00–23:59")
    if not opens < closes < MIDNIGHT:
        raise ValueError(
            f"closes {format_minutes(closes)} must be after opens {format_minutes(opens)} "
            "and before 24:00 (a later closing is an extension: use extended_until)"
        )
    if extended is not None and not closes < extended <= MIDNIGHT:
        raise ValueError(
            f"extended_until {format_minutes(extended)} must be after closes "
            f"{format_minutes(closes)} and no later than 24:00"
        )
    if announced is not None and (extended is None or not opens <= announced < extended):
        raise ValueError("extension_announced needs extended_until and must come before it")


def clock(minutes: int) -> dt.time:
    """Minutes after midnight (before 24:00) as a time of day."""
    return dt.time(minutes // 60, minutes % 60)


def polling_instant(day: dt.date, minutes: int | None) -> dt.datetime | None:
    """A Tehran wall-clock time on polling day as an aware UTC datetime (24:00 is midnight)."""
    if minutes is None:
        return None
    local = dt.datetime.combine(day, dt.time(), tzinfo=TEHRAN) + dt.timedelta(minutes=minutes)
    return local.astimezone(dt.UTC)
