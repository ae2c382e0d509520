"""A realistic, seeded election day of queue reports for the sample stations (pure).

Crowds follow a morning peak (about 10:00), a quiet early afternoon and a larger evening peak
(about 18:15) that carries on at stations whose hours were extended. Most station heads report
every 25–55 minutes; some stop during the day and some never report. Voters in busy queues
send a few reports of their own, not always accurate.
"""

import datetime as dt
import math
import random
from collections.abc import Iterator

from webapp.crowding.hours import Hours
from webapp.crowding.levels import Report
from webapp.crowding.service import StationRef
from webapp.text.dates import TEHRAN

WAIT_BANDS = (3, 15, 30, 60)  # minutes: under 3 is "no queue", 60 and more "very long"
REGULAR, STOPS, SILENT = 0.72, 0.13, 0.15
PUBLIC_PER_HOUR = 0.6


def _bump(minute: float, centre: float, width: float) -> float:
    return math.exp(-(((minute - centre) / width) ** 2))


def demand(minute_of_day: float) -> float:
    """How busy polling stations are at a Tehran time of day (0.25 quiet … about 1.3 peak)."""
    return (
        0.25
        + 0.8 * _bump(minute_of_day, 10 * 60, 80)
        + 1.05 * _bump(minute_of_day, 18 * 60 + 15, 95)
        + 0.15 * _bump(minute_of_day, 21 * 60, 120)
    )


def level_for_wait(minutes: float) -> int:
    """The level a waiting time falls in."""
    return sum(1 for limit in WAIT_BANDS if minutes >= limit)


class _Station:
    """One station's crowd over the day (times as epoch seconds, for speed)."""

    def __init__(self, rng: random.Random, hours: Hours):
        self.hours = hours
        self.busy = rng.lognormvariate(0, 0.55) * (1.35 if hours.extended_until else 1.0)
        self.phase = rng.random() * 2 * math.pi
        local = hours.opens.astimezone(TEHRAN)
        self.midnight = hours.opens.timestamp() - (local.hour * 3600 + local.minute * 60)

    def wait(self, at: float) -> float:
        """The true waiting time in minutes at an instant."""
        minute = (at - self.midnight) / 60
        wobble = 1 + 0.18 * math.sin(self.phase + minute / 37)
        return max(0.0, 38 * self.busy * demand(minute) * wobble - 4)


def _instant(at: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(at), dt.UTC)


def _nudge(rng: random.Random, level: int, chance: float) -> int:
    """A reporter's level: the true one, or one off with this chance."""
    if rng.random() < chance:
        return min(4, max(0, level + rng.choice((-1, 1))))
    return level


def _staff(rng: random.Random, crowd: _Station) -> Iterator[Report]:
    hours, kind = crowd.hours, rng.random()
    if kind >= REGULAR + STOPS:
        return
    opens, last = hours.opens.timestamp(), hours.last_close.timestamp()
    stop_at = last if kind < REGULAR else opens + (last - opens) * rng.uniform(0.3, 0.8)
    at = opens + rng.uniform(5, 25) * 60
    while at < stop_at:
        when = _instant(at)
        if hours.is_open(when):
            wait = crowd.wait(at)
            people = round(wait * rng.uniform(1.5, 2.5)) if rng.random() < 0.6 else None
            yield Report(when, _nudge(rng, level_for_wait(wait), 0.15), "staff", people)
        at += rng.uniform(25, 55) * 60


def _public(rng: random.Random, crowd: _Station) -> Iterator[Report]:
    opens, last = crowd.hours.opens.timestamp(), crowd.hours.last_close.timestamp()
    for hour in range(int((last - opens) // 3600) + 1):
        at = opens + hour * 3600
        expected = PUBLIC_PER_HOUR * min(crowd.wait(at) / 30, 2.5)
        for _n in range(_poisson(rng, expected)):
            when = at + rng.uniform(0, 3600)
            instant = _instant(when)
            if when < last and crowd.hours.is_open(instant):
                level = _nudge(rng, level_for_wait(crowd.wait(when)), 0.3)
                yield Report(instant, level, "public")


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def station_day(ref: StationRef, seed: int) -> list[Report]:
    """Every report one station sends on polling day, in time order (same seed, same day)."""
    rng = random.Random(f"{seed}:{ref.code}")
    crowd = _Station(rng, ref.hours)
    reports = list(_staff(rng, crowd)) + list(_public(rng, crowd))
    return sorted(reports, key=lambda r: r.at)
