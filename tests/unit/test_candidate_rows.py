"""Pure helpers of the candidate directory: cell parsers, neutral order, tokens, sample names."""

import datetime as dt
import random

import pytest

from webapp.candidates import sample_names
from webapp.candidates.rows import (
    STATUS_WORDS,
    list_sort_key,
    parse_ballot_code,
    parse_date,
    parse_person_name,
    parse_word,
)
from webapp.candidates.sample_plan import allocate, history
from webapp.security import new_token, same_hash, token_hash
from webapp.text.collation import persian_sort_key


def test_ballot_codes_come_first_in_code_order_then_surnames_alphabetically():
    people = [
        (None, "یزدانی", "علی"),
        ("1203", "احمدی", "رضا"),
        (None, "احمدی‌نژاد", "مریم"),
        (None, "احمدی", "محمد"),
        ("998", "زارعی", "حسن"),
        (None, "پاکزاد", "سارا"),
        (None, "بهرامی", "نادر"),
    ]
    ordered = sorted(people, key=lambda p: list_sort_key(*p))
    assert ordered == [
        ("998", "زارعی", "حسن"),
        ("1203", "احمدی", "رضا"),
        (None, "احمدی", "محمد"),
        (None, "احمدی‌نژاد", "مریم"),
        (None, "بهرامی", "نادر"),
        (None, "پاکزاد", "سارا"),
        (None, "یزدانی", "علی"),
    ]


def test_sort_key_agrees_with_persian_collation_and_is_plain_ascii():
    rng = random.Random(3)
    names = [(sample_names.surname(rng), sample_names.given_name(rng, False)) for _ in range(300)]
    by_key = sorted(names, key=lambda n: list_sort_key(None, *n))
    by_collation = sorted(names, key=lambda n: (persian_sort_key(n[0]), persian_sort_key(n[1])))
    assert by_key == by_collation
    assert all(list_sort_key(None, *n).isascii() for n in names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("approved", "approved"),
        ("تأیید صلاحیت", "approved"),
        ("تایید صلاحیت", "approved"),
        ("رد صلاحیت", "disqualified"),
        ("انصراف", "withdrawn"),
        ("منتخب", "elected"),
        ("ثبت‌نام", "registered"),
        ("ثبت نام", "registered"),
        (" Elected ", "elected"),
    ],
)
def test_status_words(text, expected):
    assert parse_word(text, STATUS_WORDS) == expected


def test_unknown_status_lists_the_choices():
    with pytest.raises(ValueError, match="registered / approved"):
        parse_word("maybe", STATUS_WORDS)


def test_dates_gregorian_or_jalali_in_any_digits():
    assert parse_date("2024-02-20") == dt.date(2024, 2, 20)
    assert parse_date("۱۴۰۲/۱۲/۰۱") == dt.date(2024, 2, 20)
    assert parse_date("") is None
    for bad in ("1402/13/01", "2024-02-30", "tomorrow"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_ballot_codes():
    assert parse_ballot_code("۱۲۰۳") == "1203"
    assert parse_ballot_code(" 12-03 ") == "1203"
    assert parse_ballot_code("") is None
    for bad in ("12AB", "1234567"):
        with pytest.raises(ValueError):
            parse_ballot_code(bad)


def test_person_names_refuse_markup_and_digits():
    assert parse_person_name(" سيد  محمد ", "given_name") == "سید محمد"
    for bad in ("<script>", "علی۲", "", "@ali", "a" * 101):
        with pytest.raises(ValueError):
            parse_person_name(bad, "given_name")


def test_tokens_are_random_and_only_their_hash_matches():
    token = new_token()
    assert len(token) >= 43 and token != new_token()
    stored = token_hash(token)
    assert len(stored) == 64 and token not in stored
    assert same_hash(stored, token)
    assert not same_hash(stored, token[:-1] + ("A" if token[-1] != "A" else "B"))


def test_sample_names_are_synthetic():
    rng = random.Random(1402)
    surnames = {sample_names.surname(rng) for _ in range(5000)}
    assert not surnames & sample_names.RESERVED_SURNAMES
    assert len(surnames) > 500
    for name in surnames:
        assert "ییی" not in name and "\u200c\u200c" not in name, name
        assert not name.startswith("\u200c") and not name.endswith("\u200c"), name


def test_allocation_follows_seats_and_hits_the_total():
    rng = random.Random(7)
    seats = {1: (30, False), 2: (1, False), 3: (6, False), 4: (1, True)}
    counts = allocate(seats, 1000, rng)
    assert sum(counts.values()) == 1000
    assert counts[1] > counts[3] > counts[2] > counts[4] >= 2


def test_history_leads_to_the_status():
    rng = random.Random(2)
    for status in ("registered", "approved", "disqualified", "withdrawn"):
        steps = history(rng, status)
        assert steps[0][0] == "registered" and steps[-1][0] == status
        assert [day for _s, day in steps] == sorted(day for _s, day in steps)
