"""The search module's pure parts: transliteration, plans, terms, highlighting, FTS quoting."""

import pytest

from webapp.search.backend import fts_phrase
from webapp.search.keys import highlight, name_keys, name_terms, term_grams
from webapp.search.plan import make_plan, next_key
from webapp.search.translit import is_latin, latin_skeleton, persian_skeleton
from webapp.text import match


@pytest.mark.parametrize(
    ("latin", "persian"),
    [
        ("Tabriz", "تبریز"),
        ("Khorramabad", "خرم‌آباد"),
        ("Khoramabad", "خرم آباد"),
        ("Eslamshahr", "اسلامشهر"),
        ("Islamshahr", "اسلام‌شهر"),
        ("Sari", "ساری"),
        ("Isfahan", "اصفهان"),
        ("Esfahan", "اصفهان"),
        ("Urmia", "ارومیه"),
        ("Orumiyeh", "ارومیه"),
        ("Qom", "قم"),
        ("Ghom", "قم"),
        ("Mashhad", "مشهد"),
        ("Shahr-e Kord", "شهرکرد"),
        ("Kermanshah", "کرمانشاه"),
        ("Bandar Abbas", "بندرعباس"),
        ("Qazvin", "قزوین"),
        ("Sanandaj", "سنندج"),
        ("Saveh", "ساوه"),
        ("Chabahar", "چابهار"),
        ("Golpayegan", "گلپایگان"),
        ("Dabestan-e Shahid Rajaei", "دبستان شهید رجایی"),
        ("Karizinejad", "کاریزنژاد"),
        ("Karizinezhad", "کاریزنژاد"),
        ("Zhila", "ژیلا"),
        ("Nishapur", "نیشابور"),
        ("Neyshabur", "نیشابور"),
    ],
)
def test_latin_spellings_meet_persian_names(latin, persian):
    assert latin_skeleton(latin) == persian_skeleton(persian)


@pytest.mark.parametrize(
    ("one", "other"), [("Tabriz", "Karaj"), ("Shiraz", "Sirjan"), ("Qom", "Kish")]
)
def test_different_names_stay_apart(one, other):
    assert latin_skeleton(one) != latin_skeleton(other)


def test_is_latin():
    assert is_latin("Tabriz") and is_latin("Évian 12")
    assert not is_latin("تبریز") and not is_latin("0412") and not is_latin("")


@pytest.mark.parametrize(
    ("typed", "code"),
    [("۰۰۴۷۰۰۵۱", "00470051"), ("٠٠٤٧", "0047"), ("0047-0051", "00470051"), ("a-۰۱۲", "A012")],
)
def test_codes_in_any_digits(typed, code):
    assert make_plan(typed).code == code


@pytest.mark.parametrize("typed", ["تبریز", "abc", "!!!", ""])
def test_words_without_digits_are_no_code(typed):
    assert make_plan(typed).code is None


def test_plan_words_and_lengths():
    plan = make_plan("  رجایی   تبریز ")
    assert plan.compact == "رجاییتبریز" and plan.words == ("رجایی", "تبریز")
    assert plan.long and plan.long_words == ["رجایی", "تبریز"]
    assert make_plan("قم").long is False
    assert make_plan("قم ری").short_words == ["قم", "ری"]
    assert make_plan("تبریز").words == ()  # one word: the compact key says it all


def test_plan_caps_hostile_input():
    plan = make_plan("ب " * 5000)
    assert len(plan.compact) <= 100 and len(plan.words) <= 6
    assert not make_plan("\u202e\u200f🙂!!! ***").searchable


def test_latin_plan_has_a_skeleton():
    plan = make_plan("Khorramabad")
    assert plan.latin and plan.translit == persian_skeleton("خرم‌آباد")
    assert make_plan("تبریز").translit == ""


def test_next_key_is_just_above_every_prefixed_string():
    assert next_key("تب") > "تبریز" > "تب"
    assert next_key("a\ud7ff") == "a\ue000"


def test_name_keys_keep_display_and_fold_keys():
    keys = name_keys("خانهٔ  فرهنگ ي")
    assert keys["display"] == "خانهٔ فرهنگ ی"
    assert keys["compact_key"] == "خانهفرهنگی"
    assert name_keys("گلپایگان")["skeleton_key"] == "کلبایکان"


def test_terms_are_what_match_scores():
    """The database's fuzzy tier compares the same candidates as webapp.text.match."""
    name = "عبدالله نوری"
    assert name_terms(name) == {"عبداللهنوری", "عبدالله", "نوری"}
    best = max(match.similarity("عبداله", term) for term in name_terms(name))
    assert best == pytest.approx(match._fuzzy_score(match.trigrams("عبداله"), name))
    assert term_grams("ab") == match.trigrams("ab")


def test_english_joining_words_are_no_terms():
    assert name_terms("Tabriz, Osku and Azarshahr") == {
        "tabrizoskuandazarshahr",
        "tabriz",
        "osku",
        "azarshahr",
    }


@pytest.mark.parametrize(
    ("text", "needles", "marked"),
    [
        ("تبریز", ["تبر"], "<mark>تبر</mark>یز"),
        ("خرم‌آباد", ["خرماباد"], "<mark>خرم‌آباد</mark>"),
        ("مُحَمَّد رضا", ["محمدرضا"], "<mark>مُحَمَّد رضا</mark>"),
        ("دبستان شهید رجایی", ["رجایی", "دبستان"], "<mark>دبستان</mark> شهید <mark>رجایی</mark>"),
        ("Tabriz, Osku", ["osku"], "Tabriz, <mark>Osku</mark>"),
        ("<b>x</b> تبریز", ["تبریز"], "&lt;b&gt;x&lt;/b&gt; <mark>تبریز</mark>"),
        ("تبریز", ["مشهد"], "تبریز"),
        ("", ["x"], ""),
    ],
)
def test_highlight_marks_the_matched_letters(text, needles, marked):
    assert str(highlight(text, needles)) == marked


@pytest.mark.parametrize(
    ("value", "phrase"), [("abc", '"abc"'), ('a"b', '"a""b"'), ("AND", '"AND"'), ("*", '"*"')]
)
def test_fts_phrases_are_always_quoted(value, phrase):
    assert fts_phrase(value) == phrase
