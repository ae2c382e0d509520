"""Amounts as people type them: toman in the search form, whole rials in bank files."""

import pytest

from webapp.finance.money import AmountError, parse_rials, parse_toman


@pytest.mark.parametrize(
    ("typed", "rials"),
    [
        ("۱٬۵۰۰٬۰۰۰", 15_000_000),
        ("1,500,000", 15_000_000),
        ("۱،۵۰۰،۰۰۰", 15_000_000),
        ("1 500 000", 15_000_000),
        ("1.500.000", 15_000_000),
        ("۲ میلیون", 20_000_000),
        ("2.5m", 25_000_000),
        ("۱٫۵ میلیارد تومان", 15_000_000_000),
        ("۱۰ هزار", 100_000),
        ("500 ریال", 500),
        ("12000 تومان", 120_000),
        ("٣٠٠", 3_000),
        ("0", 0),
        ("12.5", 125),
    ],
)
def test_toman_in_any_digits_and_separators(typed, rials):
    assert parse_toman(typed) == rials


def test_empty_toman_is_no_filter():
    assert parse_toman("") is None
    assert parse_toman("  \u200c ") is None
    assert parse_toman(None) is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("abc", "format"),
        ("1e5", "format"),
        ("میلیون", "format"),
        ("12,34x", "format"),
        ("-5", "negative"),
        ("−5", "negative"),
        ("0.05", "fraction"),
        ("۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷", "large"),
    ],
)
def test_nonsense_amounts_are_refused_with_a_reason(typed, reason):
    with pytest.raises(AmountError) as caught:
        parse_toman(typed)
    assert caught.value.reason == reason


def test_rials_in_bank_files_are_whole_and_positive():
    assert parse_rials("۱۲٬۰۰۰") == 12_000
    assert parse_rials("12,000") == 12_000
    for typed, reason in (
        ("12.5", "fraction"),
        ("-3", "negative"),
        ("0", "format"),
        ("x", "format"),
    ):
        with pytest.raises(AmountError) as caught:
            parse_rials(typed)
        assert caught.value.reason == reason
