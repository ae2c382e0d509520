"""Build-time pieces of offline use: old hashed files stay servable, and the PNG icons drawn
from the SVG sources (no app needed)."""

import importlib.util
import os
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(f"_raynama_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return module


def _pixels(png: bytes) -> tuple[int, list[bytes]]:
    """(size, rows of RGBA bytes) of a square 8-bit RGBA PNG written with filter 0."""
    width, height = struct.unpack(">II", png[16:24])
    assert width == height and png[24:26] == bytes([8, 6])
    data, at = b"", 8
    while at < len(png):
        length = struct.unpack(">I", png[at : at + 4])[0]
        if png[at + 4 : at + 8] == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(data)
    stride = width * 4 + 1
    return width, [raw[r * stride + 1 : (r + 1) * stride] for r in range(height)]


def test_old_builds_stay_servable_for_a_while(tmp_path, monkeypatch):
    build = _tool("build_assets")
    static = tmp_path / "static"
    monkeypatch.setattr(build, "STATIC", static)
    monkeypatch.setattr(build, "DIST", static / "dist")
    files = {
        "dist/css/site.111111111111.css": 0,  # this build
        "dist/css/site.222222222222.css": 30,  # the previous build, a month old
        "dist/css/site.333333333333.css": 2,  # an older build of two days ago
        "dist/css/site.444444444444.css": 30,  # an older build of a month ago
        "dist/css/site.444444444444.css.br": 30,
    }
    for name, days in files.items():
        path = static / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
        old = time.time() - days * 86400
        os.utime(path, (old, old))
    keep = {"dist/css/site.111111111111.css", "dist/css/site.222222222222.css"}
    removed = build.remove_stale(keep, newer_than=time.time() - build.KEEP_OLD_DAYS * 86400)
    assert sorted(removed) == [
        "dist/css/site.444444444444.css",
        "dist/css/site.444444444444.css.br",
    ]
    assert (static / "dist/css/site.333333333333.css").exists()


@pytest.mark.parametrize(
    ("source", "size", "corner_alpha"),
    [("icon.svg", 192, 0), ("icon.svg", 512, 0), ("icon-maskable.svg", 512, 255)],
)
def test_icons_are_drawn_from_the_svg_sources(source, size, corner_alpha):
    icons = _tool("icons")
    png = icons.render((ROOT / "static/src/icons" / source).read_text(encoding="utf-8"), size)
    width, rows = _pixels(png)
    assert width == size
    # Rounded icons leave the corners clear; the maskable one fills them for the launcher's mask.
    assert rows[0][3] == corner_alpha
    brand = bytes((0x0B, 0x4F, 0x4A, 255))
    assert rows[size // 20][size // 2 * 4 : size // 2 * 4 + 4] == brand
    # The ballot box (yellow) sits in the lower middle.
    r, g, b, a = rows[size * 7 // 10][size // 2 * 4 : size // 2 * 4 + 4]
    assert (r, g, b, a) == (0xFF, 0xDD, 0x00, 255)


def test_unsupported_svg_is_refused():
    icons = _tool("icons")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'
    with pytest.raises(icons.IconError, match="circle"):
        icons.render(svg, 16)
