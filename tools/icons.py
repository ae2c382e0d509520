"""Rasterize the site's flat SVG icons into PNG files, in plain Python (no imaging library).

Only what static/src/icons/*.svg use is understood: <rect> (with rx), <polygon>, and <g> with
translate() and scale() transforms, each filled with one #rrggbb colour. Shapes are painted in
order with coverage anti-aliasing: each pixel row is sampled on several sub-rows and the
horizontal coverage of every span is exact.
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from xml.etree import ElementTree

SVG_NS = "{http://www.w3.org/2000/svg}"
SUB_ROWS = 5
ARC_STEPS = 8


class IconError(ValueError):
    """The SVG uses something this rasterizer does not draw."""


def _rect_outline(el) -> list[tuple[float, float]]:
    """A rectangle, with quarter-circle corners of radius rx, as a polygon."""
    x, y = float(el.get("x", 0)), float(el.get("y", 0))
    w, h = float(el.get("width")), float(el.get("height"))
    r = min(float(el.get("rx", el.get("ry", 0))), w / 2, h / 2)
    if r <= 0:
        return [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    corners = ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0), (x + r, y + h - r, 90))
    points = []
    for cx, cy, start in (*corners, (x + r, y + r, 180)):
        for step in range(ARC_STEPS + 1):
            angle = math.radians(start + 90 * step / ARC_STEPS)
            points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def _transform(text: str | None) -> tuple[float, float, float]:
    """(scale, dx, dy) of a transform made of translate() then scale()."""
    scale, dx, dy = 1.0, 0.0, 0.0
    for name, args in re.findall(r"(translate|scale)\(([^)]*)\)", text or ""):
        values = [float(v) for v in re.split(r"[\s,]+", args.strip())]
        if name == "translate":
            dx, dy = dx + scale * values[0], dy + scale * (values[1] if len(values) > 1 else 0)
        else:
            scale *= values[0]
    return scale, dx, dy


def shapes(svg_text: str) -> tuple[float, list[tuple[tuple[int, int, int], list]]]:
    """(view box width, [(rgb, polygon in view box units), …]) in painting order."""
    root = ElementTree.fromstring(svg_text)
    size = float(root.get("viewBox").split()[2])
    found = []

    def walk(el, scale, dx, dy):
        for child in el:
            tag = child.tag.removeprefix(SVG_NS)
            if tag == "g":
                s, x, y = _transform(child.get("transform"))
                walk(child, scale * s, dx + scale * x, dy + scale * y)
                continue
            if tag == "rect":
                outline = _rect_outline(child)
            elif tag == "polygon":
                numbers = [float(v) for v in re.split(r"[\s,]+", child.get("points").strip())]
                outline = list(zip(numbers[::2], numbers[1::2], strict=True))
            else:
                raise IconError(f"<{tag}> is not supported by tools/icons.py")
            colour = child.get("fill", "#000000")
            rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
            found.append((rgb, [(dx + scale * px, dy + scale * py) for px, py in outline]))

    walk(root, 1.0, 0.0, 0.0)
    return size, found


def coverage(polygon: list[tuple[float, float]], size: int) -> list[list[float]]:
    """Fraction of each pixel a polygon covers (even-odd rule), row by row."""
    edges = list(zip(polygon, polygon[1:] + polygon[:1], strict=True))
    rows = [[0.0] * size for _ in range(size)]
    ys = [y for _x, y in polygon]
    top, bottom = max(0, math.floor(min(ys))), min(size, math.ceil(max(ys)))
    for row in range(top, bottom):
        diff = [0.0] * (size + 1)
        for sub in range(SUB_ROWS):
            y = row + (sub + 0.5) / SUB_ROWS
            xs = sorted(
                x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in edges
                if (y0 <= y < y1) or (y1 <= y < y0)
            )
            for a, b in zip(xs[::2], xs[1::2], strict=False):
                _span(diff, max(0.0, a), min(float(size), b), 1 / SUB_ROWS)
        total, out = 0.0, rows[row]
        for x in range(size):
            total += diff[x]
            out[x] = total
    return rows


def _span(diff: list[float], a: float, b: float, weight: float) -> None:
    """Add weight × the covered part of each pixel between x = a and x = b."""
    if b <= a:
        return
    first, last = int(a), int(b)
    if first == last:
        _point(diff, first, (b - a) * weight)
        return
    _point(diff, first, (first + 1 - a) * weight)
    diff[first + 1] += weight
    diff[last] -= weight
    _point(diff, last, (b - last) * weight)


def _point(diff: list[float], x: int, value: float) -> None:
    if x < len(diff) - 1:
        diff[x] += value
        diff[x + 1] -= value


def render(svg_text: str, size: int) -> bytes:
    """The SVG drawn at size × size pixels as an RGBA PNG."""
    view, found = shapes(svg_text)
    pixels = [[(0.0, 0.0, 0.0, 0.0)] * size for _ in range(size)]
    for rgb, polygon in found:
        scaled = [(x * size / view, y * size / view) for x, y in polygon]
        for y, row in enumerate(coverage(scaled, size)):
            line = pixels[y]
            for x, alpha in enumerate(row):
                if alpha > 0.001:
                    alpha = min(alpha, 1.0)
                    r, g, b, a = line[x]
                    keep = 1 - alpha
                    line[x] = (
                        rgb[0] * alpha + r * keep,
                        rgb[1] * alpha + g * keep,
                        rgb[2] * alpha + b * keep,
                        alpha + a * keep,
                    )
    return png(pixels)


def png(pixels: list[list[tuple[float, float, float, float]]]) -> bytes:
    """Encode premultiplied RGBA rows as a PNG (colour type 6, filter 0, zlib level 9)."""
    raw = bytearray()
    for row in pixels:
        raw.append(0)
        for r, g, b, a in row:
            if a <= 0:
                raw += b"\0\0\0\0"
            else:
                raw += bytes((round(r / a), round(g / a), round(b / a), round(a * 255)))
    height, width = len(pixels), len(pixels[0])

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )
