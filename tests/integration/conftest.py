"""Fixtures of the integration tests beyond tests/conftest.py: the test clock, each queue store,
more app processes on the test's database."""

import pytest

from tests.integration.crowding_helpers import ELECTION_MORNING, drop_redis_keys, use_redis
from webapp.crowding.clock import TestClock


@pytest.fixture
def clock(app):
    """The app's clock, set to 11:30 on polling day; move it with .advance(minutes=…)."""
    test_clock = TestClock(ELECTION_MORNING)
    app.config["CLOCK_OVERRIDE"] = test_clock
    return test_clock


@pytest.fixture(params=["database", "redis"])
def store_kind(request, app, clock):
    """Run the test with each store."""
    if request.param == "redis":
        prefix = use_redis(app)
        yield "redis"
        drop_redis_keys(prefix)
    else:
        yield "database"


@pytest.fixture
def another_app(app):
    """make(**config) → a new app on `app`'s database; its connections close with the test."""
    from webapp import create_app
    from webapp.extensions import db

    made = []

    def make(**config):
        keys = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "SECRET_KEY")
        settings = {"TESTING": True, "PAGE_CACHE_SECONDS": 0, **{k: app.config[k] for k in keys}}
        made.append(create_app({**settings, **config}))
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()
