"""A transverse Mercator projection and the fit of projected metres into a map frame.

Transverse Mercator on a sphere, centred on the mapped area's own meridian: conformal, and true
to scale along that meridian, so a scale bar is right to within 0.2 % for areas up to ~4° wide
(every constituency) and north is straight up on the centre line.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_000


@dataclass(frozen=True)
class TransverseMercator:
    """Spherical transverse Mercator about the meridian lon0, with y measured from lat0."""

    lon0: float
    lat0: float

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in metres east and north of (lon0, lat0)."""
        phi = math.radians(lat)
        dl = math.radians(lon - self.lon0)
        b = math.cos(phi) * math.sin(dl)
        b = max(min(b, 0.999999), -0.999999)
        x = EARTH_RADIUS_M * math.atanh(b)
        y = EARTH_RADIUS_M * (math.atan2(math.tan(phi), math.cos(dl)) - math.radians(self.lat0))
        return x, y


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        """Width of the box."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Height of the box."""
        return self.y1 - self.y0

    def contains(self, x: float, y: float) -> bool:
        """True when the point lies in the box, edges included."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def bounds(points: Iterable[tuple[float, float]]) -> Box | None:
    """The smallest box around the points, or None when there are none."""
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    if not xs:
        return None
    return Box(min(xs), min(ys), max(xs), max(ys))


def projection_for(lonlats: list[tuple[float, float]]) -> TransverseMercator:
    """A projection centred on the middle of the given (lon, lat) points."""
    box = bounds(lonlats)
    if box is None:
        return TransverseMercator(53.7, 32.4)  # Iran
    return TransverseMercator((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


@dataclass(frozen=True)
class Viewport:
    """Projected metres to frame units (millimetres on paper), north up."""

    projection: TransverseMercator
    scale: float  # frame units per metre
    cx: float  # projected centre, metres
    cy: float
    fx: float  # frame centre, frame units
    fy: float

    def to_frame(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a (lon, lat) point falls in the frame (y grows downwards)."""
        x, y = self.projection.project(lon, lat)
        return self.fx + (x - self.cx) * self.scale, self.fy - (y - self.cy) * self.scale

    @property
    def metres_per_unit(self) -> float:
        """Ground metres per frame unit."""
        return 1 / self.scale


def fit(
    lonlats: list[tuple[float, float]], area: Box, min_span_m: float = 800, pad: float = 0.08
) -> Viewport:
    """A viewport that shows every point inside `area` of the frame, padded, at least min_span_m."""
    projection = projection_for(lonlats)
    box = bounds(projection.project(lon, lat) for lon, lat in lonlats) or Box(0, 0, 0, 0)
    span_x = max(box.width * (1 + 2 * pad), min_span_m)
    span_y = max(box.height * (1 + 2 * pad), min_span_m)
    scale = min(area.width / span_x, area.height / span_y)
    return Viewport(
        projection=projection,
        scale=scale,
        cx=(box.x0 + box.x1) / 2,
        cy=(box.y0 + box.y1) / 2,
        fx=(area.x0 + area.x1) / 2,
        fy=(area.y0 + area.y1) / 2,
    )


def nice_length(max_m: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above max_m (for a scale bar)."""
    if max_m <= 0:
        return 0
    power = 10 ** math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * power <= max_m:
            return step * power
    return power
