"""One sample candidate's transactions as plain dicts of parts (no database work here)."""

import datetime as dt
from dataclasses import dataclass

from webapp.finance import sample_plan as plan
from webapp.finance.sample_vocab import DESCRIPTIONS, INCOME_DESCRIPTIONS

_OUT = plan.Picker(plan.OUT_TYPES)
_IN = plan.Picker(plan.IN_TYPES)
_CATEGORY = plan.Picker(plan.CATEGORY_WEIGHTS)
_STATE = plan.Picker(plan.RECONCILIATION)
_IN_TYPES = {"contribution", "self_funding", "party_transfer", "loan", "in_kind"}


@dataclass
class Draft:
    """One reference as drafted: money, words, reconciliation and amendment."""

    type: str
    category: str | None
    amount: int
    day: dt.date
    kind: str
    counterparty: int | None  # index into the pools; None for unnamed
    description: str
    state: str = "matched"
    reported_amount: int | None = None
    reported_on: dt.date | None = None
    direction_in: bool = False


@dataclass
class Pools:
    """Counterparty ids a candidate draws from."""

    vendors: dict  # category → list of ids
    donors: list
    parties: list
    bank: int


def _out_draft(rng, day, pools: Pools) -> Draft:
    type_ = _OUT(rng)
    if type_ == "expense":
        category = _CATEGORY(rng)
        amount = plan.lognormal(rng, plan.CATEGORY_LOG_MEDIAN[category], 0.5)
        vendor = rng.choice(pools.vendors[category])
        text = rng.choice(DESCRIPTIONS[category])
        return Draft(type_, category, amount, day, "company", vendor, text)
    if type_ == "bank_fee":
        amount = plan.round_to(plan.lognormal(rng, 5.2, 0.3), 1000)
        return Draft(
            type_, None, amount, day, "bank", pools.bank, rng.choice(INCOME_DESCRIPTIONS[type_])
        )
    if type_ == "refund":
        amount = plan.lognormal(rng, 7.5, 0.4)
        return Draft(
            type_, None, amount, day, "individual", None, rng.choice(INCOME_DESCRIPTIONS[type_])
        )
    amount = plan.lognormal(rng, 8.7, 0.3)
    return Draft(
        type_, None, amount, day, "bank", pools.bank, rng.choice(INCOME_DESCRIPTIONS[type_])
    )


def _in_draft(rng, day, pools: Pools, threshold: int) -> Draft:
    type_ = _IN(rng)
    words = INCOME_DESCRIPTIONS.get(type_)
    if type_ == "small_gift":
        amount = min(threshold - 10_000, plan.round_to(plan.lognormal(rng, 7.0, 0.45), 10_000))
        return Draft(
            "contribution", None, amount, day, "individual", None, words_of(rng, "contribution")
        )
    if type_ == "contribution":
        amount = plan.round_to(threshold * 10 ** abs(rng.gauss(0, 0.45)), 1_000_000)
        return Draft(
            type_, None, amount, day, "individual", rng.choice(pools.donors), rng.choice(words)
        )
    if type_ == "in_kind":
        category = rng.choice(("printing", "venues", "transport", "office", "online"))
        amount = plan.round_to(plan.lognormal(rng, 7.8, 0.4), 100_000)
        text = "اهدای " + rng.choice(DESCRIPTIONS[category])
        donor = rng.choice(pools.donors)
        return Draft(
            type_, category, amount, day, "individual", donor if amount >= threshold else None, text
        )
    if type_ == "party_transfer":
        return Draft(type_, None, 0, day, "party", rng.choice(pools.parties), rng.choice(words))
    if type_ == "loan":
        return Draft(type_, None, 0, day, "bank", pools.bank, rng.choice(words))
    return Draft(type_, None, 0, day, "self", None, rng.choice(words))


def words_of(rng, type_: str) -> str:
    """A description for an income type."""
    return rng.choice(INCOME_DESCRIPTIONS[type_])


def _scale(drafts: list[Draft], target: float, step: int) -> None:
    """Scale drafted amounts so they add up to about `target`, rounded to `step`."""
    total = sum(d.amount for d in drafts) or 1
    for d in drafts:
        d.amount = plan.round_to(d.amount * target / total, step)


def _fund(rng, drafts: list[Draft], spending: int) -> None:
    """Give self-funding, party transfers and loans amounts that roughly cover the spending."""
    funders = [d for d in drafts if d.type in ("self_funding", "party_transfer", "loan")]
    gifts = sum(d.amount for d in drafts if d.direction_in and d not in funders)
    need = max(spending * rng.uniform(0.8, 1.2) - gifts, spending * 0.05)
    if not funders:
        return
    for d in funders:
        d.amount = rng.uniform(0.5, 1.5)
    _scale(funders, need, 1_000_000)


def _reconcile(rng, d: Draft) -> None:
    d.state = _STATE(rng)
    if d.state == "bank_only":
        return
    lag = int(rng.expovariate(1 / 3))
    if rng.random() < plan.LATE_SHARE:
        lag = rng.randint(11, 60)
    d.reported_on = d.day + dt.timedelta(days=lag)
    d.reported_amount = d.amount
    if d.state == "mismatch":
        off = (
            d.amount * rng.choice((10, 0.1))
            if rng.random() < 0.2
            else d.amount * rng.uniform(0.6, 1.4)
        )
        d.reported_amount = plan.round_to(off, 10_000)
        if d.reported_amount == d.amount:
            d.reported_amount += 10_000


def candidate_drafts(rng, n: int, budget: float, pools: Pools, days, threshold: int) -> list[Draft]:
    """`n` references for one candidate whose cap-counted spending is about `budget`."""
    picks = rng.choices(days[0], cum_weights=days[1], k=n)
    n_out = round(n * plan.OUT_SHARE)
    drafts = [_out_draft(rng, day, pools) for day in picks[:n_out]]
    drafts += [_in_draft(rng, day, pools, threshold) for day in picks[n_out:]]
    for d in drafts:
        d.direction_in = d.type in _IN_TYPES
    _scale([d for d in drafts if d.type == "expense"], budget, 10_000)
    for d in drafts:
        if d.type in ("refund", "loan_repayment"):
            d.amount = plan.round_to(d.amount, 10_000)
    spending = sum(d.amount for d in drafts if not d.direction_in)
    _fund(rng, drafts, spending)
    for d in drafts:
        _reconcile(rng, d)
    return drafts
