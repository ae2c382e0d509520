"""QR codes (segno) as compact inline SVG, and as the module matrix for raster drawing."""

from functools import lru_cache

import segno
from markupsafe import Markup, escape

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


@lru_cache(maxsize=512)
def matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """Dark (True) and light modules of the QR code for `url`, without the quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def _path(rows) -> str:
    """One path of horizontal runs of dark modules, offset by the quiet zone."""
    parts = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            parts.append(f"M{start + QUIET_ZONE} {y + QUIET_ZONE}h{x - start}v1h-{x - start}z")
    return "".join(parts)


@lru_cache(maxsize=512)
def qr_svg(url: str, label: str, css_class: str = "qr") -> Markup:
    """An <svg> QR code for `url` that scales to its box; `label` is its accessible name."""
    rows = matrix(url)
    size = len(rows) + 2 * QUIET_ZONE
    return Markup(
        f'<svg class="{escape(css_class)}" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        f'shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{_path(rows)}" fill="#000"/></svg>'
    )
