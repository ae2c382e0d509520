"""Messenger share links come from the data pack's formats file and encode the text safely."""

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from webapp.maps.share import Messenger, _read_formats, share_link, sms_link, station_text

DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data"
TEXT = "شعبهٔ اخذ رای: دبستان فردوسی\nنشانی: تبریز، خیابان امام & کوچهٔ ۲"
URL = "https://raynama.example/stations/00010001"


def _formats(path: Path):
    return {m.name_en: m for m in _read_formats(str(path), path.stat().st_mtime_ns)}


@pytest.mark.skipif(not DATA_DIR.exists(), reason="the data pack is not beside the project")
def test_the_pack_gives_share_links_for_eitaa_and_bale_and_none_for_the_others():
    apps = _formats(DATA_DIR / "messenger_link_formats.csv")
    assert apps["Eitaa"].share_url == "https://eitaa.com/share/url?url={url}&text={text}"
    assert apps["Bale"].share_url == "https://ble.ir/share/url?url={url}&text={text}"
    assert apps["Rubika"].share_url == ""
    assert apps["Soroush Plus"].name_fa == "سروش پلاس"


def test_a_changed_formats_file_is_read_again(tmp_path):
    path = tmp_path / "messenger_link_formats.csv"
    path.write_text(
        "app,app_fa,public_profile_or_channel_url,private_invite_url,share_url,evidence\n"
        "Newgram,نیوگرام,,,https://new.example/s?u={url}&t={text} (beta),test\n",
        encoding="utf-8",
    )
    assert _formats(path)["Newgram"].share_url == "https://new.example/s?u={url}&t={text}"


def test_share_links_carry_the_url_and_the_persian_text_intact():
    eitaa = Messenger("Eitaa", "ایتا", "https://eitaa.com/share/url?url={url}&text={text}")
    query = parse_qs(urlsplit(share_link(eitaa, URL, TEXT)).query)
    assert query == {"url": [URL], "text": [TEXT]}


def test_an_app_without_a_share_link_gets_none():
    assert share_link(Messenger("Rubika", "روبیکا", ""), URL, TEXT) == ""


def test_sms_link_and_station_text():
    text = station_text(["line one", "", "line two"], URL)
    assert text == f"line one\nline two\n{URL}"
    assert unquote(sms_link(text).removeprefix("sms:?&body=")) == text
