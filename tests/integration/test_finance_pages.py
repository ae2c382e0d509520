"""Finance pages: search, fragment, candidate summary, comparison, paging, bad input, exports."""

import csv
import gzip
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from tests.integration.helpers import assert_fragment, assert_whole_page, parse_document
from webapp.extensions import db
from webapp.finance.models import FinanceSummary, FinanceTxn

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _busiest(app) -> tuple[int, int]:
    """(candidate id, constituency id) of the sample candidate with the most rows."""
    with app.app_context():
        row = db.session.execute(
            select(FinanceSummary.candidate_id, FinanceSummary.constituency_id)
            .order_by(FinanceSummary.rows.desc(), FinanceSummary.candidate_id)
            .limit(1)
        ).one()
        return row[0], row[1]


def _live_ids(app, **filters) -> list[str]:
    with app.app_context():
        query = select(FinanceTxn.public_id).filter_by(live=True, **filters)
        query = query.order_by(FinanceTxn.date.desc(), FinanceTxn.id.desc())
        return list(db.session.scalars(query))


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_search_page_is_a_whole_page_with_results(client, lang):
    prefix = "/en" if lang == "en" else ""
    response = client.get(f"{prefix}/finance")
    assert response.status_code == 200
    assert_whole_page(response, lang)
    tree = parse_document(response.get_data())
    assert tree.find(".//section[@id='finance-results']") is not None
    items = tree.findall(".//li[@class='txn txn--in']") + tree.findall(
        ".//li[@class='txn txn--out']"
    )
    assert len(items) == 20


def test_results_fragment_is_not_a_document_and_pushes_the_page_url(client):
    response = client.get("/finance/results?category=printing", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert_fragment(response)
    assert response.headers["HX-Push-Url"] == "/finance?category=printing"
    assert len(gzip.compress(response.get_data())) <= 5 * 1024


def test_candidate_summary_is_complete_small_and_charted(app, client):
    cid, _con = _busiest(app)
    response = client.get(f"/finance/candidates/{cid}")
    assert response.status_code == 200
    assert_whole_page(response, "fa")
    body = response.get_data(as_text=True)
    assert len(gzip.compress(response.get_data())) <= 10 * 1024
    assert body.count("<svg") == 3 and body.count("<table") == 2
    assert "hx-trigger" not in body, "the summary needs no script to be complete"
    with app.app_context():
        summary = db.session.get(FinanceSummary, cid)
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")
    plain = body.translate(digits)
    assert f"{summary.income // 10:,}" in plain and f"{summary.spending // 10:,}" in plain


def test_constituency_comparison_lists_candidates_against_the_cap(app, client):
    _cid, con = _busiest(app)
    response = client.get(f"/finance/constituencies/{con}")
    assert response.status_code == 200
    assert_whole_page(response, "fa")
    assert "finance-compare" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("prefix", "said"), [("", "تا سقف رسمی وزارت کشور"), ("/en", "official caps are loaded")]
)
def test_the_sample_cap_says_how_it_was_set_in_the_page_language(app, client, prefix, said):
    cid, con = _busiest(app)
    for url in (f"{prefix}/finance/candidates/{cid}", f"{prefix}/finance/constituencies/{con}"):
        body = client.get(url).get_data(as_text=True)
        assert said in body
        if prefix:
            assert "وزارت کشور" not in body


@pytest.mark.parametrize("url", ["/finance/candidates/99999999", "/finance/constituencies/99999999",
                                 "/finance/constituencies/1?page=999"])  # fmt: skip
def test_unknown_ids_are_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "from=1402/13/01",
        "from=hello",
        "to=1402/12/30",
        "min=abc",
        "min=-5",
        "max=0.05",
        "from=1402/12/01&to=1402/11/01",
        "min=5000000&max=10",
        "candidate=99999999",
        "constituency=abc",
        "province=99999",
        "type=gift",
        "category=food",
        "direction=sideways",
        "sort=random",
        "after=not-a-cursor",
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(client, query):
    for url in (f"/finance?{query}", f"/finance/results?{query}"):
        response = client.get(url)
        assert response.status_code == 400, url
        body = response.get_data(as_text=True)
        assert 'class="error-summary"' in body
    assert client.get(f"/finance/export.csv?{query}").status_code == 400


def test_persian_digits_and_separators_are_accepted(app, client):
    response = client.get("/finance?min=۵٬۰۰۰٬۰۰۰&from=۱۴۰۲/۱۱/۰۱")
    assert response.status_code == 200
    tree = parse_document(response.get_data())
    assert tree.find(".//div[@class='error-summary']") is None


def _page_ids(html: str) -> list[str]:
    return re.findall(r'data-id="([A-Z2-7]{12})"', html)


def _next_link(html: str) -> str | None:
    match = re.search(r'<a rel="next" href="([^"]+)" hx-get="([^"]+)"', html)
    return match.group(2).replace("&amp;", "&") if match else None


def test_keyset_pages_walk_every_row_once_in_order(app, client):
    _cid, con = _busiest(app)
    expected = _live_ids(app, constituency_id=con)
    seen, url = [], f"/finance/results?constituency={con}"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        seen += _page_ids(html)
        url = _next_link(html)
        assert "offset" not in (url or "")
    assert seen == expected


def test_cursors_cannot_be_moved_to_another_search(app, client):
    _cid, con = _busiest(app)
    html = client.get(f"/finance/results?constituency={con}").get_data(as_text=True)
    after = parse_qs(urlsplit(_next_link(html)).query)["after"][0]
    moved = client.get(f"/finance/results?constituency={con}&category=printing&after={after}")
    assert moved.status_code == 400
    tampered = after[:-3] + ("AAA" if not after.endswith("AAA") else "BBB")
    assert client.get(f"/finance/results?constituency={con}&after={tampered}").status_code == 400


def test_pages_stay_stable_while_a_new_batch_loads(app, client):
    from webapp.finance.importer import import_finance

    url = "/finance/results?constituency=1"
    first = client.get(url).get_data(as_text=True)
    second_url = _next_link(first)
    before = _page_ids(client.get(second_url).get_data(as_text=True))
    with app.app_context():
        import_finance(FIXTURES / "finance_valid.csv")
        import_finance(FIXTURES / "finance_amendments.csv")
    after = client.get(second_url).get_data(as_text=True)
    assert _page_ids(after) == before
    assert "New figures were loaded" in after or "ارقام تازه" in after
    fresh = client.get(url).get_data(as_text=True)
    assert "New figures were loaded" not in fresh and "ارقام تازه" not in fresh


def test_csv_export_is_a_spreadsheet_friendly_file(app, client):
    with app.app_context():
        from webapp.finance.importer import import_finance

        import_finance(FIXTURES / "finance_valid.csv")
        cid = db.session.scalar(select(FinanceTxn.candidate_id).filter_by(bank_ref="T-0002"))
    response = client.get(f"/finance/export.csv?candidate={cid}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(_live_ids(app, candidate_id=cid))
    for row in rows:
        assert row["amount_rial"].isdigit()
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"])
        assert re.fullmatch(r"14\d\d/\d\d/\d\d", row["date_jalali"])
    formula = [row for row in rows if "HYPERLINK" in row["counterparty"]]
    assert formula and all(row["counterparty"].startswith("'=") for row in formula)
    assert all(not row["description"].startswith(("=", "+", "-", "@")) for row in rows)


def test_exports_stop_at_the_cap_with_a_message(app, client):
    app.config["FINANCE_EXPORT_MAX_ROWS"] = 30
    response = client.get("/finance/export.csv")
    assert response.headers["X-Export-Truncated"] == "30"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8").lstrip("\ufeff"))))
    assert len(rows) == 1 + 30 + 1
    assert "30" in rows[-1][0].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    doc = json.loads(client.get("/finance/export.json").get_data())
    assert len(doc["rows"]) == 30 and doc["truncated"] is True and doc["message"]


def test_json_export_matches_the_filter(app, client):
    doc = json.loads(client.get("/finance/export.json?category=printing&sort=largest").get_data())
    amounts = [row["amount_rial"] for row in doc["rows"]]
    assert amounts == sorted(amounts, reverse=True)
    assert {row["category"] for row in doc["rows"]} == {"printing"}
    with app.app_context():
        count = db.session.scalar(
            select(func.count()).where(FinanceTxn.live.is_(True), FinanceTxn.category == "printing")
        )
    assert len(doc["rows"]) == count


def _two_provinces(app) -> tuple[int, int, int]:
    """(constituency id, its province id, another province id)."""
    from webapp.constituencies.models import Constituency

    with app.app_context():
        first = db.session.scalars(select(Constituency).order_by(Constituency.id)).first()
        other = db.session.scalar(
            select(Constituency.province_id)
            .where(Constituency.province_id != first.province_id)
            .limit(1)
        )
        return first.id, first.province_id, other


def test_choosing_a_province_with_script_on_brings_its_constituencies(app, client):
    _con, province, _other = _two_provinces(app)
    response = client.get(f"/finance/results?province={province}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    partial = re.search(
        r'<hx-partial hx-target="#finance-place"[^>]*>(.*?)</hx-partial>', body, re.S
    )
    assert partial and 'id="finance-place"' in partial.group(1)
    assert '<select class="select" id="constituency"' in partial.group(1)
    assert len(gzip.compress(response.get_data())) <= 5 * 1024


def test_a_constituency_links_to_its_comparison_and_a_new_province_replaces_it(app, client):
    con, province, other = _two_provinces(app)
    body = client.get(f"/finance?constituency={con}").get_data(as_text=True)
    assert f'href="/finance/constituencies/{con}"' in body
    response = client.get(
        f"/finance/results?constituency={con}&province={other}", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200, "the newer choice, the province, wins"
    assert response.headers["HX-Push-Url"] == f"/finance?province={other}"


def test_a_very_common_word_says_how_far_the_count_goes(app, client, monkeypatch):
    from webapp.finance import queries
    from webapp.finance.models import FinanceCounterparty

    with app.app_context():
        name = db.session.scalar(select(FinanceCounterparty.compact_key).limit(1))
    monkeypatch.setattr(queries, "TEXT_CAP", 2)
    body = client.get("/en/finance", query_string={"q": name[:2]}).get_data(as_text=True)
    assert "match more than 2 names or descriptions" in body
    assert "the first 2 of each are counted here" in body
