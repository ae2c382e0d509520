"""Merging a bank row with the campaign's own report of the same reference."""

import datetime as dt

from webapp.finance.codes import KINDS, kind_code, kinds_allowed, read_code
from webapp.finance.ledger import Part, jalali_month, merge, parts_of, public_id

THRESHOLD = 100_000_000
DAY = dt.date(2024, 2, 20)


def bank(amount=10_000_000, **kw):
    values = {
        "type": "expense",
        "date": DAY,
        "amount": amount,
        "kind": "company",
        "name": "چاپخانه",
    }
    values.update(kw)
    return Part(category=values.pop("category", "printing"), **values)


def report(amount=10_000_000, **kw):
    values = {
        "type": "expense",
        "date": DAY + dt.timedelta(days=1),
        "amount": amount,
        "kind": "company",
        "name": "نام دیگر",
        "description": "چاپ پوستر",
        "category": "online",
        "reported_on": DAY + dt.timedelta(days=2),
    }
    values.update(kw)
    return Part(**values)


def test_bank_wins_on_money_date_and_payee_report_on_words():
    m = merge(bank(), report(), THRESHOLD)
    assert (m.amount, m.date, m.name) == (10_000_000, DAY, "چاپخانه")
    assert (m.category, m.description) == ("online", "چاپ پوستر")
    assert (m.source, m.reconciliation, m.direction) == ("both", "matched", "out")


def test_each_reconciliation_state():
    assert merge(bank(), report(12_000_000), THRESHOLD).reconciliation == "mismatch"
    assert merge(bank(), None, THRESHOLD).reconciliation == "bank_only"
    assert merge(None, report(), THRESHOLD).reconciliation == "report_only"
    mismatch = merge(bank(), report(12_000_000), THRESHOLD)
    assert (mismatch.amount, mismatch.reported_amount) == (10_000_000, 12_000_000)


def test_small_gift_of_an_individual_is_unnamed_and_unlisted():
    gift = bank(5_000_000, type="contribution", kind="individual", name="کسی", category=None)
    m = merge(gift, None, THRESHOLD)
    assert m.name == "" and not m.listed
    large = merge(
        bank(THRESHOLD, type="contribution", kind="individual", category=None), None, THRESHOLD
    )
    assert large.name == "چاپخانه" and large.listed


def test_small_gifts_in_kind_and_refunds_never_name_the_individual():
    for type_, category in (("in_kind", "printing"), ("refund", None)):
        part = bank(5_000_000, type=type_, kind="individual", name="کسی", category=category)
        m = merge(part, None, THRESHOLD)
        assert m.name == "" and m.listed, "listed (it has a category or pays money out), unnamed"
        large = merge(
            bank(THRESHOLD, type=type_, kind="individual", name="کسی", category=category),
            None,
            THRESHOLD,
        )
        assert large.name == "کسی"
    company = merge(bank(5_000_000, type="in_kind", category="venues"), None, THRESHOLD)
    assert company.name == "چاپخانه", "companies are named whatever the amount"


def test_parts_of_a_stored_row_merge_back_to_it():
    for pair in ((bank(), report()), (bank(), None), (None, report()), (bank(), report(3))):
        m = merge(*pair, THRESHOLD)
        assert merge(*parts_of(m), THRESHOLD) == m


def test_jalali_months_and_public_ids():
    assert jalali_month(dt.date(2024, 3, 1)) == 140212
    assert jalali_month(dt.date(2024, 3, 20)) == 140301
    assert public_id(1, "T-1", 1) == public_id(1, "T-1", 1)
    assert len({public_id(1, "T-1", v) for v in range(1, 50)}) == 49
    assert len(public_id(7, "x", 2)) == 12


def test_kinds_cover_every_type_and_category_pair_once():
    assert len(KINDS) == len(set(KINDS)) == 25
    assert kinds_allowed() == list(range(25))
    assert kinds_allowed("in", "expense") == []
    assert kinds_allowed(category="printing") == [
        kind_code("in_kind", "printing"),
        kind_code("expense", "printing"),
    ]
    assert read_code("type", "آورده شخصی") == "self_funding"
    assert read_code("category", "تبلیغات مجازی و پیام رسان") == "online"
    assert read_code("direction", "برداشت") == "out"
