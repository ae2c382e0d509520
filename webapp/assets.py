"""URLs of the hashed front-end assets that tools/build_assets.py writes to static/dist/."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, has_app_context

DEFAULT_STATIC_ROOT = Path(__file__).resolve().parent.parent / "static"
MANIFEST_NAME = "dist/manifest.json"
# Root-relative on purpose: the app is also mounted under /en, and static files are not.
STATIC_URL_PREFIX = "/static/"
EXTENSION_KEY = "raynama.assets"

_HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


class AssetError(RuntimeError):
    """The manifest is missing or unreadable, or it has no entry for the name asked for."""


def asset_url(logical_name: str) -> str:
    """Return the site-root URL of a built asset, e.g. 'css/site.css' -> '/static/dist/css/...'."""
    manifest = _manifest()
    try:
        return STATIC_URL_PREFIX + manifest[logical_name]
    except KeyError:
        known = ", ".join(sorted(manifest))
        raise AssetError(
            f"no built asset named {logical_name!r} in the manifest (known: {known}); "
            "add its source under static/src/ and run `make assets`"
        ) from None


def is_hashed(path: str, url: str) -> bool:
    """Tell WhiteNoise whether a file has a content hash in its name (cacheable forever)."""
    del path  # the URL carries the same file name
    return bool(_HASHED_NAME.search(url))


def init_app(app: Flask) -> None:
    """Register `asset` as a Jinja global and remember where this app's manifest lives."""
    static_root = Path(app.config.get("STATIC_ROOT") or DEFAULT_STATIC_ROOT)
    app.extensions[EXTENSION_KEY] = {
        "manifest": static_root / MANIFEST_NAME,
        "reload": bool(app.debug),
    }
    app.jinja_env.globals["asset"] = asset_url


def clear_cache() -> None:
    """Forget every loaded manifest (for tests that rebuild or replace one)."""
    _load_manifest.cache_clear()


def _manifest() -> dict[str, str]:
    """Return the current app's manifest, loaded once (again on change in debug mode)."""
    settings = current_app.extensions.get(EXTENSION_KEY) if has_app_context() else None
    path = settings["manifest"] if settings else DEFAULT_STATIC_ROOT / MANIFEST_NAME
    version = 0
    if settings and settings["reload"]:
        try:
            version = path.stat().st_mtime_ns
        except OSError:
            version = -1
    return _load_manifest(str(path), version)


@lru_cache(maxsize=8)
def _load_manifest(path: str, version: int) -> dict[str, str]:
    """Read and check a manifest; version only keys the cache (the file's mtime in debug)."""
    del version
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssetError(
            f"asset manifest {path} not found: build the front-end assets with `make assets` "
            "(npm ci, then python tools/build_assets.py)"
        ) from None
    try:
        manifest = json.loads(text)
    except ValueError as error:
        raise AssetError(
            f"asset manifest {path} is not valid JSON ({error}); run `make assets`"
        ) from error
    if not isinstance(manifest, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in manifest.items()
    ):
        raise AssetError(f"asset manifest {path} is not a name-to-path map; run `make assets`")
    return manifest
