"""Build the front-end assets into static/dist/ with content-hashed names and a manifest.

Run from anywhere as `python tools/build_assets.py` (the Makefile's `make assets` does this after
`npm ci`). Inputs: the Vazirmatn and htmx packages in node_modules/, static/src/js/*.js and
static/src/css/*.css. Outputs: static/dist/{fonts,js,css}/<name>.<12 hex>.<ext> and
static/dist/manifest.json, which maps logical names such as "css/site.css" to paths relative
to static/ (read by webapp/assets.py).

The build skips all work when a stamp of its input hashes (kept in node_modules/.cache/)
matches, and deletes stale files from static/dist/ except those of the previous build and any
written in the last KEEP_OLD_DAYS days (pages saved for offline use may still name them),
keeping the .gz/.br siblings that `python -m whitenoise.compress` writes. Nothing is
pre-compressed here. PNG icons are drawn from static/src/icons/*.svg by tools/icons.py.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import posixpath
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
STATIC = ROOT / "static"
SRC = STATIC / "src"
DIST = STATIC / "dist"
MANIFEST = DIST / "manifest.json"
# Outside static/ so WhiteNoise never serves it; node_modules/ is already ignored by git.
STAMP = NODE_MODULES / ".cache" / "raynama" / "build-assets-stamp.json"

HASH_LENGTH = 12
KEEP_OLD_DAYS = 7
# Bump when the output format changes in a way the input hashes cannot see.
BUILD_FORMAT = 1

VAZIRMATN_TTF = NODE_MODULES / "vazirmatn" / "fonts" / "ttf"
# Two static weights beat the variable font: ~19 KB each against ~47 KB for the subset
# variable file, and a page that uses only the regular weight downloads only that file.
FONTS = {
    "fonts/vazirmatn-400.woff2": VAZIRMATN_TTF / "Vazirmatn-Regular.ttf",
    "fonts/vazirmatn-700.woff2": VAZIRMATN_TTF / "Vazirmatn-Bold.ttf",
}
HTMX = {"js/htmx.min.js": NODE_MODULES / "htmx.org" / "dist" / "htmx.min.js"}
ICONS_SRC = SRC / "icons"
# PNG icons for the web app manifest, drawn from the SVGs in static/src/icons/ by tools/icons.py.
ICONS = {
    "icons/icon-192.png": ("icons/icon.svg", 192),
    "icons/icon-512.png": ("icons/icon.svg", 512),
    "icons/icon-maskable-512.png": ("icons/icon-maskable.svg", 512),
}
ICONS_SCRIPT = Path(__file__).resolve().parent / "icons.py"


def _span(first: int, last: int) -> set[int]:
    """Return the code points from first to last, both included."""
    return set(range(first, last + 1))


# What Persian pages (and the English ones) actually print.
SUBSET_CODEPOINTS = frozenset(
    _span(0x0020, 0x007E)  # basic Latin: letters, ASCII digits, punctuation
    | {0x00A0, 0x00A9, 0x00AB, 0x00B0, 0x00BB, 0x00D7}  # nbsp © « ° » ×
    | {0x060C, 0x061B, 0x061F}  # Arabic comma, semicolon, question mark
    | _span(0x0621, 0x063A)  # hamza .. ghain
    | _span(0x0640, 0x064A)  # tatweel, feh .. Arabic yeh (kept so unnormalized input still shows)
    | _span(0x064B, 0x0655)  # harakat: tanvin, fatha, kasra, damma, shadda, sukun, hamza marks
    | _span(0x0660, 0x0669)  # Arabic-Indic digits
    | {0x066A, 0x066B, 0x066C}  # Arabic percent sign, decimal and thousands separators
    | {0x0670}  # superscript alef
    | {0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06C0, 0x06CC}  # پ چ ژ ک گ ۀ ی
    | _span(0x06F0, 0x06F9)  # Persian digits
    | {0x200C, 0x200D, 0x200E, 0x200F}  # ZWNJ, ZWJ, LRM, RLM
    | {0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D}  # hyphen, dashes, quotes
    | {0x2022, 0x2026, 0x2039, 0x203A, 0x2212}  # bullet, ellipsis, ‹ ›, minus
    | {0xFDFC}  # Rial sign
)

# OpenType features kept; everything else is dropped. Arabic-script shaping first (isol is
# listed for completeness, as Vazirmatn's isolated forms are its default glyphs; calt holds its
# contextual beh/yeh forms), then positioning, Latin ligatures and the tabular digits behind
# font-variant-numeric: tabular-nums.
SHAPING_FEATURES = ["ccmp", "locl", "isol", "init", "medi", "fina", "rlig", "calt"]
LAYOUT_FEATURES = [*SHAPING_FEATURES, "kern", "mark", "mkmk", "liga", "tnum"]
# Family/style/version names plus the copyright and OFL licence fields.
KEEP_NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 13, 14)

URL_PATTERN = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>[^'")\s]+)(?P=quote)\s*\)""")


@dataclass(frozen=True)
class Output:
    """One built file: its logical name, the path relative to static/ and its bytes."""

    logical: str
    path: str
    data: bytes


class BuildError(Exception):
    """A problem the developer has to fix (missing input, broken reference)."""


def digest(data: bytes) -> str:
    """Return the sha256 hex digest of data."""
    return hashlib.sha256(data).hexdigest()


def hashed_name(logical: str, data: bytes) -> str:
    """Return dist/<dir>/<stem>.<hash>.<ext> for a logical name such as css/site.css."""
    directory, filename = posixpath.split(logical)
    stem, ext = filename.rsplit(".", 1)
    return posixpath.join("dist", directory, f"{stem}.{digest(data)[:HASH_LENGTH]}.{ext}")


def source_files() -> dict[str, Path]:
    """Return every input file keyed by its logical name, in a stable order."""
    missing = [p for p in (*FONTS.values(), *HTMX.values()) if not p.is_file()]
    if missing:
        listed = ", ".join(str(p.relative_to(ROOT)) for p in missing)
        raise BuildError(f"missing {listed}: run `npm ci` in {ROOT} first")
    files: dict[str, Path] = {**FONTS, **HTMX}
    for folder, pattern in (("js", "*.js"), ("css", "*.css"), ("icons", "*.svg")):
        for path in sorted((SRC / folder).glob(pattern)):
            files[f"{folder}/{path.name}"] = path
    return files


def tool_versions() -> dict[str, str]:
    """Return the versions of the libraries whose output ends up in the build."""
    import brotli
    import fontTools

    return {"fonttools": fontTools.version, "brotli": getattr(brotli, "__version__", "?")}


def input_fingerprint(files: dict[str, Path]) -> dict[str, object]:
    """Return what decides the build's output: input hashes, this script and tool versions."""
    return {
        "format": BUILD_FORMAT,
        "script": digest(Path(__file__).read_bytes() + ICONS_SCRIPT.read_bytes()),
        "tools": tool_versions(),
        "inputs": {name: digest(path.read_bytes()) for name, path in files.items()},
    }


def subset_font(source: Path) -> bytes:
    """Return a woff2 subset of a TrueType font with Persian shaping features kept."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = list(KEEP_NAME_IDS)
    # Hinting more than doubles the file (42 KB against 19 KB); phones and macOS ignore it.
    options.hinting = False
    options.notdef_outline = True
    options.flavor = "woff2"
    # recalcTimestamp=False keeps head.modified, so equal inputs give equal bytes (and hashes).
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=SUBSET_CODEPOINTS)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    return buffer.getvalue()


def rewrite_css_urls(css: str, css_logical: str, built: dict[str, str]) -> str:
    """Point every relative url() in a stylesheet at the hashed file it names.

    Both the source and the output stylesheet sit one folder below their root (src/css/,
    dist/css/), so the rewritten URL stays relative and works under any static prefix.
    """
    css_dir = posixpath.dirname(css_logical)

    def replace(match: re.Match[str]) -> str:
        url = match.group("url")
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", url, re.IGNORECASE):
            return match.group(0)  # data:, https:, root-relative and fragment URLs stay
        path, rest = re.fullmatch(r"([^?#]*)(.*)", url).groups()
        target = posixpath.normpath(posixpath.join(css_dir, path))
        if target not in built:
            raise BuildError(f"{css_logical} refers to {url!r}, which the build does not make")
        new_path = posixpath.relpath(built[target], posixpath.join("dist", css_dir))
        return f'url("{new_path}{rest}")'

    return URL_PATTERN.sub(replace, css)


def build(files: dict[str, Path]) -> list[Output]:
    """Make every output in memory: fonts first, then scripts, then stylesheets."""
    outputs: list[Output] = []
    for logical, source in files.items():
        if logical.startswith("fonts/"):
            data = subset_font(source)
        elif logical.startswith("js/"):
            data = source.read_bytes()
        else:
            continue
        outputs.append(Output(logical, hashed_name(logical, data), data))
    outputs += build_icons(files)
    built = {out.logical: out.path for out in outputs}
    for logical, source in files.items():
        if logical.startswith("css/"):
            css = rewrite_css_urls(source.read_text(encoding="utf-8"), logical, built)
            data = css.encode("utf-8")
            outputs.append(Output(logical, hashed_name(logical, data), data))
    return outputs


def build_icons(files: dict[str, Path]) -> list[Output]:
    """Rasterize each PNG icon whose SVG source is present."""
    sys.path.insert(0, str(ICONS_SCRIPT.parent))
    import icons

    outputs = []
    for logical, (source, size) in ICONS.items():
        if source in files:
            data = icons.render(files[source].read_text(encoding="utf-8"), size)
            outputs.append(Output(logical, hashed_name(logical, data), data))
    return outputs


def write_atomic(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def json_bytes(value: object) -> bytes:
    """Return value as stable, readable JSON."""
    return (json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def remove_stale(keep: set[str], newer_than: float = 0.0) -> list[str]:
    """Delete files under static/dist/ that are not in keep (paths relative to static/) and
    were last written before newer_than (a time.time() value)."""
    removed = []
    if not DIST.is_dir():
        return removed
    compressed_ok = {f"{path}{ext}" for path in keep for ext in (".gz", ".br")}
    for path in sorted(DIST.rglob("*"), reverse=True):
        relative = path.relative_to(STATIC).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.stat().st_mtime >= newer_than:
            continue
        elif relative not in keep and relative not in compressed_ok:
            path.unlink()
            removed.append(relative)
    return removed


def read_json(path: Path) -> object:
    """Return the parsed JSON in path, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(fingerprint: dict[str, object]) -> bool:
    """Say whether the last build had the same inputs and all its outputs are still there."""
    stamp = read_json(STAMP)
    manifest = read_json(MANIFEST)
    if not isinstance(stamp, dict) or stamp.get("fingerprint") != fingerprint:
        return False
    if not isinstance(manifest, dict) or manifest != stamp.get("manifest"):
        return False
    return all((STATIC / path).is_file() for path in manifest.values())


def report(manifest: dict[str, str]) -> None:
    """Print each output with its size, and its gzip size for text files."""
    width = max(len(name) for name in manifest)
    for logical, path in sorted(manifest.items()):
        data = (STATIC / path).read_bytes()
        line = f"  {logical:<{width}}  {len(data):>7,} B"
        if not logical.endswith((".woff2", ".png")):
            line += f"  {len(gzip.compress(data, 9, mtime=0)):>7,} B gzip"
        print(f"{line}  -> static/{path}")


def main(argv: list[str] | None = None) -> int:
    """Build the assets unless they are up to date; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if inputs are unchanged")
    parser.add_argument("--quiet", action="store_true", help="print nothing when up to date")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        files = source_files()
        fingerprint = input_fingerprint(files)
        if not args.force and up_to_date(fingerprint):
            if not args.quiet:
                print("static/dist is up to date")
            return 0
        outputs = build(files)
    except BuildError as error:
        print(f"build_assets: {error}", file=sys.stderr)
        return 1
    manifest = {out.logical: out.path for out in outputs}
    previous = read_json(MANIFEST)
    # Older builds' files stay servable for a while: a page saved by the service worker (or
    # cached by a browser or CDN) under that build still names them. Kept: the previous build
    # whatever its age, and anything written in the last KEEP_OLD_DAYS days.
    kept = set(previous.values()) if isinstance(previous, dict) else set()
    for out in outputs:
        target = STATIC / out.path
        if not target.is_file() or target.read_bytes() != out.data:
            write_atomic(target, out.data)
    write_atomic(MANIFEST, json_bytes(manifest))
    write_atomic(STAMP, json_bytes({"fingerprint": fingerprint, "manifest": manifest}))
    keep = set(manifest.values()) | kept | {MANIFEST.relative_to(STATIC).as_posix()}
    removed = remove_stale(keep, newer_than=time.time() - KEEP_OLD_DAYS * 86400)
    print(f"built {len(outputs)} assets in {time.monotonic() - started:.1f}s:")
    report(manifest)
    for path in removed:
        print(f"  removed stale static/{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
