"""Raynama (رای‌نما): the Flask application factory."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from whitenoise import WhiteNoise

from webapp import assets, config, errors, i18n, pagecache, ratelimits, responses
from webapp.extensions import babel, db, htmx, migrate
from webapp.text.filters import register_filters
from webapp.views_util import IdConverter

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _blueprints():
    """Every feature's blueprint, in one readable list."""
    from webapp.answers.views import bp as answers
    from webapp.candidates.moderate import bp as moderate
    from webapp.candidates.selfcheck import bp as selfcheck
    from webapp.candidates.views import bp as candidates
    from webapp.constituencies.views import bp as constituencies
    from webapp.core.views import bp as core
    from webapp.crowding.views import bp as crowding
    from webapp.finance.views import bp as finance
    from webapp.maps.views import bp as maps
    from webapp.offline.views import bp as offline
    from webapp.search.views import bp as search
    from webapp.stations.views import bp as stations

    return [
        core,
        constituencies,
        stations,
        maps,
        search,
        offline,
        crowding,
        candidates,
        selfcheck,
        moderate,
        finance,
        answers,
    ]


def create_app(overrides: dict | None = None) -> Flask:
    """Build the app: config, extensions, blueprints, CLI, error handlers, WSGI middleware."""
    app = Flask(
        __name__,
        static_folder=None,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    app.config.from_mapping(config.from_environment())
    app.config.update(overrides or {})
    app.url_map.converters["int"] = IdConverter

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    babel.init_app(app, locale_selector=i18n.current_language)
    htmx.init_app(app)
    i18n.init_app(app)
    assets.init_app(app)
    register_filters(app)
    pagecache.init_app(app)
    responses.init_app(app)

    for blueprint in _blueprints():
        app.register_blueprint(blueprint)

    from webapp.data.cli import data_cli

    app.cli.add_command(data_cli)
    errors.init_app(app)
    ratelimits.init_app(app)

    from webapp.data.sqlite import init_sqlite

    init_sqlite(app)
    app.wsgi_app = WhiteNoise(
        i18n.LanguagePrefix(app.wsgi_app),
        root=str(Path(app.config["STATIC_ROOT"]) / "dist"),
        prefix="static/dist/",
        max_age=3600,
        immutable_file_test=assets.is_hashed,
    )
    if app.config.get("PROXY_COUNT"):  # client address and scheme from the trusted proxies
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    return app
