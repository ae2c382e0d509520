"""Rate limits as GCRA (generic cell rate algorithm): one number per key, no window edges.

A limit of `count` per `period` seconds lets a burst of `count` through, then one every
`period / count` seconds. The stored number is the key's theoretical arrival time (TAT).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """At most `count` hits per `period` seconds."""

    count: int
    period: float

    @property
    def interval(self) -> float:
        """Seconds each hit uses up."""
        return self.period / self.count

    @property
    def tolerance(self) -> float:
        """How far ahead of now the TAT may run and still allow a hit (the burst)."""
        return self.period - self.interval


STAFF_PER_STATION = Limit(1, 60)
PUBLIC_PER_CLIENT_STATION = Limit(1, 600)
PUBLIC_PER_CLIENT = Limit(6, 3600)
PUBLIC_PER_STATION = Limit(20, 600)


def decide(tat: float | None, now: float, limit: Limit) -> tuple[bool, float]:
    """(allowed, new TAT) for a hit at `now` given the stored TAT (None when unseen)."""
    current = now if tat is None or tat < now else tat
    if current - now > limit.tolerance:
        return False, current
    return True, current + limit.interval


def retry_after(tat: float, now: float, limit: Limit) -> int:
    """Whole seconds until a denied key may try again (at least 1)."""
    return max(1, int(tat - limit.tolerance - now + 0.999))
