"""Assertions shared by the integration tests."""

import html5lib
from sqlalchemy import select


def parse_document(body: bytes):
    """Parse HTML strictly; raise on any parse error (unclosed tags, bad nesting, stray text)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(body)


def assert_whole_page(response, lang: str) -> None:
    """A whole, valid document with the right language and direction."""
    body = response.get_data()
    assert body.lstrip().lower().startswith(b"<!doctype html>")
    tree = parse_document(body)
    assert tree.get("lang") == lang
    assert tree.get("dir") == ("ltr" if lang == "en" else "rtl")
    assert tree.find(".//main[@id='main']") is not None


def assert_fragment(response) -> None:
    """A fragment: markup without a document around it."""
    body = response.get_data(as_text=True).lstrip().lower()
    assert not body.startswith("<!doctype")
    assert "<html" not in body and "<body" not in body


def first(app, statement):
    """First row of a query inside the app context."""
    from webapp.extensions import db

    with app.app_context():
        return db.session.scalars(statement).first()


def a_station(app, **filters):
    """A published station (detached plain values: code, city name, constituency id)."""
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        station = db.session.scalars(
            select(Station).filter_by(published=True, **filters).order_by(Station.code)
        ).first()
        return {
            "code": station.code,
            "city": station.city.name_fa if station.city else None,
            "constituency_id": station.constituency_id,
            "lat": station.lat,
            "lon": station.lon,
            "name": station.name,
        }


def busiest_constituency(app) -> int:
    """Id of the constituency with the most published stations."""
    from sqlalchemy import func

    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        return db.session.execute(
            select(Station.constituency_id)
            .where(Station.published.is_(True))
            .group_by(Station.constituency_id)
            .order_by(func.count().desc(), Station.constituency_id)
            .limit(1)
        ).scalar_one()


def fuzz_settings(examples: int):
    """Hypothesis settings of every fuzz test: the same inputs on every run, no time limits."""
    from hypothesis import HealthCheck, Phase, settings

    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
