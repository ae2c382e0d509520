"""GeoJSON polygons to SVG path data in frame units, rounded and without repeated points."""

from webapp.maps.projection import Box, Viewport


def rings(geometry: dict | None) -> list[list]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon."""
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def lonlats(geometry: dict | None) -> list[tuple[float, float]]:
    """Every vertex of a geometry as (lon, lat)."""
    return [(x, y) for ring in rings(geometry) for x, y, *_ in ring]


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text


def ring_path(ring: list, viewport: Viewport) -> str:
    """One closed ring as `M x y L … Z`, dropping points that round to the previous one."""
    parts: list[str] = []
    last = None
    for lon, lat, *_ in ring:
        x, y = viewport.to_frame(lon, lat)
        point = (_fmt(x), _fmt(y))
        if point == last:
            continue
        parts.append(("M" if last is None else "L") + point[0] + " " + point[1])
        last = point
    return "".join(parts) + "Z" if len(parts) > 2 else ""


def _near(ring: list, viewport: Viewport, frame: Box) -> bool:
    """False when a ring lies wholly beyond one side of the frame (nothing of it shows)."""
    points = [viewport.to_frame(lon, lat) for lon, lat, *_ in ring]
    return not (
        all(x < frame.x0 for x, _ in points)
        or all(x > frame.x1 for x, _ in points)
        or all(y < frame.y0 for _, y in points)
        or all(y > frame.y1 for _, y in points)
    )


def geometry_path(geometry: dict | None, viewport: Viewport, frame: Box | None = None) -> str:
    """SVG path data of a polygon geometry; rings wholly outside `frame` are left out."""
    return "".join(
        ring_path(ring, viewport)
        for ring in rings(geometry)
        if frame is None or _near(ring, viewport, frame)
    )
