"""Candidate pages: a constituency's list (neutral order, filter, search, pages), one candidate,
site search, and the links from station and constituency pages."""

import gzip
import re

import pytest
from sqlalchemy import func, select

from tests.integration.helpers import a_station, assert_fragment, assert_whole_page
from webapp.candidates.models import Candidate, Channel
from webapp.candidates.queries import PER_PAGE
from webapp.constituencies.models import Constituency
from webapp.extensions import db

PREFIXES = {"fa": "", "en": "/en"}


def _tehran(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Constituency.id).order_by(Constituency.seats.desc()))


def _with_eitaa(app) -> dict:
    """A sample candidate with an official Eitaa channel: ids, name, link."""
    with app.app_context():
        channel = db.session.scalars(
            select(Channel)
            .filter_by(platform="eitaa", owner="official")
            .order_by(Channel.candidate_id)
        ).first()
        candidate = channel.candidate
        return {
            "id": candidate.id,
            "cid": candidate.constituency_id,
            "name": candidate.display_name,
            "url": channel.url,
            "surname": candidate.surname,
        }


def _rows(html: str) -> list[str]:
    return re.findall(r'href="(?:/en)?/candidates/(\d+)"', html)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_candidate_pages_are_whole_documents(app, client, lang):
    person = _with_eitaa(app)
    for url in (
        f"/constituencies/{person['cid']}/candidates",
        f"/constituencies/{person['cid']}/candidates?status=approved&page=1",
        f"/candidates/{person['id']}",
        "/candidates",
        "/candidates?q=" + person["surname"],
        "/answers",
    ):
        response = client.get(PREFIXES[lang] + url)
        assert response.status_code == 200, url
        assert_whole_page(response, lang)


def test_list_fragment_is_a_fragment_and_pushes_the_page_url(app, client):
    cid = _tehran(app)
    response = client.get(
        f"/constituencies/{cid}/candidates/list?page=2&status=approved",
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert_fragment(response)
    assert (
        response.headers["HX-Push-Url"]
        == f"/constituencies/{cid}/candidates?page=2&status=approved"
    )
    whole = client.get(f"/constituencies/{cid}/candidates?page=2&status=approved").get_data(
        as_text=True
    )
    assert 'id="candidate-list"' in whole
    assert (
        _rows(response.get_data(as_text=True))
        == _rows(whole)[: len(_rows(response.get_data(as_text=True)))]
    )


def test_list_is_in_the_neutral_order_and_explains_it(app, client):
    cid = _tehran(app)
    html = client.get(f"/constituencies/{cid}/candidates").get_data(as_text=True)
    assert "ballot code" in html or "کد" in html
    ids = [int(i) for i in _rows(html)]
    assert len(ids) == PER_PAGE
    with app.app_context():
        expected = db.session.scalars(
            select(Candidate.id)
            .filter_by(constituency_id=cid)
            .order_by(Candidate.sort_key, Candidate.id)
            .limit(PER_PAGE)
        ).all()
        code_of = dict(
            db.session.execute(
                select(Candidate.id, Candidate.ballot_code).where(Candidate.id.in_(ids))
            ).all()
        )
    assert ids == expected
    codes = [int(code_of[i]) for i in ids if code_of[i]]
    assert codes and codes == sorted(codes)


def test_tehran_is_paginated_and_light(app, client):
    cid = _tehran(app)
    with app.app_context():
        total = db.session.scalar(
            select(func.count()).select_from(Candidate).filter_by(constituency_id=cid)
        )
    assert total > PER_PAGE
    first = client.get(f"/constituencies/{cid}/candidates", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert len(first.get_data()) <= 14 * 1024
    html = gzip.decompress(first.get_data()).decode()
    assert f"/constituencies/{cid}/candidates?page=2" in html
    last = -(-total // PER_PAGE)
    assert client.get(f"/constituencies/{cid}/candidates?page={last}").status_code == 200
    assert client.get(f"/constituencies/{cid}/candidates?page={last + 1}").status_code == 404
    fragment = client.get(
        f"/constituencies/{cid}/candidates/list?page=2", headers={"Accept-Encoding": "gzip"}
    )
    assert len(fragment.get_data()) <= 5 * 1024


def test_status_filter_and_search_within(app, client):
    person = _with_eitaa(app)
    cid = person["cid"]
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(Candidate.id, Candidate.status).filter_by(constituency_id=cid)
            ).all()
        )
    html = client.get(f"/constituencies/{cid}/candidates?status=disqualified").get_data(
        as_text=True
    )
    assert all(statuses[int(i)] == "disqualified" for i in _rows(html))
    spaced = person["surname"].replace("\u200c", " ")
    found = client.get(f"/constituencies/{cid}/candidates", query_string={"q": spaced})
    assert str(person["id"]) in _rows(found.get_data(as_text=True))
    none = client.get(f"/constituencies/{cid}/candidates", query_string={"q": "ناموجودترین"})
    assert _rows(none.get_data(as_text=True)) == []
    bad = client.get(f"/constituencies/{cid}/candidates?status=<script>")
    assert bad.status_code == 400 and "<script>" not in bad.get_data(as_text=True)
    assert client.get("/constituencies/999999/candidates").status_code == 404


def test_station_to_candidates_to_eitaa_in_two_taps(app, client):
    person = _with_eitaa(app)
    with app.app_context():
        from webapp.stations.models import Station

        code = db.session.scalar(
            select(Station.code).filter_by(constituency_id=person["cid"], published=True)
        )
    station = client.get(f"/stations/{code}").get_data(as_text=True)
    link = f'href="/constituencies/{person["cid"]}/candidates"'
    assert link in station
    listing = client.get(f"/constituencies/{person['cid']}/candidates").get_data(as_text=True)
    pages = -(-len(_all_ids(app, person["cid"])) // PER_PAGE)
    for page in range(2, pages + 1):
        if person["url"] in listing:
            break
        listing = client.get(f"/constituencies/{person['cid']}/candidates?page={page}").get_data(
            as_text=True
        )
    assert f'href="{person["url"]}"' in listing


def _all_ids(app, cid: int) -> list[int]:
    with app.app_context():
        return db.session.scalars(select(Candidate.id).filter_by(constituency_id=cid)).all()


def test_candidate_page_shows_status_channels_spaces_broadcasts(app, client):
    person = _with_eitaa(app)
    html = client.get(f"/en/candidates/{person['id']}").get_data(as_text=True)
    assert person["url"] in html
    assert "Sample data" in html
    assert "eitaa.com/sample_space_" in html  # the constituency's campaign space
    assert "Status history" in html and "Last updated" in html
    assert client.get("/candidates/999999").status_code == 404


def test_site_search_finds_candidates_by_name_despite_spacing(app, client):
    person = _with_eitaa(app)
    with app.app_context():
        from webapp.search import rebuild_index

        rebuild_index()
        db.session.commit()
    query = person["name"].replace("\u200c", " ").replace(" ", "")
    html = client.get("/candidates", query_string={"q": query}).get_data(as_text=True)
    assert str(person["id"]) in _rows(html)
    fragment = client.get(
        "/candidates/results", query_string={"q": query}, headers={"HX-Request": "true"}
    )
    assert_fragment(fragment)
    assert fragment.headers["HX-Push-Url"].startswith("/candidates?q=")


def test_search_falls_back_when_the_index_has_no_candidates(app, client):
    from sqlalchemy import delete

    from webapp.search.models import SearchEntry

    person = _with_eitaa(app)
    with app.app_context():
        db.session.execute(delete(SearchEntry).where(SearchEntry.kind == "candidate"))
        db.session.commit()
    html = client.get("/candidates", query_string={"q": person["surname"]}).get_data(as_text=True)
    assert str(person["id"]) in _rows(html)


def test_constituency_page_summarises_candidates_and_lists_campaign_spaces(app, client):
    station = a_station(app)
    html = client.get(f"/en/constituencies/{station['constituency_id']}").get_data(as_text=True)
    assert "Coming soon" not in html
    assert f'/en/constituencies/{station["constituency_id"]}/candidates"' in html
    for host in ("eitaa.com", "ble.ir", "rubika.ir", "splus.ir", "igap.net"):
        assert f"https://{host}/sample_space_" in html


def test_persian_only_names_stay_plain_text_in_the_head(app, client):
    cid = _tehran(app)  # Tehran's row has no English name, so English pages show the Persian one
    response = client.get(f"/en/constituencies/{cid}/candidates")
    assert_whole_page(response, "en")
    head = response.get_data(as_text=True).split("</head>")[0]
    assert "<bdi" not in head
