"""Browser tests: a live server on the SQLite test database, driven by the system Chromium.

One database and one server per session (SQLite only: the pages do not depend on the backend,
the integration tests cover both). Every browser context is a 360 × 780 phone in Persian; a
test fails on any console error or uncaught page exception. `axe(page)` runs axe-core.
"""

import importlib.util
import json
import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 780}
DEMO_CITY = "تبریز"  # the fixed demo lookup: a big city that always has sample stations

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Served by a route inside the browser only: the site's CSP allows scripts from 'self' but no
# inline script, and page.add_script_tag(path=...) would inline the file.
AXE_PATH = "/__browser-tests__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

SCREENSHOTS = ROOT / "test-results" / "screenshots"


def _shared_conftest():
    """tests/conftest.py as a module, to reuse its database builder (not its fixtures)."""
    spec = importlib.util.spec_from_file_location(
        "_raynama_shared_conftest", ROOT / "tests" / "conftest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the live server ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app on its own copy of a freshly built SQLite test database."""
    from webapp import create_app
    from webapp.extensions import db

    shared = _shared_conftest()
    build_dir = tmp_path_factory.mktemp("browser-template")
    template = build_dir / "template.db"
    shared._build(f"sqlite:///{template}", build_dir)
    run_dir = tmp_path_factory.mktemp("browser-live")
    database = run_dir / "live.db"
    shutil.copy(template, database)
    app = create_app(shared._overrides(f"sqlite:///{database}", run_dir))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """`http://127.0.0.1:<port>` of a threaded Werkzeug server running `live_app`.

    With RAYNAMA_CLUSTER=1 (`make cluster-smoke`) it is instead nginx in front of two gunicorn
    app servers on the same database (tools/cluster.py).
    """
    if os.environ.get("RAYNAMA_CLUSTER") == "1":
        yield from _cluster(live_app)
        return
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _cluster(live_app):
    from tools.cluster import running

    config = live_app.config
    env = {
        "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
        "INSTANCE_DIR": config["INSTANCE_DIR"],
        "SECRET_KEY": config["SECRET_KEY"],
        "RATELIMIT_SEARCH": config["RATELIMIT_SEARCH"],
        "RATELIMIT_WRITE": config["RATELIMIT_WRITE"],
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "REDIS_PREFIX": "raynama-cluster-smoke:",
        "PAGE_CACHE_SECONDS": "0",
    }
    with running(env) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(live_server):
    """pytest-playwright resolves relative page.goto() URLs against this."""
    return live_server


# --- demo data read from the live database -------------------------------------------------


@dataclass(frozen=True)
class Demo:
    """Fixed lookups the tests use, read once from the database."""

    city: str  # DEMO_CITY
    city_id: int
    province_id: int
    county_id: int
    station_code: str  # a sample station in the demo city
    station_name: str
    big_constituency_id: int  # the constituency with the most stations (several pages)
    big_constituency_pages: int


@pytest.fixture(scope="session")
def demo(live_app) -> Demo:
    from webapp.constituencies.queries import PER_PAGE
    from webapp.extensions import db
    from webapp.places.models import City
    from webapp.stations.models import Station

    with live_app.app_context():
        city = db.session.scalars(
            select(City)
            .join(Station, Station.city_id == City.id)
            .where(City.name_fa == DEMO_CITY, Station.published.is_(True))
            .group_by(City.id)
            .order_by(func.count().desc(), City.id)
        ).first()
        assert city is not None, f"no published station in a city named {DEMO_CITY}"
        stations = db.session.scalars(
            select(Station)
            .filter_by(city_id=city.id, published=True, is_sample=True)
            .order_by(Station.code)
        ).all()
        assert len(stations) >= 10, (
            f"expected sample stations in {DEMO_CITY}, found {len(stations)}"
        )
        cid, count = db.session.execute(
            select(Station.constituency_id, func.count())
            .where(Station.published.is_(True))
            .group_by(Station.constituency_id)
            .order_by(func.count().desc(), Station.constituency_id)
            .limit(1)
        ).one()
        assert count > PER_PAGE, "no constituency has more than one page of stations"
        result = Demo(
            city=DEMO_CITY,
            city_id=city.id,
            province_id=city.county.province_id,
            county_id=city.county_id,
            station_code=stations[0].code,
            station_name=stations[0].name,
            big_constituency_id=cid,
            big_constituency_pages=-(-count // PER_PAGE),
        )
        db.session.remove()
    return result


# --- Chromium and the phone context ---------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system Chromium; Playwright never downloads a browser."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `make chromium`", pytrace=False)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A 360 px wide phone set to Persian in Tehran time."""
    return {
        **browser_context_args,
        "viewport": PHONE,
        "locale": "fa-IR",
        "timezone_id": "Asia/Tehran",
    }


# --- console errors fail the test -----------------------------------------------------------


@dataclass
class BrowserErrors:
    """Console errors and uncaught exceptions of every page of the test's contexts."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Expect console errors matching `pattern` (e.g. the 404 of a page tested as a 404)."""
        self.allowed.append(re.compile(pattern))

    def watch(self, context) -> None:
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)

    def _watch_page(self, page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on(
            "pageerror",
            lambda error: self.errors.append(f"uncaught exception on {page.url}: {error}"),
        )

    def _console(self, page, message) -> None:
        if message.type != "error":
            return
        location = message.location or {}
        if urlsplit(location.get("url", "")).path == "/favicon.ico":
            # Chromium asks for /favicon.ico once per browser, so its error would land on
            # whichever test runs first; test_finder.py::test_site_has_an_icon checks it instead.
            return
        where = f"{location.get('url', '?')}:{location.get('lineNumber', '?')}"
        self.errors.append(f"console error on {page.url}: {message.text} (at {where})")

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture(autouse=True)
def browser_errors(request) -> BrowserErrors:
    """Collects every page's console errors; the test fails if there was any (see the hook)."""
    errors = BrowserErrors()
    request.node.browser_errors = errors
    return errors


@pytest.fixture
def new_context(new_context, browser_errors):
    """pytest-playwright's context factory, with every page watched for console errors."""

    def create(**kwargs):
        context = new_context(**kwargs)
        browser_errors.watch(context)
        return context

    return create


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    errors = getattr(item, "browser_errors", None)
    if errors is not None and errors.unexpected():
        pytest.fail(
            "the browser reported errors:\n  " + "\n  ".join(errors.unexpected()), pytrace=False
        )
    return result


# --- helpers --------------------------------------------------------------------------------


def _format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            target = " ".join(json.dumps(t, ensure_ascii=False) for t in node["target"])
            lines.append(f"    at {target}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


class AxeViolations(list):
    """axe-core violations; str() is a readable report."""

    def __str__(self):
        return _format_violations(self) or "no violations"


@pytest.fixture
def axe():
    """axe(page) -> the WCAG 2.1 A/AA violations on the page as it is now."""

    def run(page) -> AxeViolations:
        page.route(
            f"**{AXE_PATH}",
            lambda route: route.fulfill(path=AXE_JS, content_type="text/javascript; charset=utf-8"),
        )
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(url=AXE_PATH)
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations",
            AXE_TAGS,
        )
        return AxeViolations(violations)

    return run


@pytest.fixture
def screenshot(request):
    """screenshot(page, name): a full-page PNG under test-results/screenshots/ to look at."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
