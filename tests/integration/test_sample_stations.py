"""Sample stations: deterministic, spread by seats, inside their counties, marked as samples."""

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.constituencies.models import Constituency, ConstituencyArea
from webapp.extensions import db
from webapp.places.geometry import parse_geometry
from webapp.places.models import City, County
from webapp.stations.importer import import_stations
from webapp.stations.models import Station
from webapp.stations.placement import within
from webapp.stations.sample import generate_sample_stations

TOTAL = 600
SEED = 11
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _samples() -> list[Station]:
    query = select(Station).filter_by(is_sample=True).order_by(Station.code)
    return list(db.session.scalars(query.options(selectinload(Station.stops))))


def _fingerprint() -> list[tuple]:
    return [(s.code, s.lat, s.lon, s.name, s.is_mobile, s.city_id) for s in _samples()]


@pytest.fixture
def sample_app(app):
    """The app with exactly TOTAL sample stations made from SEED."""
    with app.app_context():
        generate_sample_stations(seed=SEED, total=TOTAL)
    return app


def test_same_seed_gives_the_same_stations(sample_app):
    with sample_app.app_context():
        first = _fingerprint()
        generate_sample_stations(seed=SEED, total=TOTAL)
        assert _fingerprint() == first
        generate_sample_stations(seed=SEED + 1, total=TOTAL)
        assert [row[1:3] for row in _fingerprint()] != [row[1:3] for row in first]


def test_report_counts_fixed_mobile_and_names_the_minority_seats(app):
    with app.app_context():
        report = generate_sample_stations(seed=SEED, total=TOTAL)
    assert report.created == TOTAL
    notes = " ".join(report.notes)
    assert "fixed and" in notes and "mobile stations in 203 territorial constituencies" in notes
    assert "زرتشتیان" in notes and "no stations" in notes


def test_stations_follow_seats_and_skip_minority_constituencies(sample_app):
    with sample_app.app_context():
        constituencies = db.session.scalars(select(Constituency)).all()
        counts = Counter(s.constituency_id for s in _samples())
        territorial = [c for c in constituencies if not c.is_minority]
        seats = sum(c.seats for c in territorial)
        for constituency in territorial:
            assert abs(counts[constituency.id] - TOTAL * constituency.seats / seats) < 1
        assert all(counts[c.id] == 0 for c in constituencies if c.is_minority)
        mobile = sum(s.is_mobile for s in _samples())
        assert 0.2 * TOTAL < mobile < 0.3 * TOTAL


def test_every_station_is_inside_its_county_and_constituency(sample_app):
    with sample_app.app_context():
        shapes = {
            c.id: parse_geometry(c.boundary)
            for c in db.session.scalars(select(County))
            if c.boundary
        }
        covered = set(
            db.session.execute(
                select(ConstituencyArea.constituency_id, ConstituencyArea.county_id)
            ).all()
        )
        for station in _samples():
            assert (station.constituency_id, station.county_id) in covered
            if station.county_id in shapes:
                assert within(station.lat, station.lon, shapes[station.county_id]), station.code


def test_stations_are_marked_sample_and_never_at_an_untrusted_city(sample_app):
    with sample_app.app_context():
        trusted = dict(db.session.execute(select(City.id, City.coord_trusted)).all())
        stations = _samples()
        assert len(stations) == TOTAL
        assert all(s.location_source == "sample" and s.is_sample for s in stations)
        assert all(s.city_id is None or trusted[s.city_id] for s in stations)
        assert sum(s.published for s in stations) >= TOTAL - 10
        assert len({s.code for s in stations}) == TOTAL
        assert all(len(s.code) == 8 and s.code[:4] == f"{s.constituency_id:04d}" for s in stations)


def test_mobile_stations_have_stops_within_the_day(sample_app):
    with sample_app.app_context():
        for station in _samples():
            if not station.is_mobile:
                assert station.stops == []
                continue
            assert 2 <= len(station.stops) <= 4
            assert all(s.place.startswith("روستای ") for s in station.stops)
            assert station.stops[0].starts_at >= station.opens_at
            assert station.stops[-1].ends_at <= station.closes_at
            for before, after in zip(station.stops, station.stops[1:], strict=False):
                assert before.ends_at < after.starts_at


def test_extensions_are_announced_before_the_polls_close(sample_app):
    from webapp.text.dates import TEHRAN

    with sample_app.app_context():
        extended = [s for s in _samples() if s.extended_until is not None]
        assert len(extended) >= TOTAL // 20  # about one in ten
        for station in extended:
            announced = station.extension_announced_at
            if announced.tzinfo is None:
                announced = announced.replace(tzinfo=dt.UTC)
            assert announced.astimezone(TEHRAN).time() < station.closes_at


def test_fully_electronic_constituencies_vote_electronically(sample_app):
    with sample_app.app_context():
        electronic = set(
            db.session.scalars(select(Constituency.id).filter_by(fully_electronic=True))
        )
        stations = [s for s in _samples() if s.constituency_id in electronic]
        assert stations and all(s.electronic for s in stations)


def test_official_stations_and_their_codes_are_left_alone(app, tmp_path):
    with app.app_context():
        generate_sample_stations(seed=SEED, total=TOTAL)
        taken = _samples()[0]
        code, constituency = taken.code, taken.constituency
        csv = tmp_path / "official.csv"
        csv.write_text(
            "code,name,address,province,county,constituency,lat,lon\n"
            f'{code},دبستان شهید رجایی,"خیابان امام خمینی",IR-03,تبریز,"{constituency.name_fa}",'
            "38.0741,46.2953\n",
            encoding="utf-8",
        )
        import_stations(FIXTURES / "stations_valid.csv")
        import_stations(csv)
        generate_sample_stations(seed=SEED, total=TOTAL)
        official = db.session.scalars(select(Station).filter_by(is_sample=False)).all()
        assert len(official) == 7 and code in {s.code for s in official}
        assert len(_samples()) == TOTAL and code not in {s.code for s in _samples()}
