"""Sample finance: only for sample candidates, never a real name, deterministic, realistic."""

from sqlalchemy import func, select

from webapp.candidates.models import Candidate
from webapp.extensions import db
from webapp.finance.models import FinanceCap, FinanceCounterparty, FinanceSummary, FinanceTxn
from webapp.finance.sample import generate_sample_finance

T = FinanceTxn


def _count(*where) -> int:
    return db.session.scalar(select(func.count()).select_from(T).where(*where))


def test_only_sample_candidates_have_sample_rows(app):
    with app.app_context():
        assert _count() > 20_000
        official = select(Candidate.id).where(Candidate.is_sample.is_(False))
        assert _count(T.candidate_id.in_(official)) == 0


def test_every_named_payer_or_payee_is_marked_sample(app):
    with app.app_context():
        used = select(T.counterparty_id).where(T.counterparty_id.is_not(None)).distinct()
        names = list(
            db.session.scalars(
                select(FinanceCounterparty.name).where(FinanceCounterparty.id.in_(used))
            )
        )
        assert names and all("نمونه" in name for name in names)


def test_individuals_below_the_threshold_are_never_named(app):
    with app.app_context():
        threshold = app.config.get("FINANCE_DISCLOSURE_THRESHOLD_RIAL", 100_000_000)
        current = T.ended_batch_id.is_(None)
        small = (current, T.counterparty_kind == "individual", T.amount < threshold)
        assert _count(*small, T.type == "in_kind") > 0
        assert _count(*small, T.counterparty_id.is_not(None)) == 0


def test_the_sample_has_every_state_amendments_and_aggregates(app):
    with app.app_context():
        query = select(T.reconciliation, func.count()).where(T.live.is_(True))
        states = dict(db.session.execute(query.group_by(T.reconciliation)).all())
        assert set(states) == {"matched", "bank_only", "report_only", "mismatch"}
        assert states["matched"] > 0.7 * sum(states.values())
        assert _count(T.version == 2, T.live.is_(True)) > 0
        assert _count(T.version == 1, T.ended_batch_id.is_not(None)) == _count(T.version == 2)
        assert _count(T.gift_count > 1) > 0
        assert _count(T.listed.is_(False), T.counterparty_id.is_not(None)) == 0
        caps = dict(
            db.session.execute(select(FinanceCap.constituency_id, FinanceCap.cap_rial)).all()
        )
        over = [
            s
            for s in db.session.scalars(select(FinanceSummary))
            if s.cap_spending > caps[s.constituency_id]
        ]
        assert over, "a few sample candidates should be over the cap"


def test_the_same_seed_gives_the_same_rows(app):
    with app.app_context():
        before = set(db.session.scalars(select(T.public_id).where(T.live.is_(True))))
        generate_sample_finance(rows=20_000, seed=7)
        after = set(db.session.scalars(select(T.public_id).where(T.live.is_(True))))
        assert before == after
        generate_sample_finance(rows=2_000, seed=8)
        assert _count(T.version >= 1) < 4_000
