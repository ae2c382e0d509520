"""Draw a station map as inline SVG: boundaries, numbered markers, scale bar, north arrow.

Frame units are millimetres on paper. Colours are black, white and light grey only, and marker
kinds differ by fill and shape, so the map survives a black-and-white printer and a photocopy.
Styling lives in print.css; the few attributes that keep the drawing legible without it (fills,
strokes) are presentation attributes, which the site's CSP allows (it forbids style="").
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from webapp.maps import decorations
from webapp.maps.paths import geometry_path
from webapp.maps.placement import place
from webapp.maps.projection import Box, Viewport

MARKER_FONT = 3.0  # mm, about 8.5 pt
DIGIT_WIDTH = 0.56 * MARKER_FONT


@dataclass(frozen=True)
class Marker:
    """A numbered marker at a point; `filled` for electronic voting, `square` for mobile."""

    label: str
    lon: float
    lat: float
    filled: bool = False
    square: bool = False
    key: str = ""  # what the marker stands for (a station code, a sheet number)


@dataclass
class MapDrawing:
    """Everything one map frame shows."""

    viewport: Viewport
    width: float
    height: float
    title: str
    layers: list[tuple[str, dict | None]] = field(default_factory=list)  # (css class, geometry)
    markers: list[Marker] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # lon/lat boxes
    scale_label: object = None  # callable(metres) -> str
    north_label: str = "N"
    attribution: str = "© OpenStreetMap contributors"
    css_class: str = "map"


def marker_size(label: str) -> tuple[float, float]:
    """Half width and half height of a marker with this label."""
    half_height = 2.3
    return max(half_height, len(label) * DIGIT_WIDTH / 2 + 0.9), half_height


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _layers(drawing: MapDrawing, frame: Box) -> list[str]:
    out = []
    for css_class, geometry in drawing.layers:
        d = geometry_path(geometry, drawing.viewport, frame)
        if d:
            out.append(f'<path class="{css_class}" d="{d}"/>')
    return out


def _boxes(drawing: MapDrawing) -> list[str]:
    out = []
    for lon0, lat0, lon1, lat1 in drawing.boxes:
        x0, y0 = drawing.viewport.to_frame(lon0, lat1)
        x1, y1 = drawing.viewport.to_frame(lon1, lat0)
        out.append(
            f'<rect class="map__box" x="{_num(min(x0, x1))}" y="{_num(min(y0, y1))}" '
            f'width="{_num(abs(x1 - x0))}" height="{_num(abs(y1 - y0))}"/>'
        )
    return out


def _marker(marker: Marker, x: float, y: float, hw: float, hh: float) -> str:
    kind = ("marker--filled" if marker.filled else "marker--open") + (
        " marker--square" if marker.square else ""
    )
    radius = 0.5 if marker.square else hh
    # White numbers on a black disc must not take the group's black outline, which hides them.
    rect_fill, ink = ("", ' fill="#fff" stroke="none"') if marker.filled else (' fill="#fff"', "")
    return (
        f'<g class="marker {kind}" data-key="{escape(marker.key)}"><rect x="{_num(x - hw)}" '
        f'y="{_num(y - hh)}" width="{_num(2 * hw)}" height="{_num(2 * hh)}" rx="{_num(radius)}"'
        f'{rect_fill}/><text x="{_num(x)}" y="{_num(y + 1.05)}"{ink}>'
        f"{escape(marker.label)}</text></g>"
    )


def _markers(drawing: MapDrawing, frame: Box, reserved: list[Box]) -> tuple[list, list]:
    points = [drawing.viewport.to_frame(m.lon, m.lat) for m in drawing.markers]
    sizes = [marker_size(m.label) for m in drawing.markers]
    placed = place(points, sizes, frame, reserved)
    leaders, markers = [], []
    for marker, (px, py), (hw, hh), spot in zip(
        drawing.markers, points, sizes, placed, strict=True
    ):
        if spot.moved:
            leaders.append(
                f'<line x1="{_num(px)}" y1="{_num(py)}" x2="{_num(spot.x)}" y2="{_num(spot.y)}"/>'
                f'<circle cx="{_num(px)}" cy="{_num(py)}" r="0.55"/>'
            )
        markers.append(_marker(marker, spot.x, spot.y, hw, hh))
    return leaders, markers


def draw(drawing: MapDrawing) -> Markup:
    """The whole map as an inline <svg> element."""
    w, h = drawing.width, drawing.height
    frame = Box(0.6, 0.6, w - 0.6, h - 0.6)
    reserved = decorations.reserved(w, h)
    leaders, markers = _markers(drawing, frame, reserved)
    parts = [
        f'<svg class="{drawing.css_class}" viewBox="0 0 {_num(w)} {_num(h)}" '
        f'role="img" aria-label="{escape(drawing.title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<rect class="map__paper" width="{_num(w)}" height="{_num(h)}" fill="#fff"/>',
        '<g class="map__areas" fill="none" stroke="#000">',
        *_layers(drawing, frame),
        "</g>",
        '<g class="map__boxes" fill="none" stroke="#000">',
        *_boxes(drawing),
        "</g>",
        '<g class="map__leaders" stroke="#000" stroke-width="0.3" fill="#000">',
        *leaders,
        "</g>",
        f'<g class="map__markers" fill="#000" stroke="#000" stroke-width="0.35" '
        f'text-anchor="middle" font-size="{MARKER_FONT}">',
        *markers,
        "</g>",
        decorations.north_arrow(drawing.north_label),
        decorations.scale_bar(drawing.viewport, w, h, drawing.scale_label),
        decorations.attribution(drawing.attribution, w, h),
        f'<rect class="map__frame" x="0.25" y="0.25" width="{_num(w - 0.5)}" '
        f'height="{_num(h - 0.5)}" fill="none" stroke="#000" stroke-width="0.5"/>',
        "</svg>",
    ]
    return Markup("".join(parts))
