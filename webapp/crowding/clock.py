"""The clock that "open now", report ages and rate limits read: real, demo or test time.

`CLOCK_OVERRIDE` (tests) is a fixed ISO instant or a callable such as `TestClock`;
`DEMO_NOW` makes the running site start at that instant and tick on in real time, so a
simulated election day (`flask data simulate-day`) can be watched unfolding.
"""

import datetime as dt
import time

from flask import current_app

from webapp.text.dates import TEHRAN

_DEMO_ANCHOR_KEY = "crowding_demo_anchor"


def parse_instant(text: str) -> dt.datetime:
    """An aware UTC datetime from ISO text; without an offset it is Tehran wall-clock time."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=TEHRAN)
    return value.astimezone(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """Aware UTC; naive values (SQLite gives those back) are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


class TestClock:
    """A clock tests set and move by hand instead of sleeping."""

    __test__ = False  # not a pytest test class

    def __init__(self, start: dt.datetime | str):
        self.current = parse_instant(start) if isinstance(start, str) else as_utc(start)

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta) -> dt.datetime:
        """Move forward by timedelta keyword arguments (minutes=5, seconds=61, ...)."""
        self.current += dt.timedelta(**delta)
        return self.current

    def set(self, when: dt.datetime | str) -> None:
        """Jump to an instant."""
        self.current = parse_instant(when) if isinstance(when, str) else as_utc(when)


def start_demo_clock(app) -> None:
    """Remember when this app started, so DEMO_NOW ticks on from that moment."""
    app.extensions[_DEMO_ANCHOR_KEY] = time.time()


def now() -> dt.datetime:
    """The current instant (aware UTC) as this app sees it."""
    config = current_app.config
    override = config.get("CLOCK_OVERRIDE")
    if override is not None:
        return as_utc(override()) if callable(override) else parse_instant(str(override))
    demo = config.get("DEMO_NOW")
    if demo:
        started = current_app.extensions.get(_DEMO_ANCHOR_KEY, time.time())
        return parse_instant(demo) + dt.timedelta(seconds=time.time() - started)
    return dt.datetime.now(dt.UTC)


def real_seconds() -> float:
    """Wall-clock epoch seconds (form expiry is about real time, whatever the demo clock says)."""
    return time.time()
