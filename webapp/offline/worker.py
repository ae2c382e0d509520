"""The service worker script: build id and precache list in front of static/src/js/sw.js."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import current_app, request, url_for

from webapp import assets
from webapp.i18n import PREFIXES

# The shell every visitor gets for offline use: styles, scripts, the regular and bold font,
# the small icon. Other hashed files are kept as pages use them (the worker's static cache).
PRECACHE_ASSETS = (
    "css/site.css",
    "js/htmx.min.js",
    "js/app.js",
    "js/offline.js",
    "fonts/vazirmatn-400.woff2",
    "fonts/vazirmatn-700.woff2",
    "icons/icon-192.png",
)
# Only needed once something is saved, so fetched with the first save, not on the first visit.
SAVED_SHELL_ASSETS = ("js/pack.js", "js/saved.js")
# Whatever changes the precached pages changes the build id too.
TEMPLATE_FILES = (
    "base.html",
    "_macros.html",
    "offline/_status.html",
    "offline/offline.html",
    "offline/saved.html",
)
WORKER_SOURCE = "js/sw.js"


def _project_root() -> Path:
    return Path(current_app.root_path).parent


def _both_languages(endpoint: str) -> dict[str, str]:
    """An endpoint's path in Persian and English (`/offline`, `/en/offline`)."""
    path = url_for(endpoint).removeprefix(request.script_root)
    return {"fa": path, "en": PREFIXES["en"] + path}


def build_id() -> str:
    """A short hash of the asset manifest, the shell templates and the compiled translations."""
    override = current_app.config.get("OFFLINE_BUILD_ID")
    if override:
        return str(override)
    root = _project_root()
    static_root = Path(current_app.config["STATIC_ROOT"])
    files = [static_root / assets.MANIFEST_NAME]
    files += [root / "templates" / name for name in TEMPLATE_FILES]
    files += sorted((root / "translations").glob("*/LC_MESSAGES/messages.mo"))
    stamps = tuple((str(path), path.stat().st_mtime_ns if path.exists() else 0) for path in files)
    return _hash_files(stamps)


@lru_cache(maxsize=32)
def _hash_files(stamps: tuple[tuple[str, int], ...]) -> str:
    """Hash the files named in stamps; their modification times only key the cache."""
    digest = hashlib.sha256()
    for name, _mtime in stamps:
        path = Path(name)
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:12]


def precache_urls() -> list[str]:
    """Every URL the worker stores when it installs: the shell assets and the shell pages."""
    urls = [assets.asset_url(name) for name in PRECACHE_ASSETS]
    for endpoint in ("offline.offline_page", "offline.manifest"):
        urls += _both_languages(endpoint).values()
    return urls


def saved_shell_urls() -> list[str]:
    """What the saved views need: stored with the first save (or at install once saved)."""
    urls = [assets.asset_url(name) for name in SAVED_SHELL_ASSETS]
    return urls + list(_both_languages("offline.saved").values())


def config() -> dict:
    """What the worker needs to know about this build."""
    return {
        "build": build_id(),
        "precache": precache_urls(),
        "savedShell": saved_shell_urls(),
        "offline": _both_languages("offline.offline_page"),
        "saved": _both_languages("offline.saved"),
    }


def script() -> str:
    """The worker's source with its configuration in front."""
    relative = assets.asset_url(WORKER_SOURCE).removeprefix(assets.STATIC_URL_PREFIX)
    body = _read(str(Path(current_app.config["STATIC_ROOT"]) / relative))
    return "const CONFIG = " + json.dumps(config(), ensure_ascii=False) + ";\n" + body


@lru_cache(maxsize=8)
def _read(path: str) -> str:
    """A hashed (so never changing) file's text."""
    return Path(path).read_text(encoding="utf-8")
