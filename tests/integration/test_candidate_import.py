"""Candidate, channel and broadcast imports: all rows or none, line-numbered errors, idempotent."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp.candidates.import_broadcasts import import_broadcasts
from webapp.candidates.import_candidates import import_candidates
from webapp.candidates.import_channels import import_channels
from webapp.candidates.models import (
    BroadcastSlot,
    CampaignSpace,
    Candidate,
    ChangeLog,
    Channel,
    StatusChange,
)
from webapp.data.importer import ImportRefused
from webapp.extensions import db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHABESTAR = 3
MIANEH = 2


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _counts() -> tuple:
    return tuple(
        _count(m) for m in (Candidate, StatusChange, Channel, CampaignSpace, BroadcastSlot)
    )


def _by_ref(ref: str) -> Candidate:
    return db.session.scalar(select(Candidate).filter_by(ref=ref))


def _refused(importer, name: str) -> list:
    before = _counts()
    with pytest.raises(ImportRefused) as refused:
        importer(FIXTURES / name)
    db.session.rollback()
    assert _counts() == before, "a refused file must leave the database unchanged"
    return refused.value.report.errors


def test_valid_candidates_replace_the_sample_of_their_constituencies(app):
    with app.app_context():
        sample_left = _count(Candidate) - db.session.scalar(
            select(func.count())
            .select_from(Candidate)
            .where(Candidate.constituency_id.in_((SHABESTAR, MIANEH)))
        )
        report = import_candidates(FIXTURES / "candidates_valid.csv")
        assert (report.read, report.created, report.updated) == (5, 5, 0)
        assert any("sample candidates replaced" in note for note in report.notes)
        assert _count(Candidate) == sample_left + 5
        first = _by_ref("R-1001")
        assert (first.constituency_id, first.ballot_code, first.status) == (
            SHABESTAR,
            "1201",
            "approved",
        )
        assert first.official_name == "نمونه‌علی آزمونی‌پور" and not first.is_sample
        assert first.status_date.isoformat() == "2024-02-19"  # 1402/11/30
        second = _by_ref("R-1002")
        assert second.ballot_code == "1202" and second.incumbent
        assert second.display_name == "سید نمونه آزمون‌زاده"
        assert _by_ref("R-1004").status == "registered" and _by_ref("R-1004").ballot_code is None
        assert len(first.history) == 1


def test_same_file_twice_changes_nothing(app):
    with app.app_context():
        import_candidates(FIXTURES / "candidates_valid.csv")
        before, logs = _counts(), _count(ChangeLog)
        report = import_candidates(FIXTURES / "candidates_valid.csv")
        assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
        assert _counts() == before and _count(ChangeLog) == logs


def test_status_change_keeps_the_history_and_logs_it(app):
    with app.app_context():
        import_candidates(FIXTURES / "candidates_valid.csv")
        report = import_candidates(FIXTURES / "candidates_status_change.csv")
        assert report.updated == 1 and report.unchanged == 1
        first = _by_ref("R-1001")
        assert first.status == "withdrawn"
        assert [(h.status, h.effective_on.isoformat()) for h in first.history] == [
            ("approved", "2024-02-19"),
            ("withdrawn", "2024-02-24"),
        ]
        assert first.history[-1].source == "اعلام انصراف آزمایشی"
        log = db.session.scalars(select(ChangeLog).filter_by(candidate_id=first.id)).all()
        assert [(c.field, c.old, c.new) for c in log] == [("status", "approved", "withdrawn")]
        assert log[0].source == "import candidates_status_change.csv"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "candidates_unknown_constituency.csv",
            [(3, "unknown constituency"), (4, "no constituency has id 9999")],
        ),
        (
            "candidates_duplicate_ballot_codes.csv",
            [
                (3, "ballot_code: 1401 is already used on line 2"),
                (5, "ref: R-3001 is already on line 2"),
            ],
        ),
        (
            "candidates_bad_cells.csv",
            [
                (2, "given_name"),
                (3, "status"),
                (4, "ballot_code"),
                (5, "status_date"),
                (6, "surname: empty"),
                (6, "incumbent"),
            ],
        ),
        ("candidates_unknown_column.csv", [(1, "unknown column(s): balot_code")]),
    ],
)
def test_bad_candidate_files_are_refused_whole_with_line_numbers(app, name, expected):
    with app.app_context():
        errors = _refused(import_candidates, name)
        for line, words in expected:
            assert any(at == line and words in message for at, message in errors), (line, errors)
        assert {line for line, _m in errors} == {line for line, _w in expected}


def test_a_ballot_code_held_by_another_official_candidate_is_refused(app, tmp_path):
    with app.app_context():
        import_candidates(FIXTURES / "candidates_valid.csv")
        path = tmp_path / "clash.csv"
        path.write_text(
            "ref,constituency,given_name,surname,status,ballot_code\n"
            "R-7001,شبستر,نمونه,آزمونی‌دوست,approved,1201\n",
            encoding="utf-8",
        )
        with pytest.raises(ImportRefused) as refused:
            import_candidates(path)
        assert refused.value.report.errors == [
            (2, "ballot_code: 1201 belongs to candidate R-1001 in this constituency")
        ]


def test_channels_are_normalized_and_campaign_spaces_set(app):
    with app.app_context():
        import_candidates(FIXTURES / "candidates_valid.csv")
        report = import_channels(FIXTURES / "channels_valid.csv")
        assert (report.created, report.updated) == (4, 2)  # two sample spaces become official
        first = _by_ref("R-1001")
        urls = {(c.platform, c.url, c.owner, c.verification) for c in first.channels}
        assert urls == {
            ("eitaa", "https://eitaa.com/azmoon_channel", "official", "listed"),
            ("bale", "https://ble.ir/azmoon_channel", "campaign", "unverified"),
        }
        second = _by_ref("R-1002")
        assert {c.url for c in second.channels} == {
            "https://eitaa.com/seyed_azmoon12",
            "https://azmoon.example.com/about",
        }
        spaces = db.session.scalars(select(CampaignSpace).filter_by(constituency_id=SHABESTAR))
        by_platform = {s.platform: s for s in spaces}
        assert by_platform["eitaa"].url == "https://eitaa.com/shabestar_space"
        assert not by_platform["eitaa"].is_sample
        assert by_platform["bale"].is_sample  # the file named no Bale space: the sample one stays
        again = import_channels(FIXTURES / "channels_valid.csv")
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_bad_links_refuse_the_whole_channel_file(app):
    with app.app_context():
        import_candidates(FIXTURES / "candidates_valid.csv")
        errors = _refused(import_channels, "channels_bad_links.csv")
        text = {line: message for line, message in errors}
        assert "imitates eitaa.com" in text[2]
        assert "imitates ble.ir" in text[3]
        assert "not a web address" in text[4]
        assert "private invite" in text[5]
        assert "bale address, not eitaa" in text[6]
        assert "not a web address" in text[7]
        assert "proven is set only by a moderator" in text[8]
        assert "no candidate has ref" in text[9]
        assert "campaign space is on one of" in text[10]


def test_broadcasts_import_and_bad_rows(app):
    with app.app_context():
        import_candidates(FIXTURES / "candidates_valid.csv")
        report = import_broadcasts(FIXTURES / "broadcasts_valid.csv")
        assert report.created == 3
        slots = db.session.scalars(
            select(BroadcastSlot).filter_by(constituency_id=SHABESTAR, is_sample=False)
        ).all()
        assert {s.frequency for s in slots} == {"FM 101.5"}
        assert sum(1 for s in slots if s.candidate_id is None) == 1
        assert import_broadcasts(FIXTURES / "broadcasts_valid.csv").unchanged == 3
        errors = _refused(import_broadcasts, "broadcasts_bad.csv")
        text = {line: message for line, message in errors}
        assert "overlaps the slot on line 2" in text[3]
        assert "must be after start" in text[4]
        assert "stands in another constituency" in text[5]
        assert "unknown constituency" in text[6]
        assert "not a frequency" in text[7]


def test_cli_imports_and_refusals(app):
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["data", "import-candidates", str(FIXTURES / "candidates_valid.csv")])
    assert ok.exit_code == 0, ok.output
    assert "created 5" in ok.output
    bad = runner.invoke(args=["data", "import-channels", str(FIXTURES / "channels_bad_links.csv")])
    assert bad.exit_code == 1
    assert "line 2:" in bad.output and "refused whole" in bad.output


def test_a_photo_from_the_instance_folder_is_shown_and_served(app, client, tmp_path):
    photos = Path(app.config["INSTANCE_DIR"]) / "candidate_photos"
    photos.mkdir(parents=True, exist_ok=True)
    (photos / "r-8001.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a real jpeg \xff\xd9")
    path = tmp_path / "photo.csv"
    path.write_text(
        "ref,constituency,given_name,surname,status,photo,photo_source\n"
        "R-8001,شبستر,نمونه,عکس‌دار,approved,r-8001.jpg,عکاس آزمایشی\n"
        "R-8002,شبستر,نمونه,بی‌عکس,approved,missing.jpg,\n"
        "R-8003,شبستر,نمونه,بدعکس,approved,../secret.jpg,\n",
        encoding="utf-8",
    )
    with app.app_context(), pytest.raises(ImportRefused) as refused:
        import_candidates(path)
    assert [line for line, _m in refused.value.report.errors] == [3, 4]
    path.write_text(path.read_text(encoding="utf-8").split("R-8002")[0], encoding="utf-8")
    with app.app_context():
        import_candidates(path)
        candidate_id = _by_ref("R-8001").id
    page = client.get(f"/candidates/{candidate_id}").get_data(as_text=True)
    assert f'src="/candidates/{candidate_id}/photo"' in page and "عکاس آزمایشی" in page
    with client.get(f"/candidates/{candidate_id}/photo") as served:
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        assert served.get_data().startswith(b"\xff\xd8")
    assert client.get("/candidates/1/photo").status_code == 404
