"""Behaviour of webapp.text beyond the shared cases: English output, limits, hostile input."""

import datetime as dt

import pytest

from webapp.text import (
    clean_display,
    compact_key,
    fa_digits,
    find_matches,
    format_date_full,
    format_date_long,
    format_date_short,
    format_datetime,
    format_distance,
    format_money_compact,
    format_money_rial,
    format_money_toman,
    format_money_words,
    format_number,
    format_number_words,
    format_percent,
    format_time,
    isolate_ltr_runs,
    normalize_code,
    normalize_phone,
    parse_date_jalali,
    render_bidi,
    search_key,
    similarity,
    skeleton_key,
    to_ascii_digits,
)

ZWNJ = "\u200c"


def test_fa_digits_are_real_persian_code_points():
    assert fa_digits("Room 1402-09") == "Room \u06f1\u06f4\u06f0\u06f2-\u06f0\u06f9"
    assert to_ascii_digits(fa_digits("0123456789")) == "0123456789"


@pytest.mark.parametrize(
    ("call", "fa", "en"),
    [
        (lambda lang: format_number(1234567.5, lang), "۱٬۲۳۴٬۵۶۷٫۵", "1,234,567.5"),
        (lambda lang: format_number(2.5, lang, decimals=0), "۳", "3"),
        (lambda lang: format_number(0.1 + 0.2, lang), "۰٫۳", "0.3"),
        (lambda lang: format_percent(1 / 3, lang), "۳۳٫۳٪", "33.3%"),
        (lambda lang: format_money_rial(5000, lang), "۵٬۰۰۰ ریال", "5,000 rial"),
        (lambda lang: format_money_toman(12345, lang), "۱٬۲۳۴٫۵ تومان", "1,234.5 toman"),
        (
            lambda lang: format_money_compact(2500000000, lang),
            "۲۵۰ میلیون تومان",
            "250 million toman",
        ),
        (lambda lang: format_distance(1234, lang), "۱٫۲ کیلومتر", "1.2 km"),
        (lambda lang: format_time("2024-03-01T04:30:00Z", lang), "۰۸:۰۰", "08:00"),
    ],
)
def test_persian_and_english_output(call, fa, en):
    assert call("fa") == fa
    assert call("en") == en


def test_unknown_language_falls_back_to_persian():
    assert format_number(12, "de") == "۱۲"


def test_negative_numbers_keep_their_sign_left_of_the_digits():
    assert format_number(-1500) == "\u200e\u2212۱٬۵۰۰"
    assert format_number(-1500, "en") == "-1,500"
    assert format_number(-0.0000001) == "۰"


def test_compact_money_moves_up_a_scale_instead_of_showing_1000():
    assert format_money_compact(9_999_999_999) == "۱ میلیارد تومان"
    assert format_money_compact(5000) == "۵۰۰ تومان"
    assert format_money_compact(12_345_678_900, "en") == "1.23 billion toman"


def test_number_words():
    assert format_number_words(0) == "صفر"
    assert format_number_words(1001) == "یک هزار و یک"
    assert format_number_words(-312) == "منفی سیصد و دوازده"
    assert format_number_words(1_250_000, "en") == "one million two hundred fifty thousand"
    assert format_number_words(21, "en") == "twenty-one"
    assert format_money_words(12345) == "دوازده هزار و سیصد و چهل و پنج ریال"
    assert format_money_words(12_500_000, "en") == "one million two hundred fifty thousand toman"
    with pytest.raises(ValueError):
        format_number_words(1.5)


@pytest.mark.parametrize(
    ("meters", "fa", "en"),
    [
        (0, "۰ متر", "0 m"),
        (5, "۱۰ متر", "10 m"),
        (350, "۳۵۰ متر", "350 m"),
        (994, "۹۹۰ متر", "990 m"),
        (995, "۱ کیلومتر", "1 km"),
        (1000, "۱ کیلومتر", "1 km"),
        (1250, "۱٫۳ کیلومتر", "1.3 km"),
        (9949, "۹٫۹ کیلومتر", "9.9 km"),
        (9950, "۱۰ کیلومتر", "10 km"),
        (12_345, "۱۲ کیلومتر", "12 km"),
    ],
)
def test_format_distance_boundaries(meters, fa, en):
    assert format_distance(meters) == fa
    assert format_distance(meters, "en") == en


def test_format_distance_rejects_negative():
    with pytest.raises(ValueError):
        format_distance(-1)


def test_dates_in_english_show_the_jalali_date_too():
    assert format_date_full("2024-03-01", "en") == "Friday 1 March 2024 (11 Esfand 1402)"
    assert format_date_long(dt.date(2024, 6, 28), "en") == "28 June 2024 (8 Tir 1403)"
    assert format_date_short("2024-03-01", "en") == "2024-03-01 (1402/12/11)"


def test_dates_of_instants_are_taken_in_tehran():
    late_utc_evening = dt.datetime(2024, 3, 19, 21, 0)  # naive means UTC: 00:30 next day in Tehran
    assert format_date_full(late_utc_evening) == "چهارشنبه ۱ فروردین ۱۴۰۳"
    assert format_datetime(late_utc_evening) == "چهارشنبه ۱ فروردین ۱۴۰۳، ساعت ۰۰:۳۰"
    assert format_datetime(late_utc_evening, "en").endswith("(1 Farvardin 1403), 00:30")


def test_a_closing_at_midnight_is_the_end_of_the_day():
    from webapp.text.dates import format_closing

    assert format_closing("2024-03-01T20:30:00Z", "fa") == "۲۴:۰۰"  # 00:00 in Tehran
    assert format_closing("2024-03-01T20:30:00Z", "en") == "24:00"
    assert format_closing("2024-03-01T18:30:00Z", "en") == "22:00"


def test_tehran_time_follows_the_tz_database():
    assert format_time("2024-06-01T04:30:00+00:00", "en") == "08:00"  # no DST since 2023
    assert format_time("2021-06-01T04:30:00+00:00", "en") == "09:00"  # summer time back then


@pytest.mark.parametrize(
    "typed", ["1402/12/11", "۱۴۰۲/۱۲/۱۱", "1402-12-11", "۱۴۰۲-١٢-11", "\u200f1402/12/11 "]
)
def test_parse_date_jalali_accepts_any_digit_family(typed):
    assert parse_date_jalali(typed) == dt.date(2024, 3, 1)


def test_parse_date_jalali_accepts_leap_day_of_1403():
    assert parse_date_jalali("1403/12/30") == dt.date(2025, 3, 20)


@pytest.mark.parametrize(
    ("typed", "fa_words", "en_words"),
    [
        ("1402/13/01", "ماه", "month"),
        ("1402/12/30", "۲۹ روز", "29 days"),
        ("1402/07/31", "۳۰ روز", "30 days"),
        ("abc", "سال/ماه/روز", "year/month/day"),
        ("", "تاریخ", "date"),
        ("2024/03/01", "شمسی", "Solar Hijri"),
    ],
)
def test_parse_date_jalali_explains_rejections(typed, fa_words, en_words):
    with pytest.raises(ValueError, match=fa_words):
        parse_date_jalali(typed)
    with pytest.raises(ValueError, match=en_words):
        parse_date_jalali(typed, lang="en")


def test_search_key_on_10000_characters_is_correct():
    text = "علي\u200cكريمي،  " * 1000
    assert search_key(text) == " ".join(["علی کریمی"] * 1000)


def test_keys_survive_control_characters_and_emoji():
    assert search_key("علي\x00\x07 👍🏽 كريمي\u200d") == "علی کریمی"
    assert compact_key("\ufeffشعبه\t۱۲\n") == "شعبه12"
    assert search_key("👩\u200d👩\u200d👧") == ""
    assert search_key("José STRASSE") == "jose strasse"


def test_hamza_spellings_meet_in_keys():
    assert compact_key("علاءالدین") == compact_key("علاالدین")
    assert compact_key("جزء") == compact_key("جز")
    assert compact_key("خانهٔ") == compact_key("خانۀ") == compact_key("خانه")
    assert compact_key("مسئول") == compact_key("مسیول")


def test_skeleton_key_folds_letters_missing_from_arabic_keyboards():
    assert skeleton_key("گلپایگانی") == skeleton_key("کلبایکانی") == "کلبایکانی"
    assert skeleton_key("چژ") == "جز"


def test_clean_display_keeps_spelling_but_tidies():
    assert clean_display("  آرش   فاطمة ") == "آرش فاطمة"
    assert clean_display("علي كاظمي") == "علی کاظمی"
    assert clean_display("مُحَمَّد\u200f") == "محمد"
    assert clean_display(f"می{ZWNJ}{ZWNJ}خواهم {ZWNJ}من{ZWNJ}") == f"می{ZWNJ}خواهم من"
    assert clean_display("خانهٔ فرهنگ") == "خانهٔ فرهنگ"
    assert clean_display("ﺗﻬﺮﺍﻥ\x00\x07") == "تهران"


def test_normalize_code_keeps_leading_zeros():
    assert normalize_code(" ۰۰۱-۲۳ ") == "00123"
    assert normalize_code("a-٠١٢") == "A012"


@pytest.mark.parametrize(
    "typed",
    ["+989121234567", "00989121234567", "989121234567", "9121234567", "+98 (0)912-123-4567"],
)
def test_normalize_phone_accepts_prefixes(typed):
    assert normalize_phone(typed) == "09121234567"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "12345",
        "0912123456",
        "091212345678",
        "08121234567",
        "+1 912 123 4567",
        "0912-abc-4567",
    ],
)
def test_normalize_phone_rejects_nonsense(typed):
    with pytest.raises(ValueError, match="۰۹۱۲"):
        normalize_phone(typed)
    with pytest.raises(ValueError, match="mobile"):
        normalize_phone(typed, lang="en")


def test_bidi_html_escapes_everything_outside_runs():
    html = str(render_bidi('<script>alert("x")</script> کد A-12'))
    assert "<script>" not in html
    assert "&lt;" in html and "&#34;" in html
    assert html.endswith('کد <bdi dir="ltr">A-12</bdi>')


def test_bidi_keeps_phone_numbers_and_dates_in_one_run():
    assert isolate_ltr_runs("تماس: +98 912 123 4567.") == "تماس: \u2066+98 912 123 4567\u2069."
    assert isolate_ltr_runs("شعبه 12 و 13") == "شعبه \u206612\u2069 و \u206613\u2069"
    assert isolate_ltr_runs("\u2067کد 12\u2069") == "کد \u206612\u2069"


SAMPLE = {"A": "سید محمد امین کریمی", "G": "گلپایگانی", "I": "عبدالله نوری", "J": "محمد"}


def test_match_tiers():
    assert find_matches("محمد", SAMPLE) == ("exact", ["J", "A"])
    assert find_matches("محمد کریمی", SAMPLE) == ("words", ["A"])
    assert find_matches("کلپایکانی", SAMPLE) == ("skeleton", ["G"])
    assert find_matches("عبداله", SAMPLE) == ("fuzzy", ["I"])
    assert find_matches("زهرا", SAMPLE) == ("none", [])
    assert find_matches(" ؟ ", SAMPLE) == ("none", [])


def test_similarity():
    assert similarity("سیدمحمد", "سید\u00a0محمد") == 1.0
    assert similarity("", "علی") == 0.0
    assert 0.3 < similarity("عبداله", "عبدالله نوری") < 0.4


def test_persian_order_reads_numbers_as_numbers_in_any_digits():
    from webapp.text.collation import persian_sort_key

    names = ["شعبهٔ سیار ۱۰", "شعبهٔ سیار ۲", "شعبهٔ سیار 1", "شعبهٔ سیار ٣", "پارس", "بانه"]
    assert sorted(names, key=persian_sort_key) == [
        "بانه",
        "پارس",
        "شعبهٔ سیار 1",
        "شعبهٔ سیار ۲",
        "شعبهٔ سیار ٣",
        "شعبهٔ سیار ۱۰",
    ]


def test_digits_filter_writes_a_decimal_point_the_persian_way():
    from webapp.text.filters import _digits

    assert _digits("FM 94.5") == "FM ۹۴٫۵"
    assert _digits("FM 94.5", "en") == "FM 94.5"
    assert _digits("0012.") == "۰۰۱۲."  # a full stop after a number stays one
