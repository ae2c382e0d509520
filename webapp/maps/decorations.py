"""The furniture of a map frame: north arrow, scale bar and the OpenStreetMap attribution."""

from markupsafe import escape

from webapp.maps.projection import Box, Viewport, nice_length

ARROW = Box(1.5, 1.5, 10.5, 16.5)
ATTRIBUTION_FONT = 2.3
SCALE_SHARE = 0.25  # the bar is at most this share of the frame's width


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attribution_width(text: str) -> float:
    return len(text) * ATTRIBUTION_FONT * 0.5 + 2


def reserved(width: float, height: float, attribution: str = "© OpenStreetMap contributors"):
    """Boxes that markers keep clear of: the arrow, the scale bar, the attribution."""
    return [
        ARROW,
        Box(0, height - 10.5, width * SCALE_SHARE + 8, height),
        Box(width - _attribution_width(attribution) - 1, height - 5, width, height),
    ]


def north_arrow(label: str) -> str:
    """An arrow pointing up (grid north; true north on the map's centre line) with its letter."""
    cx, top, bottom = (ARROW.x0 + ARROW.x1) / 2, ARROW.y0 + 5.2, ARROW.y1 - 0.8
    half = 2.6
    return (
        f'<g class="map__north" stroke="#000" stroke-width="0.3">'
        f'<rect x="{_num(ARROW.x0)}" y="{_num(ARROW.y0)}" width="{_num(ARROW.width)}" '
        f'height="{_num(ARROW.height)}" rx="0.8" fill="#fff"/>'
        f'<text x="{_num(cx)}" y="{_num(ARROW.y0 + 4.2)}" text-anchor="middle" font-size="3.4" '
        f'font-weight="700" fill="#000" stroke="none">{escape(label)}</text>'
        f'<path d="M{_num(cx)} {_num(top)}L{_num(cx - half)} {_num(bottom)}L{_num(cx)} '
        f'{_num(bottom - 2)}Z" fill="#000"/>'
        f'<path d="M{_num(cx)} {_num(top)}L{_num(cx + half)} {_num(bottom)}L{_num(cx)} '
        f'{_num(bottom - 2)}Z" fill="#fff"/></g>'
    )


def scale_bar(viewport: Viewport, width: float, height: float, label) -> str:
    """A two-part black-and-white bar of a round length, labelled with that length."""
    metres = nice_length(width * SCALE_SHARE * viewport.metres_per_unit)
    if metres <= 0:
        return ""
    length = metres / viewport.metres_per_unit
    x0, y = 3.0, height - 4.2
    half = length / 2
    text = label(metres) if label else f"{metres:g} m"
    return (
        f'<g class="map__scale" stroke="#000" stroke-width="0.25">'
        f'<rect x="1.5" y="{_num(height - 10)}" width="{_num(length + 3)}" height="8.5" '
        f'rx="0.8" fill="#fff" stroke="none" opacity="0.85"/>'
        f'<rect x="{_num(x0)}" y="{_num(y)}" width="{_num(half)}" height="1.4" fill="#000"/>'
        f'<rect x="{_num(x0 + half)}" y="{_num(y)}" width="{_num(half)}" height="1.4" '
        f'fill="#fff"/>'
        f'<text x="{_num(x0 + half)}" y="{_num(y - 1.3)}" text-anchor="middle" font-size="2.6" '
        f'fill="#000" stroke="none" data-metres="{metres:g}">{escape(text)}</text></g>'
    )


def attribution(text: str, width: float, height: float) -> str:
    """The licence line, bottom corner, on a white ground so boundaries never cross it."""
    box_width = _attribution_width(text)
    return (
        f'<g class="map__credit"><rect x="{_num(width - box_width - 0.6)}" '
        f'y="{_num(height - 4.6)}" width="{_num(box_width)}" height="4" fill="#fff" '
        f'opacity="0.85"/><text x="{_num(width - 1.6)}" y="{_num(height - 1.6)}" '
        f'direction="ltr" text-anchor="end" font-size="{ATTRIBUTION_FONT}" fill="#000">'
        f"{escape(text)}</text></g>"
    )
