"""The Redis store: one sorted set of reports per station (scored by time) and GCRA keys.

Every call has a short timeout; after a failure the store stays "unavailable" for a few
seconds without trying again, so pages never queue up behind a dead Redis.
"""

import datetime as dt
import secrets
import time

import redis

from webapp.crowding.levels import FADE, Report
from webapp.crowding.ratelimit import Limit, retry_after
from webapp.crowding.store import StoreUnavailable

KEEP_REPORTS = 400
KEEP_SECONDS = 3 * 24 * 3600
RETRY_AFTER_FAILURE = 5.0
SOURCE_CODES = {"staff": "s", "public": "p"}
SOURCE_NAMES = {code: name for name, code in SOURCE_CODES.items()}

GCRA = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]))
if (not tat) or tat < now then tat = now end
if tat - now > tolerance then return {0, tostring(tat)} end
local new = tat + interval
redis.call('SET', KEYS[1], tostring(new), 'PX', math.ceil((new - now) * 1000) + 1000)
return {1, tostring(new)}
"""


def encode(report: Report, simulated: bool = False) -> str:
    """A sorted-set member: source, level, people, a simulated mark and a random tail."""
    people = "" if report.people is None else str(report.people)
    mark = "x" if simulated else ""
    return f"{SOURCE_CODES[report.source]}{report.level}:{people}:{mark}{secrets.token_hex(3)}"


def decode(member: str, score: float) -> Report:
    """The report a member and its score stand for."""
    head, people, _tail = member.split(":", 2)
    at = dt.datetime.fromtimestamp(score, dt.UTC)
    return Report(at, int(head[1]), SOURCE_NAMES[head[0]], int(people) if people else None)


class RedisStore:
    """Reports and limits in Redis, shared by every app server."""

    kind = "redis"

    def __init__(self, url: str, prefix: str):
        self.prefix = prefix
        self.client = redis.Redis.from_url(
            url, socket_timeout=1.0, socket_connect_timeout=0.5, decode_responses=True
        )
        self.gcra = self.client.register_script(GCRA)
        self.down_until = 0.0

    def _key(self, station_id: int) -> str:
        return f"{self.prefix}q:{station_id}"

    def _run(self, action):
        """Run a Redis action; turn any Redis failure into StoreUnavailable for a while."""
        if time.monotonic() < self.down_until:
            raise StoreUnavailable("Redis was unreachable a moment ago")
        try:
            return action()
        except redis.RedisError as exc:
            self.down_until = time.monotonic() + RETRY_AFTER_FAILURE
            raise StoreUnavailable(str(exc)) from exc

    def _append(self, pipe, station_id: int, reports: list[Report], simulated: bool) -> None:
        key = self._key(station_id)
        pipe.zadd(key, {encode(r, simulated): r.at.timestamp() for r in reports})
        pipe.zremrangebyrank(key, 0, -(KEEP_REPORTS + 1))
        pipe.expire(key, KEEP_SECONDS)

    def add(self, station_id: int, report: Report) -> None:
        """Store one report."""

        def action():
            pipe = self.client.pipeline(transaction=False)
            self._append(pipe, station_id, [report], False)
            pipe.execute()

        self._run(action)

    def add_many(self, rows: list[tuple[int, Report]], simulated: bool = True) -> None:
        """Store many reports, one pipeline per thousand stations."""
        by_station: dict[int, list[Report]] = {}
        for sid, report in rows:
            by_station.setdefault(sid, []).append(report)
        items = list(by_station.items())
        for start in range(0, len(items), 1000):

            def action(chunk=items[start : start + 1000]):
                pipe = self.client.pipeline(transaction=False)
                for sid, reports in chunk:
                    self._append(pipe, sid, reports, simulated)
                pipe.execute()

            self._run(action)

    def clear(self, station_ids: list[int], start: dt.datetime, end: dt.datetime) -> None:
        """Forget the simulated stations' reports between two instants."""

        def action():
            pipe = self.client.pipeline(transaction=False)
            for sid in station_ids:
                pipe.zremrangebyscore(self._key(sid), start.timestamp(), f"({end.timestamp()}")
            pipe.execute()

        self._run(action)

    def discard(self) -> None:
        """Nothing to undo: a denied hit records nothing."""

    def recent(self, station_ids: list[int], now: dt.datetime) -> dict[int, list[Report]]:
        """Reports of the last 45 minutes (up to now) by station, in one round trip."""
        ids = sorted(set(station_ids))
        low, high = f"({(now - FADE).timestamp()}", now.timestamp()

        def action():
            pipe = self.client.pipeline(transaction=False)
            for sid in ids:
                pipe.zrangebyscore(self._key(sid), low, high, withscores=True)
            return pipe.execute()

        answers = self._run(action) if ids else []
        return {
            sid: [decode(m, s) for m, s in members]
            for sid, members in zip(ids, answers, strict=True)
            if members
        }

    def between(self, station_id: int, start: dt.datetime, end: dt.datetime) -> list[Report]:
        """One station's reports from `start` up to `end`, oldest first."""
        members = self._run(
            lambda: self.client.zrangebyscore(
                self._key(station_id), start.timestamp(), end.timestamp(), withscores=True
            )
        )
        return [decode(m, s) for m, s in members]

    def hit(self, key: str, limit: Limit, now: float) -> tuple[bool, int]:
        """(allowed, seconds to wait) for one hit on `key`, decided atomically in Redis."""
        allowed, tat = self._run(
            lambda: self.gcra(
                keys=[f"{self.prefix}rl:{key}"], args=[now, limit.interval, limit.tolerance]
            )
        )
        return (True, 0) if int(allowed) else (False, retry_after(float(tat), now, limit))

    def ping(self) -> bool:
        """True when Redis answers now."""
        try:
            return bool(self._run(self.client.ping))
        except StoreUnavailable:
            return False
