"""Queue levels and the current reading of a station from its recent reports (pure).

While the newest staff report is fresh (20 minutes or newer) it is the level, whatever voters
say. Otherwise the level is the mean of the recent reports weighted by source (staff 1, voter
0.35) and age (fading linearly to nothing at 45 minutes); voters' reports alone count only when
at least two of them are recent.
"""

import datetime as dt
from dataclasses import dataclass

LEVELS = ("none", "short", "medium", "long", "very_long")
LEVEL_BY_NAME = {name: value for value, name in enumerate(LEVELS)}
SOURCES = ("staff", "public")

FADE = dt.timedelta(minutes=45)
STAFF_FRESH = dt.timedelta(minutes=20)
WEIGHTS = {"staff": 1.0, "public": 0.35}
PUBLIC_QUORUM = 2

# Typical wait of each level in minutes, for "least crowded nearby": the middle of each band.
TYPICAL_WAIT = (0, 8, 22, 45, 75)
UNKNOWN_WAIT = 25
WALK_MINUTES_PER_KM = 12


@dataclass(frozen=True)
class Report:
    """One stored report."""

    at: dt.datetime
    level: int
    source: str
    people: int | None = None


@dataclass(frozen=True)
class Reading:
    """The level shown for a station now, and when its newest counted report came in."""

    level: int
    as_of: dt.datetime
    source: str
    people: int | None = None

    @property
    def name(self) -> str:
        """The level's name: none, short, medium, long or very_long."""
        return LEVELS[self.level]

    def age_seconds(self, now: dt.datetime) -> int:
        """Seconds since the newest counted report."""
        return max(0, int((now - self.as_of).total_seconds()))


def parse_level(raw) -> int | None:
    """The level number of a name from the list, else None."""
    if not isinstance(raw, str):
        return None
    return LEVEL_BY_NAME.get(raw.strip().lower().replace("-", "_"))


def _weight(report: Report, now: dt.datetime) -> float:
    age = now - report.at
    if age < dt.timedelta(0) or age >= FADE:
        return 0.0
    return WEIGHTS[report.source] * (1 - age / FADE)


def reading(reports: list[Report], now: dt.datetime) -> Reading | None:
    """The current reading from a station's reports, or None when nothing recent counts."""
    live = [(r, w) for r in reports if (w := _weight(r, now)) > 0]
    staff = [r for r, _w in live if r.source == "staff"]
    newest_staff = max(staff, key=lambda r: r.at, default=None)
    if newest_staff is not None and now - newest_staff.at <= STAFF_FRESH:
        return Reading(newest_staff.level, newest_staff.at, "staff", newest_staff.people)
    if not staff and len(live) < PUBLIC_QUORUM:
        return None
    total = sum(w for _r, w in live)
    mean = sum(r.level * w for r, w in live) / total
    newest = max(live, key=lambda pair: pair[0].at)[0]
    people = newest_staff.people if newest_staff is not None else None
    return Reading(int(mean + 0.5), newest.at, _mixed(live), people)


def _mixed(counted: list[tuple[Report, float]]) -> str:
    sources = {r.source for r, _w in counted}
    return sources.pop() if len(sources) == 1 else "mixed"


def wait_minutes(found: Reading | None, age_seconds: int = 0) -> float:
    """The wait a level usually means; a station with no recent report counts as UNKNOWN_WAIT.

    A reading older than a fresh staff report drifts towards UNKNOWN_WAIT as it fades, so a
    "no queue" of 40 minutes ago does not outrank a short queue reported just now.
    """
    if found is None:
        return UNKNOWN_WAIT
    stale = (age_seconds - STAFF_FRESH.total_seconds()) / (FADE - STAFF_FRESH).total_seconds()
    stale = min(1.0, max(0.0, stale))
    return TYPICAL_WAIT[found.level] * (1 - stale) + UNKNOWN_WAIT * stale


def trip_minutes(distance_m: float, found: Reading | None, age_seconds: int = 0) -> float:
    """Walking time plus expected wait: what "least crowded nearby" orders by."""
    return distance_m / 1000 * WALK_MINUTES_PER_KM + wait_minutes(found, age_seconds)


def hourly(
    reports: list[Report], start: dt.datetime, hours: int, now: dt.datetime
) -> list[int | None]:
    """Weighted mean level of each hour from `start` (None without reports or not yet come)."""
    sums = [[0.0, 0.0] for _hour in range(hours)]
    for report in reports:
        if report.at > now or report.at < start:
            continue
        slot = int((report.at - start).total_seconds() // 3600)
        if slot < hours:
            sums[slot][0] += report.level * WEIGHTS[report.source]
            sums[slot][1] += WEIGHTS[report.source]
    return [int(total / weight + 0.5) if weight else None for total, weight in sums]
