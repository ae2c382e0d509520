"""When a station is open on polling day, extensions and mobile stops included (pure)."""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from webapp.text.dates import TEHRAN


@dataclass(frozen=True)
class Hours:
    """A station's polling-day hours as instants (aware UTC)."""

    opens: dt.datetime
    closes: dt.datetime
    extended_until: dt.datetime | None = None
    stops: tuple[tuple[dt.datetime, dt.datetime], ...] = field(default_factory=tuple)

    @property
    def last_close(self) -> dt.datetime:
        """When voting ends at this station, an announced extension included."""
        return max(self.closes, self.extended_until or self.closes)

    def is_open(self, now: dt.datetime) -> bool:
        """True while voting goes on here (for a mobile station: while it stands at a stop)."""
        if not self.opens <= now < self.last_close:
            return False
        if not self.stops:
            return True
        last_end = self.stops[-1][1]
        return any(start <= now < end for start, end in self.stops) or now >= last_end

    def phase(self, now: dt.datetime) -> str:
        """'before', 'open', 'between' (a mobile station moving) or 'after'."""
        if now < self.opens:
            return "before"
        if now >= self.last_close:
            return "after"
        return "open" if self.is_open(now) else "between"

    def next_stop(self, now: dt.datetime) -> dt.datetime | None:
        """When a mobile station opens its next stop, if it is between stops now."""
        return next((start for start, _end in self.stops if start > now), None)


@lru_cache(maxsize=4096)
def at_tehran(day: dt.date, clock: dt.time) -> dt.datetime:
    """A Tehran wall-clock time on a day, as an aware UTC instant."""
    return dt.datetime.combine(day, clock, tzinfo=TEHRAN).astimezone(dt.UTC)


def hours_of(
    day: dt.date,
    opens: dt.time,
    closes: dt.time,
    extended_until: dt.datetime | None,
    stops: list[tuple[dt.time, dt.time]] | None = None,
) -> Hours:
    """Hours from a station's columns (extended_until is already an instant)."""
    if extended_until is not None and extended_until.tzinfo is None:
        extended_until = extended_until.replace(tzinfo=dt.UTC)
    stop_instants = tuple((at_tehran(day, a), at_tehran(day, b)) for a, b in sorted(stops or []))
    return Hours(at_tehran(day, opens), at_tehran(day, closes), extended_until, stop_instants)
