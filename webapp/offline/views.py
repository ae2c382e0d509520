"""Offline use: the service worker, the web app manifest, the offline and saved pages, packs."""

import gzip

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from webapp.assets import asset_url
from webapp.i18n import current_language, text_direction
from webapp.offline import queries, worker
from webapp.text.formatting import format_distance

bp = Blueprint("offline", __name__)

THEME_COLOUR = "#0b4f4a"


@bp.app_template_global("offline_save_urls")
def save_urls(cid: int, *pages: str) -> list[str]:
    """What "Save for offline" keeps: the pages given, the candidate list if any, the pack."""
    urls = list(pages)
    if "candidates.constituency_list" in current_app.view_functions:
        urls.append(url_for("candidates.constituency_list", cid=cid))
    return [*urls, url_for("offline.pack", cid=cid)]


@bp.get("/sw.js")
def service_worker():
    """The service worker, at the site root so that it covers /en/ too; never cached stale."""
    if request.script_root:
        abort(404)
    response = Response(
        worker.script(),
        mimetype="text/javascript",
        headers={"Cache-Control": "no-cache", "X-Raynama-Build": worker.build_id()},
    )
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        # webapp/responses.py compresses HTML and JSON only; the worker is fetched on every visit.
        response.set_data(gzip.compress(response.get_data(), compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
    return response


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest in the page's language."""
    lang = current_language()
    icons = [
        {"src": asset_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": asset_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": asset_url("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    body = {
        "id": url_for("core.home"),
        "name": _("Raynama: find your polling station"),
        "short_name": _("Raynama"),
        "description": _("Find your constituency and polling station for the Majlis elections."),
        "lang": lang,
        "dir": text_direction(lang),
        "start_url": url_for("core.home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    response = current_app.json.response(body)
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/offline")
def offline_page():
    """What the service worker shows for a page that was never saved, with no connection."""
    return render_template("offline/offline.html")


@bp.get("/saved")
def saved():
    """What is saved on this phone; drawn by saved.js from the phone's own storage."""
    lang = current_language()
    units = {
        "m": format_distance(0, lang).split(" ", 1)[1],
        "km": format_distance(10_000, lang).split(" ", 1)[1],
    }
    return render_template("offline/saved.html", units=units)


@bp.get("/constituencies/<int:cid>/pack.json")
def pack(cid: int):
    """One constituency's stations in a compact pack (≤ 50 KB gzipped) for offline use."""
    body = queries.pack_bytes(cid)
    if body is None:
        abort(404)
    return Response(
        body,
        mimetype="application/json",
        headers={"Cache-Control": "public, max-age=300, stale-while-revalidate=3600"},
    )
