"""The official station CSV import: all rows or none, line-numbered errors, idempotent."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp.data.importer import ImportRefused
from webapp.extensions import db
from webapp.stations.importer import import_stations
from webapp.stations.models import MobileStop, Station

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HEADER = "code,name,address,province,county,constituency,lat,lon,mobile,stops"
TABRIZ = "تبریز، آذرشهر و اسکو"


def _counts() -> tuple[int, int]:
    stations = db.session.scalar(select(func.count()).select_from(Station))
    stops = db.session.scalar(select(func.count()).select_from(MobileStop))
    return stations, stops


def _station(code: str) -> Station | None:
    return db.session.scalar(select(Station).filter_by(code=code))


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """Stored instants come back naive on SQLite (meaning UTC) and aware on PostgreSQL."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "stations.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def _row(code: str, name: str = "دبستان شهید رجایی", stops: str = "") -> str:
    mobile = "yes" if stops else "no"
    return (
        f'{code},{name},"خیابان امام خمینی، کوچهٔ ۱۲",IR-03,تبریز,"{TABRIZ}",38.0741,46.2953,'
        f'{mobile},"{stops}"'
    )


def test_valid_file_creates_official_stations(app):
    with app.app_context():
        before = _counts()
        report = import_stations(FIXTURES / "stations_valid.csv")
        assert (report.read, report.created, report.updated) == (6, 6, 0)
        assert _counts() == (before[0] + 6, before[1] + 2)
        school = _station("90010001")
        assert not school.is_sample and school.location_source == "official"
        assert school.constituency.name_fa == TABRIZ and school.county.name_fa == "تبریز"
        assert (
            school.city.name_fa == "تبریز" and school.election_id == school.constituency.election_id
        )
        assert school.search_key == "دبستان شهید رجایی" and school.electronic
        assert (school.step_free, school.accessible_toilet) == ("yes", "no")
        girls = _station("90010003")
        assert (girls.venue_kind, girls.audience, girls.opens_at) == (
            "school",
            "women",
            dt.time(7, 30),
        )
        mosque = _station("90010002")
        assert _utc(mosque.extended_until) == dt.datetime(2024, 3, 1, 18, 30, tzinfo=dt.UTC)
        assert mosque.county.name_fa == "اسکو" and mosque.audience == "men"
        assert _station("90020001").published is False
        faruj = _station("90020002")  # a Razavi constituency covering a North Khorasan county
        assert faruj.constituency.name_fa == "قوچان و فاروج"
        assert faruj.county.province.name_fa == "خراسان شمالی"
        assert (faruj.opens_at, faruj.closes_at) == (dt.time(8), dt.time(18))
        assert _utc(school.updated_at) <= dt.datetime.now(dt.UTC)


def test_importing_the_same_file_again_changes_nothing(app):
    with app.app_context():
        import_stations(FIXTURES / "stations_valid.csv")
        stamp = _station("90010001").updated_at
        before = _counts()
        again = import_stations(FIXTURES / "stations_valid.csv")
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
        assert _counts() == before
        assert _station("90010001").updated_at == stamp


def test_a_changed_row_or_changed_stops_update_only_that_station(app, tmp_path):
    stops = "روستای کجوار|08:00|12:00;روستای سعیدآباد|12:30|18:00"
    with app.app_context():
        import_stations(_write(tmp_path, _row("9100-0001"), _row("9100-0002", stops=stops)))
        changed = _write(
            tmp_path,
            _row("9100-0001", name="دبستان شهید باهنر"),
            _row("9100-0002", stops="روستای کجوار|09:00|17:00"),
        )
        report = import_stations(changed)
        assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
        assert _station("91000001").name == "دبستان شهید باهنر"
        assert [(s.place, s.starts_at) for s in _station("91000002").stops] == [
            ("روستای کجوار", dt.time(9))
        ]


def test_persian_and_arabic_indic_digits_with_a_bom(app):
    with app.app_context():
        report = import_stations(FIXTURES / "stations_bom_persian_digits.csv")
        assert report.created == 3
        first, second, third = (_station(f"9003000{n}") for n in (1, 2, 3))
        assert (first.lat, first.lon) == pytest.approx((38.0736, 46.2961))
        assert _utc(first.extended_until) == dt.datetime(2024, 3, 1, 20, 30, tzinfo=dt.UTC)
        assert first.electronic and not second.electronic and third.electronic
        assert second.county.name_fa == "اسکو" and third.county.name_fa == "آذرشهر"
        assert third.closes_at == dt.time(18)


def test_mobile_stops_are_stored_in_time_order(app):
    with app.app_context():
        import_stations(FIXTURES / "stations_mobile_stops.csv")
        stops = _station("90100002").stops
        assert [(s.place, s.starts_at, s.ends_at) for s in stops][0] == (
            "روستای لیقوان",
            dt.time(8),
            dt.time(10, 30),
        )
        assert len(stops) == 3 and _station("90100002").is_mobile
        assert _station("90100003").stops == [] and not _station("90100003").is_mobile


REFUSED = {
    "stations_duplicate_codes.csv": {4: "already used on line 2", 5: "already used on line 3"},
    "stations_bad_coordinates.csv": {
        3: "km outside county قشم",
        4: "km outside county نوشهر",
        5: "outside Iran",
        6: "look swapped",
        7: "decimal degrees",
        8: "km outside county تبریز",
        9: "lat: empty",
    },
    "stations_missing_columns.csv": {1: "missing column(s): lat, lon"},
    "stations_wrong_encoding.csv": {2: "not UTF-8"},
    "stations_unknown_county.csv": {
        3: "unknown county 'تبریزستان'",
        4: "unknown county '99999'",
        5: "county 31 (اسکو) is not in تهران",
        6: "unknown province 'IR-99'",
    },
    "stations_bad_hours.csv": {
        3: "opens 05:30",
        4: "closes 08:00 must be after opens 18:00",
        5: "'25:00' is not a clock time",
        6: "extended_until 17:00 must be after closes",
        7: "extension_announced needs extended_until",
        8: "'8 صبح' is not HH:MM",
        9: "closes 24:00",
    },
    "stations_bad_stops.csv": {
        3: "needs at least one stop",
        4: "only a mobile station has stops",
        5: "is not place|HH:MM|HH:MM",
        6: "overlap",
        7: "ends before it starts",
        8: "within the station's hours",
    },
    "stations_wrong_constituency.csv": {
        3: "شبستر does not cover county تبریز",
        4: "unknown constituency 'مشهد و کلات'",
        5: "unknown constituency 'زرتشتیان'",
        6: "unknown constituency 'حوزهٔ ناموجود'",
    },
    "stations_bad_enumerations.csv": {
        3: "venue_kind: 'stadium'",
        4: "audience: 'kids'",
        5: "location_source: 'sample'",
        6: "mobile: 'perhaps'",
        7: "code: empty",
    },
    "stations_unknown_column.csv": {1: "unknown column(s): electronc"},
    "stations_header_only.csv": {1: "no stations"},
}


@pytest.mark.parametrize("fixture", sorted(REFUSED))
def test_bad_files_are_refused_whole_with_line_numbers(app, fixture):
    expected = REFUSED[fixture]
    with app.app_context():
        before = _counts()
        with pytest.raises(ImportRefused) as refused:
            import_stations(FIXTURES / fixture)
        errors = refused.value.report.errors
        assert {line for line, _message in errors} == set(expected)
        for line, fragment in expected.items():
            assert any(fragment in message for n, message in errors if n == line), (line, errors)
        assert _counts() == before
        assert db.session.scalar(select(func.count()).where(Station.code.like("90%"))) == 0


def test_a_refused_file_leaves_earlier_stations_as_they_were(app, tmp_path):
    with app.app_context():
        import_stations(_write(tmp_path, _row("9200-0001")))
        bad = _write(tmp_path, _row("9200-0001", name="نام تازه"), _row("9200-0002") + "x")
        with pytest.raises(ImportRefused):
            import_stations(bad)
        assert _station("92000001").name == "دبستان شهید رجایی"
        assert _station("92000002") is None


def test_a_sample_code_is_taken_over_by_the_official_station(app, tmp_path):
    with app.app_context():
        sample = db.session.scalar(select(Station).filter_by(is_sample=True).order_by(Station.id))
        code, before = sample.code, _counts()
        report = import_stations(_write(tmp_path, _row(code)))
        assert (report.created, report.updated) == (0, 1)
        assert "sample station code(s) now belong to official ones" in " ".join(report.notes)
        station = _station(code)
        assert not station.is_sample and station.location_source == "official"
        assert station.stops == [] and _counts()[0] == before[0]


def test_cli_reports_success_and_refusal(app):
    runner = app.test_cli_runner()
    done = runner.invoke(args=["data", "import-stations", str(FIXTURES / "stations_valid.csv")])
    assert done.exit_code == 0, done.output
    assert "created 6" in done.output
    again = runner.invoke(args=["data", "import-stations", str(FIXTURES / "stations_valid.csv")])
    assert "created 0, updated 0, unchanged 6" in again.output
    bad = runner.invoke(
        args=["data", "import-stations", str(FIXTURES / "stations_duplicate_codes.csv")]
    )
    assert bad.exit_code == 1
    assert "line 4: code: 90040001 is already used on line 2" in bad.output
    assert "refused whole" in bad.output and "unchanged" in bad.output
