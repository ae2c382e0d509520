"""Station cards: the printable card, the forwardable text with share links, the share image."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import cv2
import numpy as np
import pytest

from tests.integration.helpers import a_station, assert_whole_page, parse_document
from tests.unit.test_maps_qr import decode

SHARE_IMAGE_LIMIT = 60 * 1024
PREFIXES = {"fa": "", "en": "/en"}


def _station_with_landmark(app) -> dict:
    """A published mobile station with a landmark: code, name, address, landmark."""
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.stations.models import Station

    with app.app_context():
        row = db.session.execute(
            select(Station.code, Station.name, Station.address, Station.landmark)
            .where(Station.published.is_(True), Station.landmark != "", Station.is_mobile)
            .order_by(Station.code)
            .limit(1)
        ).one()
    return dict(row._mapping)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_card_page_has_the_facts_the_qr_code_and_the_share_text(app, client, lang):
    station = _station_with_landmark(app)
    response = client.get(f"{PREFIXES[lang]}/stations/{station['code']}/card")
    assert response.status_code == 200
    assert_whole_page(response, lang)
    tree = parse_document(response.get_data())
    text = tree.find(".//textarea[@id='share-text']")
    assert text is not None and text.get("readonly") is not None
    lines = text.text.strip().splitlines()
    url = f"http://localhost{PREFIXES[lang]}/stations/{station['code']}"
    assert lines[-1] == url
    body = "\n".join(lines)
    for fact in (station["name"], station["address"], station["landmark"]):
        assert fact in body
    assert any("۰۸:۰۰" in line or "08:00" in line for line in lines)
    copy = tree.find(".//button[@data-copy='share-text']")
    assert copy is not None and copy.get("hidden") is not None  # shown by share.js only
    assert tree.find(".//article[@class='card-sheet']") is not None


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_an_extended_station_card_gives_the_later_closing(app, client, lang):
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.stations.models import Station
    from webapp.text.dates import format_closing

    with app.app_context():
        code, until = db.session.execute(
            select(Station.code, Station.extended_until)
            .where(Station.published.is_(True), Station.extended_until.is_not(None))
            .order_by(Station.code)
            .limit(1)
        ).one()
    words = {"fa": "تمدید تا ساعت ", "en": "extended until "}[lang] + format_closing(until, lang)
    tree = parse_document(client.get(f"{PREFIXES[lang]}/stations/{code}/card").get_data())
    assert words in tree.find(".//textarea[@id='share-text']").text
    assert words in "".join(tree.find(".//dl").itertext())


def test_share_links_follow_the_pack_formats(app, client):
    station = a_station(app)
    body = client.get(f"/stations/{station['code']}/card").get_data()
    links = {a.get("href") for a in parse_document(body).iter("a")}
    url = f"http://localhost/stations/{station['code']}"
    for host in ("https://eitaa.com/share/url?", "https://ble.ir/share/url?"):
        link = next(link for link in links if link.startswith(host))
        query = parse_qs(urlsplit(link).query)
        assert query["url"] == [url]
        assert station["name"] in query["text"][0]
    assert any(link.startswith("sms:?&body=") for link in links)


def test_share_formats_are_read_from_data_dir_at_run_time(app, client, tmp_path):
    source = Path(app.config["DATA_DIR"]) / "messenger_link_formats.csv"
    text = source.read_text(encoding="utf-8").replace(
        "https://eitaa.com/share/url?url={url}&text={text}",
        "https://eitaa.com/share/v2?link={url}&message={text}",
    )
    (tmp_path / source.name).write_text(text, encoding="utf-8")
    app.config["DATA_DIR"] = str(tmp_path)
    station = a_station(app)
    body = client.get(f"/stations/{station['code']}/card").get_data(as_text=True)
    assert "https://eitaa.com/share/v2?link=" in body
    assert "https://eitaa.com/share/url?" not in body


def test_the_card_qr_code_decodes_to_the_station_page(app, client):
    from tests.unit.test_maps_qr import raster_from_svg

    app.config["PUBLIC_BASE_URL"] = "https://raynama.example/"
    station = a_station(app)
    body = client.get(f"/en/stations/{station['code']}/card").get_data(as_text=True)
    svg = body[body.index('<svg class="qr"') :]
    svg = svg[: svg.index("</svg>") + 6]
    assert decode(raster_from_svg(svg)) == f"https://raynama.example/en/stations/{station['code']}"


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_share_image_is_a_small_png_whose_qr_code_opens_the_station(app, client, lang):
    station = _station_with_landmark(app)
    response = client.get(f"{PREFIXES[lang]}/stations/{station['code']}/card.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    data = response.get_data()
    assert len(data) <= SHARE_IMAGE_LIMIT
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image.shape == (440, 800)
    url = f"http://localhost{PREFIXES[lang]}/stations/{station['code']}"
    assert decode(image) == url
    assert client.get(f"/stations/{station['code']}/card.png").headers.get("ETag")


@pytest.mark.parametrize("suffix", ["card", "card.png"])
def test_unknown_station_card_is_404(client, suffix):
    assert client.get(f"/stations/NOPE-404/{suffix}").status_code == 404


def test_card_page_fits_the_budget(app, client):
    station = _station_with_landmark(app)
    response = client.get(f"/stations/{station['code']}/card", headers={"Accept-Encoding": "gzip"})
    assert len(response.get_data()) <= 14 * 1024


def test_station_page_links_to_its_card(app, client):
    station = a_station(app)
    body = client.get(f"/stations/{station['code']}").get_data(as_text=True)
    assert f'href="/stations/{station["code"]}/card"' in body
