"""QR codes decode to the URL they were made for; the SVG is inline-safe and scalable."""

import re

import cv2
import numpy as np
import pytest

from webapp.maps.qr import QUIET_ZONE, matrix, qr_svg

URLS = [
    "http://localhost/constituencies/29",
    "https://raynama.example/en/stations/00010001",
    "https://raynama.example/counties/126/print?city=399&sheet=12",
]


def decode(image: np.ndarray) -> str:
    """The text of the one QR code in a grayscale image ('' when none is found)."""
    text, _points, _straight = cv2.QRCodeDetector().detectAndDecode(image)
    return text


def raster_from_svg(svg: str, scale: int = 6) -> np.ndarray:
    """Draw the runs of qr_svg's path (`M x y h w v1 h-w z`) into a white image."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = np.full((size * scale, size * scale), 255, np.uint8)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        x, y, w = int(x), int(y), int(w)
        image[y * scale : (y + 1) * scale, x * scale : (x + w) * scale] = 0
    return image


@pytest.mark.parametrize("url", URLS)
def test_the_svg_code_decodes_to_its_url(url):
    assert decode(raster_from_svg(qr_svg(url, "QR"))) == url


def test_the_svg_has_a_quiet_zone_a_view_box_and_no_style_attribute():
    svg = qr_svg(URLS[0], "کد QR")
    side = len(matrix(URLS[0])) + 2 * QUIET_ZONE
    assert f'viewBox="0 0 {side} {side}"' in svg
    assert 'role="img"' in svg and 'aria-label="کد QR"' in svg
    assert "style=" not in svg
    assert "M0 " not in svg  # nothing drawn in the quiet zone


def test_the_label_is_escaped():
    assert '"><script>' not in qr_svg(URLS[0], '"><script>')
