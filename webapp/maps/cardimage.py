"""The share image of a station: a small PNG drawn with Pillow, no browser involved.

Persian needs real shaping (joined letters, right-to-left runs): Pillow does it through libraqm,
which its wheels carry and which loads the system's FriBiDi (Debian's libfribidi0, installed by
`make setup`). Without raqm the letters would come out unjoined and reversed, so the image is
then not offered at all rather than drawn wrong. Fonts are the site's own Vazirmatn subsets.
"""

import io
from functools import lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageDraw, ImageFont, features

from webapp.assets import asset_url
from webapp.maps.cardtext import StationFacts
from webapp.maps.paths import lonlats, rings
from webapp.maps.projection import Box, fit
from webapp.maps.qr import QUIET_ZONE, matrix
from webapp.text.filters import current_lang

SIZE = (800, 440)
MAX_BYTES = 60 * 1024
BRAND, INK, MUTED, PAPER, LAND, WARN = "#0b4f4a", "#0b0c0c", "#4f5559", "#fff", "#e8e6e3", "#b3261e"
TEXT_BOX = Box(318, 80, 780, 396)
NOTICE_BOX = Box(318, 404, 780, 436)
MAP_BOX = Box(20, 80, 296, 262)


@lru_cache(maxsize=1)
def available() -> bool:
    """True when Pillow can shape Persian text (libraqm with FriBiDi)."""
    return bool(features.check("raqm"))


@lru_cache(maxsize=16)
def _font(weight: int, size: int, path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    """The site's Vazirmatn (400 or 700) at a pixel size."""
    url = asset_url(f"fonts/vazirmatn-{weight}.woff2")
    path = Path(current_app.config["STATIC_ROOT"]) / url.removeprefix("/static/")
    return _font(weight, size, str(path))


def _wrap(text: str, face, width: float, direction: str, most: int) -> list[str]:
    """Greedy word wrap to `width` pixels; the last kept line ends with … if text remains."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(trial, direction=direction) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] += "…"
    return lines


class _Writer:
    """Writes wrapped lines down the text column, aligned for the language."""

    def __init__(self, draw: ImageDraw.ImageDraw, box: Box, rtl: bool):
        self.draw, self.box, self.rtl, self.y = draw, box, rtl, box.y0
        self.direction = "rtl" if rtl else "ltr"

    def write(self, text: str, face, fill=INK, most: int = 2, gap: int = 6) -> None:
        if not text:
            return
        x, anchor = (self.box.x1, "ra") if self.rtl else (self.box.x0, "la")
        for line in _wrap(text, face, self.box.width, self.direction, most):
            if self.y + face.size > self.box.y1:
                return
            self.draw.text(
                (x, self.y), line, font=face, fill=fill, anchor=anchor, direction=self.direction
            )
            self.y += round(face.size * 1.45)
        self.y += gap


def _header(draw: ImageDraw.ImageDraw, f: StationFacts, rtl: bool) -> None:
    draw.rectangle((0, 0, SIZE[0], 62), fill=BRAND)
    title = f"{_('Raynama')} — {_('Polling station')}"
    code = f"{_('Code')} {f.code}"
    direction = "rtl" if rtl else "ltr"
    right, left = (title, code) if rtl else (code, title)
    draw.text(
        (SIZE[0] - 20, 31), right, font=font(700, 26), fill=PAPER, anchor="rm", direction=direction
    )
    draw.text((20, 31), left, font=font(700, 24), fill=PAPER, anchor="lm", direction=direction)


def _map(draw: ImageDraw.ImageDraw, station, shape: dict | None) -> None:
    draw.rectangle((MAP_BOX.x0, MAP_BOX.y0, MAP_BOX.x1, MAP_BOX.y1), fill=PAPER, outline=INK)
    inner = Box(MAP_BOX.x0 + 10, MAP_BOX.y0 + 10, MAP_BOX.x1 - 10, MAP_BOX.y1 - 10)
    extent = lonlats(shape) + [(station.lon, station.lat)]
    viewport = fit(extent, inner, pad=0.02)
    for ring in rings(shape):
        points = [viewport.to_frame(lon, lat) for lon, lat, *_ in ring]
        if len(points) > 2:
            draw.polygon(points, fill=LAND, outline=INK, width=2)
    x, y = viewport.to_frame(station.lon, station.lat)
    draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=PAPER, outline=INK, width=3)
    draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill=INK)
    draw.text(
        (MAP_BOX.x0 + 6, MAP_BOX.y1 - 4),
        "© OpenStreetMap contributors",
        font=font(400, 11),
        fill=MUTED,
        anchor="ld",
    )


def _qr(draw: ImageDraw.ImageDraw, url: str) -> None:
    rows = matrix(url)
    module = max(3, 160 // (len(rows) + 2 * QUIET_ZONE))
    side = module * (len(rows) + 2 * QUIET_ZONE)
    x0 = MAP_BOX.x0 + (MAP_BOX.width - side) // 2
    y0 = SIZE[1] - side - 8
    draw.rectangle((x0, y0, x0 + side - 1, y0 + side - 1), fill=PAPER)
    for j, row in enumerate(rows):
        for i, dark in enumerate(row):
            if dark:
                x, y = x0 + (i + QUIET_ZONE) * module, y0 + (j + QUIET_ZONE) * module
                draw.rectangle((x, y, x + module - 1, y + module - 1), fill=INK)


def render(f: StationFacts, station, shape: dict | None, url: str) -> bytes:
    """The PNG bytes of a station's share image (palette PNG, well under MAX_BYTES)."""
    rtl = current_lang() != "en"
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    _header(draw, f, rtl)
    _map(draw, station, shape)
    _qr(draw, url)
    out = _Writer(draw, TEXT_BOX, rtl)
    out.write(f.name, font(700, 30), most=2, gap=4)
    out.write(f.place, font(400, 18), fill=MUTED, most=1)
    out.write(f"{_('Address')}: {f.address}", font(400, 21), most=3)
    if f.landmark:
        out.write(f"{_('How to find it')}: {f.landmark}", font(400, 21), most=2)
    out.write(f.day, font(700, 21), most=1, gap=0)
    out.write(f"{_('Hours')}: {f.hours}", font(700, 21), most=1)
    separator = "، " if rtl else ", "
    out.write(f.voting + (separator + _("Mobile station") if f.mobile else ""), font(400, 20))
    if f.sample:
        notice = _Writer(draw, NOTICE_BOX, rtl)
        notice.write(_("Sample data, not a real polling station."), font(700, 19), fill=WARN)
    buffer = io.BytesIO()
    image.quantize(colors=24, method=Image.Quantize.MEDIANCUT).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()
