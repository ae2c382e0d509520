"""Search on the real data pack and sample stations, on both databases, as voters type."""

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.integration.helpers import assert_fragment, assert_whole_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def find(app, query, lang="fa", **options):
    """Run the search module inside a request of the given language."""
    from webapp.search import search

    with app.test_request_context("/", environ_base={"raynama.lang": lang}):
        return search(query, **options)


def names(results, kind=None):
    """(kind, display) of every hit, best first."""
    return [(h.kind, h.display) for h in results.hits if kind in (None, h.kind)]


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("تبريز", "تبریز"),  # Arabic yeh
        ("ﺗﺒﺮﯾﺰ", "تبریز"),  # presentation forms pasted from a PDF
        ("\u200fتبریز\u200e ", "تبریز"),  # stray direction marks
        ("كرج", "کرج"),  # Arabic kaf
        ("خرم‌آباد", "خرم آباد"),  # ZWNJ where the data has a space
        ("خرماباد", "خرم آباد"),  # no space, no madda
        ("اسلام شهر", "اسلامشهر"),  # a space where the data has none
        ("بندر عباس", "بندرعباس"),
        ("شهر کرد", "شهرکرد"),
        ("کرمانشاه", "کرمانشاه"),
        ("ساري", "ساری"),
    ],
)
def test_spelling_variants_find_the_place_first(app, typed, place):
    results = find(app, typed)
    assert not results.fuzzy
    first = results.hits[0]
    assert first.display == place and first.kind in ("province", "county", "city")
    assert first.tier_name == "exact"


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("Tabriz", "تبریز"),
        ("Khorramabad", "خرم آباد"),
        ("khoramabad", "خرم آباد"),
        ("Eslamshahr", "اسلامشهر"),
        ("Islamshahr", "اسلامشهر"),
        ("Sari", "ساری"),
        ("Esfahan", "اصفهان"),
        ("Bandar Abbas", "بندرعباس"),
        ("Shahrekord", "شهرکرد"),
        ("QOM", "قم"),
        ("Orumiyeh", "ارومیه"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_latin_spellings_find_the_persian_city(app, typed, place, lang):
    """Cities have no English name in the pack: the transliteration finds them."""
    results = find(app, typed, lang=lang)
    assert not results.fuzzy
    assert ("city", place) in names(results)
    assert results.hits[0].display == place


@pytest.mark.parametrize(
    ("typed", "lang", "first"),
    [
        ("شهر ری", "fa", "ری"),  # the name most people use; the pack says «ری»
        ("شهرری", "fa", "ری"),
        ("Shahr-e Rey", "en", "ری"),
        ("Nishapur", "en", "نیشابور"),  # پ/ب spelled alike in Latin
        ("Neyshabur", "en", "نیشابور"),
        ("Fardis", "en", "فردیس"),  # the English name beats Ferdows, the same consonants
    ],
)
def test_common_names_and_spellings_find_the_place_first(app, typed, lang, first):
    results = find(app, typed, lang=lang)
    assert not results.fuzzy
    assert results.hits[0].display == first, names(results)[:5]


def test_a_word_as_typed_comes_before_the_same_letters_across_two_words(app):
    """«سیار» (a mobile station) is in «عیسی آرام‌دوست» only across the space."""
    results = find(app, "سیار")
    assert results.groups[0].kind.name == "station"
    assert all("سیار" in hit.display for hit in results.groups[0].hits)


# Surname roots of the sample candidates, spelled as English pages would.
LATIN_SURNAMES = {
    "Dashti": "دشت",
    "Chenari": "چنار",
    "Alborzi": "البرز",
    "Damavandi": "دماوند",
    "Karizi": "کاریز",
    "Zagrosi": "زاگرس",
    "Karuni": "کارون",
    "Sahandi": "سهند",
    "Golzari": "گلزار",
}


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_a_latin_surname_finds_candidates_by_their_last_name(app, lang):
    """One word of a longer name, in Latin letters: the candidate's surname."""
    from webapp.search.translit import latin_skeleton, persian_skeleton

    for typed, root in LATIN_SURNAMES.items():
        results = find(app, typed, lang=lang)
        assert not results.fuzzy, typed
        people = [h.display for h in results.hits if h.kind == "candidate"]
        # The surname as written is among them (Karuni also finds «کویرنژاد»: no vowels, no و).
        assert any(w.startswith(root) for name in people for w in name.split()[1:]), typed
        wanted = latin_skeleton(typed)
        assert all(
            any(persian_skeleton(w).startswith(wanted) for w in name.split()) for name in people
        ), people


@pytest.mark.parametrize(
    ("typed", "word"), [("Ferdowsi", "فردوسی"), ("Chamran", "چمران"), ("Rajaei", "رجایی")]
)
def test_a_latin_word_finds_stations_named_after_it(app, typed, word):
    stations = [h.display for h in find(app, typed, lang="en").hits if h.kind == "station"]
    assert stations and all(word in name for name in stations)


@pytest.mark.parametrize(
    ("typed", "lang", "meant"),
    [
        ("تبرز", "fa", "تبریز"),
        ("اصفحان", "fa", "اصفهان"),
        ("کلپایکان", "fa", "گلپایگان"),  # a keyboard without گ and پ
        ("Tabrix", "en", "Tabriz"),
        ("مشحد", "fa", "مشهد"),  # letters that sound alike: ح for ه
        ("نغده", "fa", "نقده"),  # غ for ق
    ],
)
def test_misspellings_are_found_with_did_you_mean(app, client, typed, lang, meant):
    results = find(app, typed, lang=lang)
    assert results.fuzzy and results.hits
    assert all(hit.tier_name in ("fuzzy", "skeleton") for hit in results.hits)
    with app.test_request_context("/", environ_base={"raynama.lang": lang}):
        assert results.did_you_mean.plain_name == meant
    prefix = "/en" if lang == "en" else ""
    body = client.get(f"{prefix}/stations", query_string={"q": typed}).get_data(as_text=True)
    assert "notice--info" in body and meant in body


def test_a_latin_place_name_puts_places_before_people_with_the_same_consonants(app):
    """Esfahan's consonants are also those of «یوسف آهنی»: one Latin word is a place."""
    results = find(app, "Esfahan", lang="en")
    kinds = [hit.kind for hit in results.hits]
    assert kinds[0] == "province" and "candidate" in kinds
    assert kinds.index("constituency") < kinds.index("candidate")


@pytest.mark.parametrize("typed", ["zzzzqqq", "123", "۱"])
def test_noise_and_numbers_have_no_did_you_mean(app, typed):
    results = find(app, typed, lang="en")
    assert not results.fuzzy and not results.hits


def test_a_whole_name_typed_without_its_letters_is_listed_after_the_sure_hits(app):
    """«بیرانشهر» is a town written that way; پیرانشهر, typed without پ, follows it."""
    results = find(app, "بیرانشهر")
    assert not results.fuzzy
    found = [(h.display, h.tier_name) for h in results.hits]
    assert found[0][1] == "exact"
    assert ("پیرانشهر", "skeleton") in found
    assert found.index(("پیرانشهر", "skeleton")) > 0


def _village_area(app) -> str:
    """A place named in a mobile station's name ("… روستاهای اطراف <place>")."""
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        name = db.session.scalar(
            select(Station.name).where(Station.is_mobile.is_(True)).order_by(Station.code)
        )
    return name.rsplit("اطراف ", 1)[1]


def test_tiers_then_places_before_stations(app):
    results = find(app, "تبریز")
    assert names(results)[:2] == [("county", "تبریز"), ("city", "تبریز")]
    assert results.hits[2].kind == "constituency" and results.hits[2].tier_name == "prefix"
    place = _village_area(app)
    results = find(app, place)
    tiers = [hit.tier for hit in results.hits]
    assert tiers == sorted(tiers)
    kinds = [group.kind.name for group in results.groups]
    assert "station" in kinds and kinds[-1] == "station"
    for group in results.groups:
        assert group.total >= len(group.hits) > 0
    for tier in set(tiers):
        groups = [hit.kind == "station" for hit in results.hits if hit.tier == tier]
        assert groups == sorted(groups), "within a tier, places come before stations"


def test_a_station_is_found_by_its_name_and_city(app):
    from webapp.extensions import db
    from webapp.places.models import City
    from webapp.stations.models import Station

    with app.app_context():
        station, city = db.session.execute(
            select(Station, City.name_fa)
            .join(City, City.id == Station.city_id)
            .where(Station.is_mobile.is_(False), Station.published.is_(True))
            .order_by(Station.code)
        ).first()
        code, name = station.code, station.name
    results = find(app, f"{name} {city}", per_kind=500)
    assert not results.fuzzy
    found = {hit.code: hit for hit in results.hits if hit.kind == "station"}
    assert found[code].context_fa == city
    assert {hit.display for hit in found.values()} == {name}


@pytest.mark.parametrize("digits", [None, PERSIAN_DIGITS, ARABIC_DIGITS])
def test_station_codes_in_any_digits(app, digits):
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        code = db.session.scalar(
            select(Station.code).where(Station.published).order_by(Station.code)
        )
    typed = code.translate(digits) if digits else code
    results = find(app, typed)
    assert results.hits[0].code == code and results.hits[0].tier_name == "exact"
    prefix = find(app, typed[:4])
    assert prefix.hits and all(hit.code.startswith(code[:4]) for hit in prefix.hits)


def test_a_station_code_typed_without_its_leading_zeros_is_found(app):
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        code = db.session.scalar(
            select(Station.code)
            .where(Station.published, Station.code.like("00%"))
            .order_by(Station.code.desc())
        )
    typed = code.lstrip("0").translate(PERSIAN_DIGITS)
    results = find(app, typed)
    assert results.hits[0].code == code and results.hits[0].tier_name == "exact"


@pytest.mark.parametrize(
    "label", ["کد ", "كد شعبه: ", "شعبهٔ ", "شماره ", "Station code ", "code: ", "#"]
)
def test_a_station_code_written_after_a_label_is_found(app, label):
    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        code = db.session.scalar(
            select(Station.code).where(Station.published).order_by(Station.code)
        )
    results = find(app, label + code.translate(PERSIAN_DIGITS))  # as the site writes it
    assert results.hits[0].code == code and results.hits[0].tier_name == "exact"


def test_results_page_groups_kinds_with_counts_and_marks_the_match(app, client):
    body = client.get("/stations", query_string={"q": "تبریز"}).get_data(as_text=True)
    assert body.count('class="group-heading"') >= 3
    assert "<mark>تبریز</mark>" in body
    assert "(۱)" in body
    place = _village_area(app)
    body = client.get("/stations", query_string={"q": place}).get_data(as_text=True)
    assert f"روستاهای اطراف <mark>{place}</mark>" in body
    english = client.get("/en/stations", query_string={"q": "tabr"}).get_data(as_text=True)
    assert "<mark>Tabr</mark>iz" in english


def test_persian_alphabetical_order_among_equals(app):
    """Hits of one kind and tier with equal weight follow the Persian alphabet, not code points."""
    from webapp.extensions import db
    from webapp.search.models import SearchEntry
    from webapp.text.collation import persian_sort_key

    results = find(app, "ب", per_kind=200)
    cities = [hit for hit in results.hits if hit.kind == "city" and hit.tier_name == "prefix"]
    with app.app_context():
        weights = dict(
            db.session.execute(
                select(SearchEntry.ref_id, SearchEntry.weight).filter_by(kind="city")
            ).all()
        )
    order = [(-weights[hit.ref_id], persian_sort_key(hit.display)) for hit in cities]
    assert len(cities) > 20 and order == sorted(order)
    assert any(hit.display.startswith("بی") for hit in cities)


BAD_INPUT = [
    "",
    "   ",
    "!!!",
    "؟؟",
    "\u202e\u200f\u2066",
    "\x00\x07\x1b",
    "🙂🗳️",
    "ب" * 10_000,
    "تبریز " * 2_000,
    "' OR 1=1 --",
    '"',
    '"تبریز',
    "AND",
    "OR NOT",
    "NEAR(تبریز مشهد)",
    "تبر*",
    "-تبریز",
    "(تبریز)",
    "compact_key : تبریز",
    "{compact_key context_key}: x",
    "%_%",
    "\\",
    "SELECT * FROM station; DROP TABLE station",
]


@pytest.mark.parametrize("typed", BAD_INPUT)
def test_bad_input_gets_a_friendly_answer_quickly(client, typed):
    page = client.get("/stations", query_string={"q": typed})
    fragment = client.get(
        "/stations/results", query_string={"q": typed}, headers={"HX-Request": "true"}
    )
    suggest = client.get("/search/suggest", query_string={"q": typed})
    assert (page.status_code, fragment.status_code, suggest.status_code) == (200, 200, 200)
    assert_whole_page(page, "fa")
    assert_fragment(fragment)
    # The work caps that keep such input fast are tested below; speed is in `make bench`.
    body = page.get_data(as_text=True)
    assert 'id="results"' in body


@pytest.mark.parametrize("typed", ["ا" * 3, "شعبه", "0", "ب " * 50, "a" * 10_000])
def test_the_work_of_a_query_is_capped(app, typed):
    from webapp.search import engine
    from webapp.search.plan import make_plan

    plan = make_plan(typed)
    assert len(plan.compact) <= 100 and len(plan.words) <= 6
    with app.app_context():
        rows = engine.sure_hits(plan, per_kind=10) if plan.searchable else []
    assert all(row.fullest <= engine.CAP and row.rn <= 10 for row in rows)


def test_nothing_to_search_for_says_so(client):
    body = client.get("/en/stations", query_string={"q": "!!! 🙂"}).get_data(as_text=True)
    assert "Nothing to search for" in body


def test_suggestions_are_a_small_fragment(client):
    response = client.get(
        "/search/suggest", query_string={"q": "تبر"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert_fragment(response)
    assert "HX-Push-Url" not in response.headers
    body = response.get_data(as_text=True)
    assert 1 <= body.count('role="option"') <= 8
    assert len(response.get_data()) <= 3 * 1024
    assert 'data-href="/stations/near?' in body and "<mark>تبر</mark>" in body
    assert "data-suggest-status" in body


@pytest.mark.parametrize("typed", ["ا", "شهید", "دبستان", "0", "a", "Sh"])
def test_suggestions_stay_under_budget_for_broad_queries(client, typed):
    response = client.get("/search/suggest", query_string={"q": typed})
    assert response.get_data(as_text=True).count('role="option"') <= 8
    assert len(response.get_data()) <= 3 * 1024


def test_english_suggestions_use_english_names(client):
    body = client.get("/en/search/suggest", query_string={"q": "tabr"}).get_data(as_text=True)
    assert "<mark>Tabr</mark>iz" in body and 'data-href="/en/' in body


def test_empty_suggestions_close_the_list(client):
    body = client.get("/search/suggest", query_string={"q": ""}).get_data(as_text=True)
    assert 'role="listbox"' in body and " hidden>" in body and 'role="option"' not in body


def test_home_search_box_is_a_combobox_that_works_without_javascript(client):
    body = client.get("/").get_data(as_text=True)
    assert 'role="combobox"' in body and 'aria-controls="q-listbox"' in body
    assert 'id="q-listbox" role="listbox"' in body
    assert 'hx-get="/search/suggest"' in body and "delay:250ms" in body
    assert 'action="/stations"' in body and 'name="q"' in body
    assert "/static/dist/js/suggest." in body


def test_imported_stations_are_searchable_at_once(app):
    """The index follows a load in the load's own transaction: no separate step to forget."""
    from webapp.stations.importer import import_stations

    with app.app_context():
        import_stations(FIXTURES / "stations_valid.csv")
    results = find(app, "دبستان شهید رجایی تبریز", per_kind=500)
    assert any(hit.code.startswith("9001") for hit in results.hits if hit.kind == "station")
    assert find(app, "9001-0001").hits[0].code == "90010001"


def test_flask_data_index_rebuilds_and_reports(app):
    result = app.test_cli_runner().invoke(args=["data", "index"])
    assert result.exit_code == 0, result.output
    assert "search index: province 31" in result.output and "station" in result.output


def test_renaming_reindexes_but_other_edits_do_not(app, monkeypatch):
    import datetime as dt

    from webapp.extensions import db
    from webapp.places.models import City
    from webapp.search import follow
    from webapp.stations.models import Station

    calls = []
    rebuild = follow.rebuild_index
    monkeypatch.setattr(follow, "rebuild_index", lambda session: calls.append(rebuild(session)))
    with app.app_context():
        station = db.session.scalars(select(Station).order_by(Station.code)).first()
        station.opens_at = dt.time(7, 30)
        db.session.commit()
        assert calls == []
        city = db.session.scalars(select(City).filter_by(name_fa="تبریز")).one()
        city.name_fa = "تبریز نو"
        db.session.commit()
        assert len(calls) == 1
    assert ("city", "تبریز نو") in names(find(app, "تبریزنو"))
