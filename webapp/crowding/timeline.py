"""Today's queue at one station hour by hour: the "best time to go" strip."""

import datetime as dt
from dataclasses import dataclass

from webapp.crowding import clock, levels
from webapp.crowding.queries import polling_live, refs_for
from webapp.crowding.store import StoreUnavailable, get_store

HOUR = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Slot:
    """One hour of polling day: its start, mean level so far, and whether it is past or now."""

    start: dt.datetime
    level: int | None
    when: str  # past, now, later

    @property
    def end(self) -> dt.datetime:
        """When the hour ends."""
        return self.start + HOUR


@dataclass(frozen=True)
class Day:
    """The strip: every hour the station is open today, and the quietest finished hour."""

    slots: list[Slot]
    quietest: Slot | None


def _when(start: dt.datetime, now: dt.datetime) -> str:
    if start + HOUR <= now:
        return "past"
    return "now" if start <= now else "later"


def today_by_hour(station) -> Day | None:
    """Today's hours at a station with their mean level; None off polling day or before opening."""
    if not polling_live():
        return None
    hours = refs_for([station])[0].hours
    now = clock.now()
    if now < hours.opens:
        return None
    count = -(-int((hours.last_close - hours.opens).total_seconds()) // 3600)
    try:
        reports = get_store().between(station.id, hours.opens, min(now, hours.last_close))
    except StoreUnavailable:
        return None
    means = levels.hourly(reports, hours.opens, count, now)
    slots = [
        Slot(hours.opens + i * HOUR, level, _when(hours.opens + i * HOUR, now))
        for i, level in enumerate(means)
    ]
    finished = [s for s in slots if s.when == "past" and s.level is not None]
    quietest = min(finished, key=lambda s: (s.level, s.start), default=None)
    return Day(slots, quietest)
