"""Loading the real data pack: idempotent, honest about gaps, clear when DATA_DIR is wrong."""

import shutil

import pytest
from sqlalchemy import func, select

from webapp.data.cli import load_pack
from webapp.data.pack import DataPack, DataPackError


def _count(model):
    from webapp.extensions import db

    return db.session.scalar(select(func.count()).select_from(model))


def test_pack_is_loaded_whole(app):
    from webapp.constituencies.models import Constituency, ConstituencyArea
    from webapp.places.models import City, County, Province

    with app.app_context():
        assert _count(Province) == 31
        assert _count(County) == 479
        assert _count(City) == 1354
        assert _count(Constituency) == 208
        from webapp.extensions import db

        assert db.session.scalar(select(func.sum(Constituency.seats))) == 290
        assert _count(ConstituencyArea) > 400


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("شیراز و زرقان", "Shiraz and Zarghan"),  # no English name in the file: from its counties
        ("شهریار، قدس و ملارد", "Shahriar, Qods and Malard"),
        ("تبریز، آذرشهر و اسکو", "Tabriz, Osku and Azarshahr"),  # the file's own name kept
        ("نطنز و بخش قمصر", ""),  # a district has no English name to build from
    ],
)
def test_constituencies_have_english_names_where_their_parts_do(app, name, english):
    from webapp.constituencies.models import Constituency
    from webapp.extensions import db

    with app.app_context():
        found = db.session.scalar(select(Constituency.name_en).filter_by(name_fa=name))
    assert found == english


def test_loading_again_changes_nothing(app):
    with app.app_context():
        reports = load_pack(app.config["DATA_DIR"])
    assert all(r.created == 0 and r.updated == 0 for r in reports)
    assert sum(r.unchanged for r in reports) > 3000


def test_report_names_counties_no_constituency_covers(app):
    with app.app_context():
        reports = load_pack(app.config["DATA_DIR"])
    notes = " ".join(reports[-1].notes)
    assert "سیروان" in notes and "in no constituency" in notes


def test_missing_data_dir_says_how_to_fix(tmp_path):
    with pytest.raises(DataPackError, match="DATA_DIR"):
        DataPack(tmp_path / "nowhere")


def test_incomplete_data_dir_lists_the_missing_files(app, tmp_path):
    partial = tmp_path / "pack"
    shutil.copytree(app.config["DATA_DIR"], partial)
    (partial / "iran_cities.csv").chmod(0o644)
    (partial / "iran_cities.csv").unlink()
    with pytest.raises(DataPackError, match="iran_cities.csv"):
        DataPack(partial)


def test_partial_constituency_file_is_loaded_and_reported(app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(app.config["DATA_DIR"], pack)
    full = pack / "majlis12_constituencies.csv"
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    (pack / "majlis12_constituencies_partial.csv").write_text("".join(lines[:21]), encoding="utf-8")
    full.chmod(0o644)
    full.unlink()
    with app.app_context():
        reports = load_pack(pack)
    assert reports[-1].read == 20
    assert any("partial" in note for note in reports[-1].notes)


def test_cli_reports_a_missing_data_dir(app, tmp_path):
    app.config["DATA_DIR"] = str(tmp_path / "missing")
    result = app.test_cli_runner().invoke(args=["data", "load"])
    assert result.exit_code == 1
    assert "DATA_DIR" in result.output


def test_county_without_label_point_gets_its_cities_centre(app):
    from webapp.places.models import County

    with app.app_context():
        from webapp.extensions import db

        poldokhtar = db.session.get(County, 109)
        assert 32 < poldokhtar.label_lat < 34 and 47 < poldokhtar.label_lon < 48.5
