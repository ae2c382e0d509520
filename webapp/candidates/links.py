"""Channel links: any way a person writes one («@name», «eitaa.com/name», Persian digits) to
one canonical address, refusing look-alike and wrong domains, script URLs and private invites.

Pure functions over `LinkFormats` (webapp/candidates/link_formats.py), so the tests need no app.
A refusal is a `LinkError` whose `reason` is a stable code the pages translate and whose text
is the English explanation the importers print.
"""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from webapp.candidates.link_formats import HANDLE_PLATFORMS, PLATFORMS, LinkFormats
from webapp.text.normalize import to_ascii_digits

MAX_LINK = 500
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad]")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+\-]*):", re.IGNORECASE)
_LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?")
_HANDLE_RE = {
    "instagram": re.compile(r"[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?"),
    "aparat": re.compile(r"[a-z0-9_][a-z0-9_.\-]{1,49}"),
}
_DEFAULT_HANDLE_RE = re.compile(r"[a-z][a-z0-9_]{2,31}")
# Letters of other scripts drawn like Latin ones, folded to spot «еitaa.com» (Cyrillic е).
_CONFUSABLES = str.maketrans("аеорсухіјԁӏɡαοτνкмнвт", "aeopcyxijdlgaotvkmhbt")


class LinkError(ValueError):
    """A link that cannot be used; `reason` is a code, the text explains it in English."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ChannelLink:
    """A canonical channel address, its platform and (for messengers) its handle."""

    platform: str
    url: str
    handle: str = ""


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw or "")
    text = _INVISIBLE_RE.sub("", to_ascii_digits(text)).strip()
    if not text:
        raise LinkError("empty", "the link is empty")
    if len(text) > MAX_LINK:
        raise LinkError("too_long", f"the link is longer than {MAX_LINK} characters")
    if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in text):
        raise LinkError("malformed", f"{raw!r} is not one link (it contains spaces)")
    return text


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def lookalike_of(host: str, formats: LinkFormats) -> str | None:
    """The known host that `host` imitates (eitaa.co, ble.ir.example.com, еitaa.com), else None."""
    folded = host.translate(_CONFUSABLES)
    owned = folded.split(".")[-2] if "." in folded else folded
    for known in sorted(formats.known_hosts()):
        brand = known.split(".")[-2]
        if folded == known or folded.endswith("." + known):
            if host != folded:
                return known
            continue
        if (
            folded.startswith(known + ".")
            or (len(brand) >= 3 and owned == brand)
            or (len(brand) >= 4 and owned.startswith(brand + "-"))
            or (len(known) >= 6 and _edit_distance_at_most_one(folded, known))
        ):
            return known
    return None


def _host(netloc: str, raw: str) -> str:
    if "@" in netloc:
        raise LinkError("credentials", f"{raw!r} hides its real address behind a user name")
    host = netloc.lower().rstrip(".")
    if ":" in host:
        raise LinkError("port", f"{raw!r} names a port; give the plain address")
    if host.startswith("xn--") or ".xn--" in host:
        try:
            host = host.encode("ascii").decode("idna")
        except UnicodeError:
            raise LinkError("malformed", f"{raw!r} has an address that cannot be read") from None
    for prefix in ("www.", "m."):
        host = host.removeprefix(prefix)
    return host


def _split(text: str, raw: str) -> tuple[str, str, str]:
    """(scheme, host, path) of a typed link; bare «eitaa.com/x» is read as https."""
    match = _SCHEME_RE.match(text)
    if match and match.group(1).lower() not in ("http", "https"):
        raise LinkError("scheme", f"{raw!r} is not a web address (only https:// links are taken)")
    if text.startswith("//"):
        text = "https:" + text
    elif not match:
        text = "https://" + text
    parts = urlsplit(text)
    host = _host(parts.netloc, raw)
    if not host:
        raise LinkError("malformed", f"{raw!r} has no address")
    return parts.scheme.lower(), host, parts.path


def _handle(platform: str, text: str, raw: str) -> str:
    handle = text.strip("/").lower()
    pattern = _HANDLE_RE.get(platform, _DEFAULT_HANDLE_RE)
    if not pattern.fullmatch(handle):
        raise LinkError(
            "handle",
            f"{raw!r}: a {platform} name is 3–32 Latin letters, digits or _, "
            "starting with a letter",
        )
    return handle


def _platform_path(platform: str, host: str, path: str, formats: LinkFormats, raw: str) -> str:
    """The handle inside a platform's path, refusing invites, share links and hidden pages."""
    hosts = formats.platforms[platform]
    rest = path.lstrip("/")
    low = rest.lower()
    for kind, reason, message in (
        ("invite", "invite", "is a private invite link; give the public channel address"),
        ("share", "share", "is a share or post link, not a channel address"),
    ):
        if any(p and low.startswith(p) for p in getattr(hosts, kind).get(host, ())):
            raise LinkError(reason, f"{raw!r} {message}")
    if host in hosts.hidden or host not in hosts.public:
        raise LinkError("not_public", f"{raw!r} is not a public channel page")
    reserved = {
        prefix.split("/")[0].strip("+")
        for kind in ("invite", "share")
        for prefix in getattr(hosts, kind).get(host, ())
    }
    if low.strip("/").split("/")[0] in reserved - {""}:
        raise LinkError("not_public", f"{raw!r} is not a public channel page")
    for prefix in sorted(hosts.public[host], key=len, reverse=True):
        if low.startswith(prefix) and "/" not in rest[len(prefix) :].strip("/"):
            return _handle(platform, rest[len(prefix) :], raw)
    raise LinkError("not_public", f"{raw!r} is not a public channel page")


def _wrong_host(platform: str, host: str, formats: LinkFormats, raw: str) -> LinkError:
    owner = formats.by_host(host)
    imitated = lookalike_of(host, formats)
    if owner and owner != platform:
        return LinkError("wrong_platform", f"{raw!r} is a {owner} address, not {platform}")
    if imitated:
        return LinkError("lookalike", f"{raw!r} imitates {imitated} but is another site")
    return LinkError("wrong_domain", f"{raw!r} is not a {platform} address")


def _website(scheme: str, host: str, path: str, text: str, raw: str, formats) -> ChannelLink:
    owner = formats.by_host(host)
    if owner:
        raise LinkError("wrong_platform", f"{raw!r} is a {owner} address; choose {owner}")
    imitated = lookalike_of(host, formats)
    if imitated:
        raise LinkError("lookalike", f"{raw!r} imitates {imitated} but is another site")
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL_RE.fullmatch(label) for label in labels):
        raise LinkError("malformed", f"{raw!r} does not have a valid site address")
    if labels[-1].isdigit():
        raise LinkError("malformed", f"{raw!r} is not a public site address")
    query = urlsplit(text if "://" in text else "https://" + text).query
    tail = path.rstrip("/") + ("?" + query if query else "")
    return ChannelLink("website", f"{scheme}://{host}{tail}")


def detect_platform(raw: str, formats: LinkFormats) -> str:
    """The platform a link belongs to by its host: a messenger, Telegram…, else website."""
    text = _clean(raw)
    if text.startswith("@"):
        raise LinkError("needs_platform", f"{raw!r}: say which messenger this name is on")
    _scheme, host, _path = _split(text, raw)
    return formats.by_host(host) or "website"


def normalize_link(raw: str, platform: str, formats: LinkFormats) -> ChannelLink:
    """One canonical link for `platform`, or LinkError saying why the text cannot be used."""
    if platform not in PLATFORMS:
        raise LinkError("unknown_platform", f"unknown platform {platform!r}")
    text = _clean(raw)
    if platform in HANDLE_PLATFORMS and platform not in formats.platforms:
        raise LinkError("unknown_platform", f"no address format is known for {platform}")
    bare = text.startswith("@") or ("." not in text and "/" not in text and ":" not in text)
    if bare:
        if platform not in HANDLE_PLATFORMS:
            raise LinkError("needs_platform", f"{raw!r} is a name; give the full web address")
        handle = _handle(platform, text.removeprefix("@"), raw)
        canonical = formats.platforms[platform].canonical
        return ChannelLink(platform, f"https://{canonical}/{handle}", handle)
    scheme, host, path = _split(text, raw)
    if platform in ("website", "other"):
        link = _website(scheme, host, path, text, raw, formats)
        return ChannelLink(platform, link.url)
    if host not in formats.platforms[platform].hosts():
        raise _wrong_host(platform, host, formats, raw)
    handle = _platform_path(platform, host, path, formats, raw)
    canonical = formats.platforms[platform].canonical
    return ChannelLink(platform, f"https://{canonical}/{handle}", handle)
