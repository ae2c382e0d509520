"""A saved constituency as one compact JSON pack: stations in columns, repeated text in lists.

Columns of small integers are written as text: zigzag, then base 32 with the high chunks first,
a final chunk from `FINAL` and the others from `MORE`, so no separators are needed and gzip
sees a small alphabet. Sorted codes and coordinates are stored as differences from the
previous station. Text that repeats (names, address parts, landmarks) is listed once and
referred to by position. static/src/js/saved.js decodes the same format.

A pack has tiers: "index" (code, place, name, position, voting method, audience, hours) is
always there; "address" and then "details" (landmark, neighbourhood, venue, accessibility,
mobile stops) are dropped, and coordinates coarsened, only when the pack would not fit the
budget otherwise.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field

FORMAT = 1
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
BUDGET_BYTES = 50_000  # 50 KB, counted in thousands to stay on the safe side
ADDRESS_SEPARATOR = "، "
MAX_ADDRESS_PARTS = 6
AUDIENCES = ("mixed", "men", "women")
VENUES = ("school", "mosque", "office", "other")
TRISTATE = ("yes", "no", "unknown")
TIERS = ("index", "address", "details")
SCALES = (10_000, 5_000, 2_000)  # 1/10,000 of a degree is about 11 m; 1/2,000 about 55 m


@dataclass
class PackStation:
    """What the pack keeps of one station; times are minutes after midnight (Tehran)."""

    code: str
    name: str
    lat: float
    lon: float
    place: int
    electronic: bool = False
    mobile: bool = False
    sample: bool = False
    audience: str = "mixed"
    opens: int = 480
    closes: int = 1080
    extended_until: int | None = None
    address: str = ""
    landmark: str = ""
    neighbourhood: str = ""
    venue: str = "other"
    access: tuple[str, str, str, str] = ("unknown",) * 4
    stops: list[tuple[str, int, int]] = field(default_factory=list)


def _digits(n: int) -> str:
    """One zigzagged (non-negative) integer in base 32, the high chunks first."""
    chunks = [n & 31]
    n >>= 5
    while n:
        chunks.append(n & 31)
        n >>= 5
    return "".join(MORE[c] for c in reversed(chunks[1:])) + FINAL[chunks[0]]


_SMALL = [_digits(n) for n in range(4096)]


def ints(values) -> str:
    """Write integers (any sign) as one string of base-32 digits."""
    out = []
    for value in values:
        n = value * 2 if value >= 0 else -value * 2 - 1
        out.append(_SMALL[n] if n < 4096 else _digits(n))
    return "".join(out)


def read_ints(text: str) -> list[int]:
    """Read back what `ints` wrote (the decoder in saved.js does the same)."""
    values, n = [], 0
    for char in text:
        if char in MORE:
            n = n * 32 + MORE.index(char)
            continue
        n = n * 32 + FINAL.index(char)
        values.append(n // 2 if n % 2 == 0 else -(n + 1) // 2)
        n = 0
    return values


def deltas(values) -> list[int]:
    """Each value minus the one before it (the first minus zero)."""
    previous, out = 0, []
    for value in values:
        out.append(value - previous)
        previous = value
    return out


def _distinct(values) -> tuple[list[str], list[int]]:
    """Distinct values in first-seen order, and each value's position in that list."""
    positions: dict[str, int] = {}
    indexes = [positions.setdefault(v, len(positions)) for v in values]
    return list(positions), indexes


def _codes(stations: list[PackStation]) -> dict | list:
    """Equal-width numeric codes as differences; anything else as a plain list."""
    codes = [s.code for s in stations]
    width = len(codes[0]) if codes else 0
    if codes and all(c.isascii() and c.isdigit() and len(c) == width for c in codes):
        return {"w": width, "d": ints(deltas(int(c) for c in codes))}
    return codes


def _index_tier(stations: list[PackStation], scale: int) -> dict:
    names, name_at = _distinct(s.name for s in stations)
    flags = [
        ((AUDIENCES.index(s.audience) * 2 + s.sample) * 2 + s.mobile) * 2 + s.electronic
        for s in stations
    ]
    hours = [
        (i, s.opens, s.closes)
        for i, s in enumerate(stations)
        if (s.opens, s.closes) != (stations[0].opens, stations[0].closes)
    ]
    extended = [(i, s.extended_until) for i, s in enumerate(stations) if s.extended_until]
    return {
        "code": _codes(stations),
        "lat": ints(deltas(round(s.lat * scale) for s in stations)),
        "lon": ints(deltas(round(s.lon * scale) for s in stations)),
        "place": ints(deltas(s.place for s in stations)),
        "names": names,
        "nameAt": ints(name_at),
        "flags": ints(flags),
        "hours": ints([stations[0].opens, stations[0].closes] if stations else []),
        "hoursExcept": ints(_pairs(hours)),
        "extended": ints(_pairs(extended)),
    }


def _pairs(rows) -> list[int]:
    """Flatten (station index, values…) rows, the index as a difference from the row before."""
    out, previous = [], 0
    for index, *values in rows:
        out += [index - previous, *values]
        previous = index
    return out


def _address_tier(stations: list[PackStation], keep: int = MAX_ADDRESS_PARTS) -> dict:
    split = [_address_parts(s.address)[:keep] for s in stations]
    parts, at = _distinct(part for row in split for part in row)
    columns, cursor = [[] for _ in range(MAX_ADDRESS_PARTS)], 0
    for row in split:
        for position in range(MAX_ADDRESS_PARTS):
            if position < len(row):
                columns[position].append(at[cursor] + 1)
                cursor += 1
            else:
                columns[position].append(0)
    while columns and not any(columns[-1]):
        columns.pop()
    whole = all(len(_address_parts(s.address)) <= keep for s in stations)
    return {"parts": parts, "address": [ints(c) for c in columns], "addressWhole": whole}


def _address_parts(address: str) -> list[str]:
    parts = [p.strip() for p in address.split(ADDRESS_SEPARATOR.strip()) if p.strip()]
    if len(parts) > MAX_ADDRESS_PARTS:
        parts[MAX_ADDRESS_PARTS - 1 :] = [ADDRESS_SEPARATOR.join(parts[MAX_ADDRESS_PARTS - 1 :])]
    return parts


def _details_tier(stations: list[PackStation]) -> dict:
    stop_rows = [(i, stop) for i, s in enumerate(stations) for stop in s.stops]
    texts, at = _distinct(
        [s.landmark for s in stations]
        + [s.neighbourhood for s in stations]
        + [stop[0] for _i, stop in stop_rows]
    )
    n = len(stations)
    kinds = []
    for s in stations:
        value = VENUES.index(s.venue)
        for fact in s.access:
            value = value * 3 + TRISTATE.index(fact)
        kinds.append(value)
    stops = [(i, at[2 * n + k], start, end) for k, (i, (_p, start, end)) in enumerate(stop_rows)]
    return {
        "texts": texts,
        "landmark": ints(at[:n]),
        "hood": ints(at[n : 2 * n]),
        "kind": ints(kinds),
        "stops": ints(_pairs(stops)),
    }


def encode(
    head: dict,
    stations: list[PackStation],
    tiers=TIERS,
    scale: int = SCALES[0],
    address_parts: int = MAX_ADDRESS_PARTS,
) -> dict:
    """The pack as a JSON-ready dict with the given tiers, coordinate scale and address parts."""
    stations = sorted(stations, key=lambda s: s.code)
    pack = {"v": FORMAT, **head, "n": len(stations), "scale": scale, "tiers": list(tiers)}
    pack.update(_index_tier(stations, scale))
    if "address" in tiers:
        pack.update(_address_tier(stations, address_parts))
    if "details" in tiers:
        pack.update(_details_tier(stations))
    return pack


def attempts(max_parts: int = MAX_ADDRESS_PARTS):
    """(tiers, scale, address parts) from the richest pack to the leanest."""
    yield from ((TIERS, scale, max_parts) for scale in SCALES[:2])
    for parts in range(max_parts, 0, -1):
        yield from ((TIERS[:2], scale, parts) for scale in SCALES[:2])
    yield from ((TIERS[:1], scale, 0) for scale in SCALES)


def dump(pack: dict) -> bytes:
    """The pack as compact UTF-8 JSON."""
    return json.dumps(pack, ensure_ascii=False, separators=(",", ":")).encode()


def wire_size(body: bytes) -> int:
    """Bytes on the wire when gzipped as webapp/responses.py does it."""
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def build(head: dict, stations: list[PackStation], budget: int = BUDGET_BYTES) -> bytes:
    """The richest pack that fits the budget once gzipped (the leanest one if none does).

    Packs shrink along `attempts`, so a binary search finds the first that fits in a few tries.
    """
    stations = sorted(stations, key=lambda s: s.code)
    most = max((len(_address_parts(s.address)) for s in stations), default=0)
    options = list(attempts(most))
    parts: dict[tuple, dict] = {}

    def body(position: int) -> bytes:
        tiers, scale, keep = options[position]
        pack = {"v": FORMAT, **head, "n": len(stations), "scale": scale, "tiers": list(tiers)}
        for key, make in (
            (("index", scale), lambda: _index_tier(stations, scale)),
            (("address", keep), lambda: _address_tier(stations, keep)),
            (("details",), lambda: _details_tier(stations)),
        ):
            if key[0] in tiers:
                if key not in parts:
                    parts[key] = make()
                pack.update(parts[key])
        return dump(pack)

    low, high = 0, len(options) - 1
    best = body(high)
    while low <= high:
        middle = (low + high) // 2
        candidate = body(middle)
        if wire_size(candidate) <= budget:
            best, high = candidate, middle - 1
        else:
            low = middle + 1
    return best
