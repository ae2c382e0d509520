"""What the candidate summary and the constituency comparison show, from the stored summaries."""

import json
from dataclasses import dataclass, field

import jdatetime
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.finance.codes import CATEGORIES
from webapp.finance.models import FinanceBatch, FinanceCap, FinanceSummary
from webapp.finance.settings import setting
from webapp.i18n import current_language
from webapp.text.formatting import format_money_compact, format_number, format_percent

PER_PAGE = 50


@dataclass
class CandidateFinance:
    """A candidate's summary with parsed breakdowns and flags in plain words."""

    candidate: Candidate
    summary: FinanceSummary | None
    cap: FinanceCap | None
    batch: FinanceBatch | None
    categories: list = field(default_factory=list)  # (code, n, total, share)
    months: list = field(default_factory=list)  # (month yyyymm, in, out)
    counterparties: list = field(default_factory=list)  # [total, n, id, kind, name]
    flags: list = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """Cap-counted spending as a share of the cap."""
        if not self.summary or not self.cap:
            return None
        return self.summary.cap_spending / self.cap.cap_rial


def _candidate(cid: int) -> Candidate | None:
    query = (
        select(Candidate)
        .where(Candidate.id == cid)
        .options(joinedload(Candidate.constituency).joinedload(Constituency.province))
    )
    return db.session.scalar(query)


def _money(rials: int) -> str:
    return format_money_compact(rials, current_language())


def _count(n: int) -> str:
    return format_number(n, current_language())


def _flags(s: FinanceSummary, cap: FinanceCap | None) -> list[str]:
    flags = []
    if cap and s.cap_spending > cap.cap_rial:
        share = format_percent(s.cap_spending / cap.cap_rial, current_language())
        over = _money(s.cap_spending - cap.cap_rial)
        message = "Spending is over the legal cap by %(amount)s (%(share)s of the cap)."
        flags.append(_(message, amount=over, share=share))
    if s.report_only_spending:
        flags.append(ngettext(
            "%(count)s payment of %(amount)s was reported by the campaign but no bank row "
            "matches it.",
            "%(count)s payments totalling %(amount)s were reported by the campaign but no bank "
            "row matches them.",
            s.report_only_spending, count=_count(s.report_only_spending),
            amount=_money(s.report_only_total)))  # fmt: skip
    if s.mismatches:
        flags.append(ngettext(
            "%(count)s transaction was reported with a different amount from the bank's.",
            "%(count)s transactions were reported with different amounts from the bank's.",
            s.mismatches, count=_count(s.mismatches)))  # fmt: skip
    if s.bank_only:
        flags.append(ngettext(
            "%(count)s bank transaction has not been reported by the campaign.",
            "%(count)s bank transactions have not been reported by the campaign.",
            s.bank_only, count=_count(s.bank_only)))  # fmt: skip
    if s.late_reports:
        flags.append(ngettext(
            "%(count)s report was filed more than %(days)s days after the transaction.",
            "%(count)s reports were filed more than %(days)s days after their transactions.",
            s.late_reports, count=_count(s.late_reports),
            days=_count(setting("FINANCE_LATE_DAYS"))))  # fmt: skip
    return flags


def candidate_finance(cid: int) -> CandidateFinance | None:
    """Everything the candidate summary page shows, or None for an unknown candidate."""
    candidate = _candidate(cid)
    if candidate is None:
        return None
    summary = db.session.get(FinanceSummary, cid)
    cap = db.session.scalar(select(FinanceCap).filter_by(constituency_id=candidate.constituency_id))
    batch = db.session.get(FinanceBatch, summary.batch_id) if summary else latest()
    out = CandidateFinance(candidate, summary, cap, batch)
    if summary is None:
        return out
    by_category = json.loads(summary.by_category)
    spent = sum(total for _n, total in by_category.values()) or 1
    out.categories = [
        (code, by_category[code][0], by_category[code][1], by_category[code][1] / spent)
        for code in CATEGORIES
        if code in by_category
    ]
    out.months = [(int(m), v[0], v[1]) for m, v in json.loads(summary.by_month).items()]
    out.counterparties = json.loads(summary.top_counterparties)
    out.flags = _flags(summary, cap)
    return out


def latest() -> FinanceBatch | None:
    """The newest load batch."""
    return db.session.scalar(select(FinanceBatch).order_by(FinanceBatch.id.desc()).limit(1))


def month_bounds(month: int) -> tuple[str, str]:
    """First and last day of a Jalali month as typed in the search form (1402/11/01)."""
    year, number = divmod(month, 100)
    first = jdatetime.date(year, number, 1)
    following = jdatetime.date(year + number // 12, number % 12 + 1, 1)
    last = following - jdatetime.timedelta(days=1)
    return (
        f"{first.year:04d}/{first.month:02d}/01",
        f"{last.year:04d}/{last.month:02d}/{last.day:02d}",
    )


@dataclass
class Comparison:
    """A constituency's candidates side by side against the cap, one page of them."""

    constituency: Constituency
    cap: FinanceCap | None
    rows: list  # (candidate, summary or None)
    page: int
    pages: int
    total: int
    over_cap: int
    batch: FinanceBatch | None


def comparison(cid: int, page: int) -> Comparison | None:
    """The comparison page's data, or None for an unknown constituency.

    Candidates are ordered by spending that counts towards the cap, largest first; a page of a
    constituency's (at most a few thousand) candidates is read with LIMIT and OFFSET.
    """
    constituency = db.session.get(Constituency, cid)
    if constituency is None:
        return None
    cap = db.session.scalar(select(FinanceCap).filter_by(constituency_id=cid))
    S = FinanceSummary
    mine = Candidate.constituency_id == cid
    total = db.session.scalar(select(func.count()).select_from(Candidate).where(mine))
    over = 0
    if cap is not None:
        over = db.session.scalar(
            select(func.count()).where(S.constituency_id == cid, S.cap_spending > cap.cap_rial)
        )
    pages = max(1, -(-total // PER_PAGE))
    query = (
        select(Candidate, S)
        .outerjoin(S, S.candidate_id == Candidate.id)
        .where(mine)
        .order_by(func.coalesce(S.cap_spending, -1).desc(), Candidate.sort_key, Candidate.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    )
    rows = db.session.execute(query).all()
    return Comparison(constituency, cap, rows, page, pages, total, over, latest())
