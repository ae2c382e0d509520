"""Offline use on the server side: the worker script, the web app manifest, the offline and saved
pages, the "Save for offline" controls, and how static files and pages are delivered."""

import json
import re
import shutil
import struct

import pytest

from tests.integration.helpers import a_station, assert_whole_page, busiest_constituency

PREFIXES = {"fa": "", "en": "/en"}


def _png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def _body(client, url: str) -> bytes:
    """A static file's bytes (WhiteNoise answers with an open file, closed here)."""
    response = client.get(url)
    try:
        return response.get_data()
    finally:
        response.close()


def _worker_config(client) -> dict:
    text = client.get("/sw.js").get_data(as_text=True)
    first_line = text.split("\n", 1)[0]
    assert first_line.startswith("const CONFIG = ") and first_line.endswith(";")
    return json.loads(first_line.removeprefix("const CONFIG = ").removesuffix(";"))


def test_worker_is_served_at_the_root_uncached_with_its_build(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    config = _worker_config(client)
    assert re.fullmatch(r"[0-9a-f]{12}", config["build"])
    assert response.headers["X-Raynama-Build"] == config["build"]
    assert 'addEventListener("fetch"' in response.get_data(as_text=True)
    # Only the root copy: a worker at /en/sw.js would cover /en/ alone.
    assert client.get("/en/sw.js").status_code == 404


def test_worker_is_gzipped_and_revalidates_with_304(client):
    first = client.get("/sw.js", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    again = client.get("/sw.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code in (200, 304)
    plain = client.get("/sw.js")
    assert client.get("/sw.js", headers={"If-None-Match": plain.headers["ETag"]}).status_code == 304


def test_every_precached_url_answers(client):
    config = _worker_config(client)
    precache = config["precache"] + config["savedShell"]
    for lang in ("fa", "en"):
        assert config["offline"][lang] in config["precache"]
        assert config["saved"][lang] in config["savedShell"]
    assert any(re.search(r"/js/saved\.[0-9a-f]{12}\.js$", url) for url in config["savedShell"])
    assert any(re.search(r"/css/site\.[0-9a-f]{12}\.css$", url) for url in precache)
    assert any("vazirmatn-400" in url for url in precache)
    assert any(url.endswith(".png") for url in precache)
    for url in precache:
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()


def test_build_id_follows_the_asset_manifest(app, tmp_path):
    from webapp import create_app
    from webapp.offline import worker

    static = tmp_path / "static"
    shutil.copytree(app.config["STATIC_ROOT"], static, ignore=shutil.ignore_patterns("src"))
    overrides = {
        key: app.config[key] for key in ("TESTING", "SQLALCHEMY_DATABASE_URI", "SECRET_KEY")
    }
    other = create_app({**overrides, "STATIC_ROOT": str(static)})
    with app.test_request_context("/sw.js"):
        original = worker.build_id()
    with other.test_request_context("/sw.js"):
        assert worker.build_id() == original
        manifest = static / "dist" / "manifest.json"
        data = json.loads(manifest.read_text())
        data["css/site.css"] = data["css/site.css"].replace(".css", "0.css")
        manifest.write_text(json.dumps(data))
        assert worker.build_id() != original


@pytest.mark.parametrize(("lang", "direction"), [("fa", "rtl"), ("en", "ltr")])
def test_web_app_manifest(client, lang, direction):
    response = client.get(PREFIXES[lang] + "/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["lang"] == lang and manifest["dir"] == direction
    assert manifest["name"] and manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["id"] == PREFIXES[lang] + "/"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    sizes = {}
    for icon in manifest["icons"]:
        body = _body(client, icon["src"])
        width, height = _png_size(body)
        assert icon["sizes"] == f"{width}x{height}"
        sizes[(icon.get("purpose", "any"), width)] = len(body)
    assert set(sizes) == {("any", 192), ("any", 512), ("maskable", 512)}
    assert all(size < 10_000 for size in sizes.values()), sizes


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_pages_link_the_manifest_the_worker_and_the_status_bar(app, client, lang):
    station = a_station(app)
    body = client.get(PREFIXES[lang] + f"/stations/{station['code']}").get_data(as_text=True)
    assert f'<link rel="manifest" href="{PREFIXES[lang]}/manifest.webmanifest">' in body
    assert '<meta name="theme-color"' in body
    assert re.search(r'<script src="/static/dist/js/offline\.[0-9a-f]{12}\.js" defer>', body)
    # The worker marks cached copies by rewriting the first occurrence of this attribute.
    assert body.count("data-offline-status") == 1
    assert body.index("data-offline-status") < body.index('<main id="main"')


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_offline_and_saved_pages_are_whole_documents(client, lang):
    for path in ("/offline", "/saved"):
        response = client.get(PREFIXES[lang] + path)
        assert response.status_code == 200
        assert_whole_page(response, lang)
    saved = client.get(PREFIXES[lang] + "/saved").get_data(as_text=True)
    assert 'id="saved-app"' in saved and "data-nojs" in saved
    assert re.search(r'<script src="/static/dist/js/saved\.[0-9a-f]{12}\.js"', saved)


def test_save_controls_list_what_to_keep_and_hide_without_javascript(app, client):
    station = a_station(app)
    cid = station["constituency_id"]
    pages = {
        f"/constituencies/{cid}": [f"/constituencies/{cid}"],
        f"/stations/{station['code']}": [f"/stations/{station['code']}", f"/constituencies/{cid}"],
    }
    for url, expected in pages.items():
        for lang, prefix in PREFIXES.items():
            body = client.get(prefix + url).get_data(as_text=True)
            match = re.search(
                r'<section class="card save-offline" data-save-offline hidden[^>]*>', body
            )
            assert match, (lang, url)
            tag = match.group(0)
            assert f'data-save-id="{cid}"' in tag
            urls = re.search(r'data-save-urls="([^"]*)"', tag).group(1).split()
            candidates = [f"/constituencies/{cid}/candidates"] * (
                "candidates.constituency_list" in app.view_functions
            )
            wanted = [*expected, *candidates, f"/constituencies/{cid}/pack.json"]
            assert urls == [prefix + u for u in wanted]


def test_hashed_static_files_are_immutable_and_precompressed(client):
    config = _worker_config(client)
    css = next(url for url in config["precache"] if url.endswith(".css"))
    response = client.get(css, headers={"Accept-Encoding": "br, gzip"})
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1)) >= 31536000
    response.close()
    gzipped = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    gzipped.close()


@pytest.mark.parametrize(
    "url", ["/static/dist/css/site.000000000000.css", "/static/dist/nothing.js", "/static/x"]
)
def test_missing_static_files_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_answer_304_to_their_etag(app, client):
    cid = busiest_constituency(app)
    for url in ("/offline", "/saved", f"/constituencies/{cid}", "/manifest.webmanifest"):
        first = client.get(url)
        etag = first.headers["ETag"]
        assert etag.startswith('W/"')
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304, url
