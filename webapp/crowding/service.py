"""Taking reports (checks, limits, storing) and working out what each station shows now."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from webapp.crowding import clock, ratelimit
from webapp.crowding.hours import Hours
from webapp.crowding.levels import Reading, Report, reading
from webapp.crowding.store import StoreUnavailable, get_store


@dataclass(frozen=True)
class StationRef:
    """The little a report or a level needs to know about a station."""

    id: int
    code: str
    hours: Hours


@dataclass
class Status:
    """What a station shows now: its phase of the day and, while open, its reading."""

    phase: str  # before, open, between (a mobile station moving), after, unavailable
    now: dt.datetime
    hours: Hours
    reading: Reading | None = None

    @property
    def open(self) -> bool:
        """True while the station takes voters (and reports)."""
        return self.phase == "open"

    @property
    def age_seconds(self) -> int | None:
        """Seconds since the reading's newest report."""
        return None if self.reading is None else self.reading.age_seconds(self.now)

    @property
    def age_minutes(self) -> int | None:
        """Whole minutes since the reading's newest report."""
        return None if self.reading is None else self.reading.age_seconds(self.now) // 60

    def fingerprint(self) -> str:
        """What the shown state depends on, apart from the passing minutes (for ETags)."""
        r = self.reading
        parts = [self.phase, self.hours.last_close.isoformat()]
        if r is not None:
            parts += [str(r.level), r.as_of.isoformat(), r.source, str(r.people)]
        return "|".join(parts)


@dataclass
class Refused(Exception):
    """A report that was not taken, with the HTTP status that says why."""

    reason: str  # closed, rate, unavailable
    status: int
    retry_after: int = 0
    hours: Hours | None = field(default=None, compare=False)


def statuses(refs: list[StationRef]) -> dict[int, Status]:
    """The status of each station now, reading the store once for all the open ones."""
    now = clock.now()
    phases: dict[int, str] = {}  # many stations share one Hours object
    result = {}
    for ref in refs:
        phase = phases.get(id(ref.hours))
        if phase is None:
            phase = phases[id(ref.hours)] = ref.hours.phase(now)
        result[ref.id] = Status(phase, now, ref.hours)
    open_ids = [sid for sid, status in result.items() if status.open]
    if not open_ids:
        return result
    try:
        recent = get_store().recent(open_ids, now)
    except StoreUnavailable:
        for sid in open_ids:
            result[sid].phase = "unavailable"
        return result
    for sid in open_ids:
        result[sid].reading = reading(recent.get(sid, []), now)
    return result


def _limits(ref: StationRef, source: str, client: str | None) -> list[tuple[str, object]]:
    if source == "staff":
        return [(f"staff:{ref.id}", ratelimit.STAFF_PER_STATION)]
    return [
        (f"pub:{ref.id}:{client}", ratelimit.PUBLIC_PER_CLIENT_STATION),
        (f"pubc:{client}", ratelimit.PUBLIC_PER_CLIENT),
        (f"pubs:{ref.id}", ratelimit.PUBLIC_PER_STATION),
    ]


def check_open(ref: StationRef, now=None) -> None:
    """Raise Refused("closed") unless the station takes reports now (open, or extended)."""
    if not ref.hours.is_open(now or clock.now()):
        raise Refused("closed", 409, hours=ref.hours)


def submit(
    ref: StationRef, level: int, people: int | None, source: str, client: str | None = None
) -> Report:
    """Check opening hours and limits, then store the report; raise Refused otherwise."""
    now = clock.now()
    check_open(ref, now)
    store = get_store()
    try:
        for key, limit in _limits(ref, source, client):
            allowed, wait = store.hit(key, limit, now.timestamp())
            if not allowed:
                store.discard()
                raise Refused("rate", 429, retry_after=wait)
        report = Report(now, level, source, people)
        store.add(ref.id, report)
    except StoreUnavailable:
        raise Refused("unavailable", 503) from None
    return report


def etag_for(statuses_in_order: list[tuple[str, Status]], lang: str) -> str:
    """A weak-ETag value from the shown states, stable while only the minutes pass."""
    text = lang + "\n" + "\n".join(f"{code}={s.fingerprint()}" for code, s in statuses_in_order)
    return hashlib.sha256(text.encode()).hexdigest()[:20]
