"""Channel links: every usual way of writing one gives one canonical address; bad ones refused."""

from pathlib import Path

import pytest

from webapp.candidates.link_formats import load_formats, parse_formats
from webapp.candidates.links import LinkError, detect_platform, lookalike_of, normalize_link

DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="module")
def formats():
    return load_formats(DATA_DIR)


@pytest.mark.parametrize(
    "raw",
    [
        "@name_1",
        "name_1",
        "eitaa.com/name_1",
        "https://eitaa.com/name_1",
        "http://eitaa.com/name_1",
        "https://www.eitaa.com/name_1/",
        "HTTPS://EITAA.COM/Name_1",
        "//eitaa.com/name_1",
        "@name_۱",
        "@name_١",
        " \u200f@name_1\u200e ",
        "https://eitaa.com/name_1?ref=share",
    ],
)
def test_every_spelling_of_an_eitaa_channel_meets(formats, raw):
    link = normalize_link(raw, "eitaa", formats)
    assert link.url == "https://eitaa.com/name_1"
    assert link.handle == "name_1"
    assert link.platform == "eitaa"


@pytest.mark.parametrize(
    ("raw", "platform", "url"),
    [
        ("@azmoon", "bale", "https://ble.ir/azmoon"),
        ("https://ble.ir/s/azmoon", "bale", "https://ble.ir/azmoon"),
        ("rubika.ir/azmoon", "rubika", "https://rubika.ir/azmoon"),
        ("https://sapp.ir/azmoon", "splus", "https://splus.ir/azmoon"),
        ("@azmoon", "splus", "https://splus.ir/azmoon"),
        ("https://profile.igap.net/azmoon", "igap", "https://igap.net/azmoon"),
        ("https://t.me/azmoon", "telegram", "https://t.me/azmoon"),
        ("telegram.me/azmoon", "telegram", "https://t.me/azmoon"),
        ("@azmoon.k", "instagram", "https://instagram.com/azmoon.k"),
        ("aparat.com/azmoon", "aparat", "https://aparat.com/azmoon"),
        ("https://Example.ir/about/?x=1#top", "website", "https://example.ir/about?x=1"),
        ("http://azmoon.example.com", "website", "http://azmoon.example.com"),
    ],
)
def test_other_platforms_and_aliases(formats, raw, platform, url):
    assert normalize_link(raw, platform, formats).url == url


@pytest.mark.parametrize(
    ("raw", "platform", "reason"),
    [
        ("https://eitaa.co/name", "eitaa", "lookalike"),
        ("https://eitaa.net/name", "eitaa", "lookalike"),
        ("https://eitta.com/name", "eitaa", "lookalike"),
        ("https://ble.ir.example.com/name", "bale", "lookalike"),
        ("https://еitaa.com/name", "eitaa", "lookalike"),  # Cyrillic е
        ("https://eitaa.com.example.net/name", "website", "lookalike"),
        ("https://rubika-ir.com/name", "website", "lookalike"),
        ("javascript:alert(1)", "website", "scheme"),
        ("JavaScript:alert(1)", "eitaa", "scheme"),
        ("data:text/html,<script>alert(1)</script>", "website", "scheme"),
        ("vbscript:msgbox", "other", "scheme"),
        ("https://eitaa.com/joinchat/AbCdEf", "eitaa", "invite"),
        ("https://eitaa.com/+AbCdEf", "eitaa", "invite"),
        ("https://ble.ir/join/AbCdEf", "bale", "invite"),
        ("https://rubika.ir/joinc/ABCDEFGHABCDEFGHABCDEFGHABCDEFGH", "rubika", "invite"),
        ("https://rubika.ir/joing/ABCD", "rubika", "invite"),
        ("https://t.me/+AbCdEf", "telegram", "invite"),
        ("https://eitaa.com/joinchat", "eitaa", "not_public"),
        ("https://eitaa.com/share/url?url=x", "eitaa", "share"),
        ("https://web.bale.ai/chat?uid=12", "bale", "not_public"),
        ("https://eitaa.com/name/123", "eitaa", "not_public"),
        ("https://ble.ir/name", "eitaa", "wrong_platform"),
        ("https://eitaa.com/name", "website", "wrong_platform"),
        ("https://example.com/name", "eitaa", "wrong_domain"),
        ("https://user@eitaa.com/name", "eitaa", "credentials"),
        ("https://eitaa.com:8443/name", "eitaa", "port"),
        ("@نام", "eitaa", "handle"),
        ("@1name", "eitaa", "handle"),
        ("@ab", "eitaa", "handle"),
        ("@name", "website", "needs_platform"),
        ("https://eitaa.com/na me", "eitaa", "malformed"),
        ("", "eitaa", "empty"),
        ("https://" + "a" * 600 + ".com", "website", "too_long"),
        ("https://192.168.1.1/x", "website", "malformed"),
        ("@name", "myspace", "unknown_platform"),
    ],
)
def test_bad_links_are_refused_with_a_reason(formats, raw, platform, reason):
    with pytest.raises(LinkError) as refused:
        normalize_link(raw, platform, formats)
    assert refused.value.reason == reason
    assert str(refused.value)


def test_formats_come_from_the_data_pack_file(formats):
    eitaa = formats.platforms["eitaa"]
    assert eitaa.canonical == "eitaa.com"
    assert eitaa.invite["eitaa.com"] == {"joinchat/", "+"}
    assert formats.platforms["splus"].public.keys() == {"splus.ir", "sapp.ir"}
    assert "web.bale.ai" in formats.platforms["bale"].hidden


def test_a_messenger_missing_from_the_file_is_unknown():
    formats = parse_formats(
        [{"app": "Eitaa", "public_profile_or_channel_url": "https://eitaa.com/{username}"}]
    )
    assert normalize_link("@abc", "eitaa", formats).url == "https://eitaa.com/abc"
    with pytest.raises(LinkError) as refused:
        normalize_link("@abc", "bale", formats)
    assert refused.value.reason == "unknown_platform"


def test_platform_is_found_from_the_address(formats):
    assert detect_platform("https://ble.ir/abc", formats) == "bale"
    assert detect_platform("sapp.ir/abc", formats) == "splus"
    assert detect_platform("https://example.org", formats) == "website"


def test_lookalike_spares_ordinary_sites(formats):
    for host in ("table.ir", "t.co", "noble.com", "example.com", "eitaa.com", "web.eitaa.com"):
        assert lookalike_of(host, formats) is None, host
