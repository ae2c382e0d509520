"""The bank-feed import: reconciliation, amendments that never count twice, all or nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp.candidates.models import Candidate
from webapp.data.importer import ImportRefused
from webapp.extensions import db
from webapp.finance.importer import import_finance
from webapp.finance.models import (
    FinanceBatch,
    FinanceCounterparty,
    FinanceDescription,
    FinanceSummary,
    FinanceTxn,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CANDIDATE = "S-001-00001"


def _candidate_id(ref: str = CANDIDATE) -> int:
    return db.session.scalar(select(Candidate.id).filter_by(ref=ref))


def _current(ref: str) -> FinanceTxn:
    """The current version of a reference of the test candidate."""
    return db.session.scalar(
        select(FinanceTxn).where(
            FinanceTxn.bank_ref == ref,
            FinanceTxn.candidate_id == _candidate_id(),
            FinanceTxn.ended_batch_id.is_(None),
        )
    )


def _state() -> tuple:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (FinanceTxn, FinanceBatch, FinanceCounterparty, FinanceDescription)
    ) + (db.session.scalar(select(func.sum(FinanceSummary.spending))),)


def _live_sums(cid: int) -> tuple[int, int]:
    rows = db.session.execute(
        select(FinanceTxn.direction, FinanceTxn.amount).where(
            FinanceTxn.candidate_id == cid, FinanceTxn.live.is_(True)
        )
    ).all()
    return sum(a for d, a in rows if d == "in"), sum(a for d, a in rows if d == "out")


def _refused(name: str) -> list:
    before = _state()
    with pytest.raises(ImportRefused) as refused:
        import_finance(FIXTURES / name)
    assert _state() == before, "a refused file must leave the database unchanged"
    return refused.value.report.errors


def test_bank_rows_are_reconciled_with_reports(app):
    with app.app_context():
        report = import_finance(FIXTURES / "finance_valid.csv")
        assert (report.read, report.created) == (10, 7)
        states = {ref: (_current(ref).source, _current(ref).reconciliation) for ref in
                  ("T-0001", "T-0002", "T-0003", "T-0004", "T-0006")}  # fmt: skip
        assert states == {
            "T-0001": ("both", "matched"),
            "T-0002": ("both", "mismatch"),
            "T-0003": ("report", "report_only"),
            "T-0004": ("bank", "bank_only"),
            "T-0006": ("bank", "bank_only"),
        }
        mismatch = _current("T-0002")
        assert (mismatch.amount, mismatch.reported_amount) == (30_000_000, 25_000_000)
        assert _current("T-0001").category == "printing"


def test_small_gifts_are_unnamed_and_shown_only_in_aggregate(app):
    with app.app_context():
        import_finance(FIXTURES / "finance_valid.csv")
        gift = _current("T-0005")
        assert gift.counterparty_id is None and not gift.listed and not gift.live
        names = set(db.session.scalars(select(FinanceCounterparty.name)))
        assert "اهداکنندهٔ کوچک آزمون" not in names
        assert "اهداکنندهٔ بزرگ آزمون" in names
        aggregate = _current(f"small-gifts/{gift.month}")
        assert aggregate.live and aggregate.gift_count >= 1 and aggregate.amount >= gift.amount


def test_small_gifts_in_kind_and_refunds_list_the_money_but_not_the_person(app):
    with app.app_context():
        import_finance(FIXTURES / "finance_small_in_kind_and_refund.csv")
        for ref in ("K-0001", "K-0002"):
            row = _current(ref)
            assert row.live and row.listed and row.counterparty_id is None
        assert _current("K-0003").counterparty_id is not None
        names = set(db.session.scalars(select(FinanceCounterparty.name)))
        assert "اهداکنندهٔ کالای آزمون" not in names and "بازپس‌گیرندهٔ آزمون" not in names
        assert "اهداکنندهٔ سالن آزمون" in names
        summary = db.session.get(FinanceSummary, _candidate_id())
        assert summary.cap_spending >= 303_000_000, "gifts in kind still count towards the cap"


def test_national_ids_are_never_stored(app):
    with app.app_context():
        report = import_finance(FIXTURES / "finance_valid.csv")
        assert any("national id" in note for note in report.notes)
        columns = {c.name for c in FinanceTxn.__table__.columns}
        assert not any("national" in name for name in columns)
        texts = list(db.session.scalars(select(FinanceDescription.text)))
        texts += list(db.session.scalars(select(FinanceCounterparty.name)))
        assert not any("0012345678" in t or "0098765432" in t for t in texts)


def test_importing_the_same_file_again_changes_nothing(app):
    with app.app_context():
        import_finance(FIXTURES / "finance_valid.csv")
        before = _state()
        report = import_finance(FIXTURES / "finance_valid.csv")
        assert any("already loaded" in note for note in report.notes)
        assert _state() == before


def test_amendments_replace_earlier_versions_and_never_count_twice(app):
    with app.app_context():
        cid = _candidate_id()
        import_finance(FIXTURES / "finance_valid.csv")
        before_in, before_out = _live_sums(cid)
        report = import_finance(FIXTURES / "finance_amendments.csv")
        assert (report.created, report.updated) == (0, 3)
        amended = _current("T-0001")
        assert (amended.version, amended.amount, amended.reconciliation) == (
            2,
            13_000_000,
            "mismatch",
        )
        first = db.session.get(FinanceTxn, amended.supersedes_id)
        assert (first.version, first.amount, first.live) == (1, 12_500_000, False)
        assert first.ended_batch_id == amended.batch_id
        assert _current("T-0002").reconciliation == "matched"
        assert (_current("T-0003").source, _current("T-0003").reconciliation) == ("both", "matched")
        money_in, money_out = _live_sums(cid)
        assert money_out == before_out + 500_000, "only the difference of the amendment counts"
        assert money_in == before_in
        summary = db.session.get(FinanceSummary, cid)
        assert (summary.income, summary.spending) == (money_in, money_out)
        live_versions = db.session.scalar(
            select(func.count()).where(FinanceTxn.bank_ref == "T-0001", FinanceTxn.live.is_(True))
        )
        assert live_versions == 1


def test_an_amendment_of_an_unknown_row_refuses_the_whole_file(app):
    with app.app_context():
        import_finance(FIXTURES / "finance_valid.csv")
        errors = _refused("finance_unknown_amendment.csv")
        assert errors == [(3, "amends bank row T-9999, which is not known for this candidate")]
        assert _current("T-0100") is None, "the valid row of the refused file was not applied"


def test_a_changed_row_must_be_marked_as_an_amendment(app):
    with app.app_context():
        import_finance(FIXTURES / "finance_valid.csv")
        errors = _refused("finance_changed_without_amends.csv")
        assert errors[0][0] == 2 and "amends=yes" in errors[0][1]


def test_bad_cells_are_listed_by_line(app):
    with app.app_context():
        errors = _refused("finance_bad_cells.csv")
        assert [line for line, _message in errors] == list(range(2, 11))
        messages = " ".join(message for _line, message in errors)
        for part in (
            "month",
            "amount_rial",
            "gift",
            "needs a category",
            "direction",
            "NOBODY",
            "ref",
        ):
            assert part in messages


def test_unknown_columns_are_refused(app):
    with app.app_context():
        assert _refused("finance_unknown_column.csv") == [(1, "unknown column(s): amonut")]


def test_cli_reports_success_and_refusal(app):
    runner = app.test_cli_runner()
    done = runner.invoke(args=["data", "import-finance", str(FIXTURES / "finance_valid.csv")])
    assert done.exit_code == 0, done.output
    assert "created 7" in done.output
    bad = runner.invoke(args=["data", "import-finance", str(FIXTURES / "finance_bad_cells.csv")])
    assert bad.exit_code == 1
    assert "refused whole" in bad.output
    checked = runner.invoke(args=["data", "check-finance"])
    assert checked.exit_code == 0 and "equal the rows" in checked.output
