"""Known addresses of each platform, read from the data pack's messenger_link_formats.csv.

The CSV names, for each domestic messenger, the public channel address, private invite links
and share links as URL templates with placeholders («https://eitaa.com/{username}»). Templates
are classified by their placeholder: a name ({username}, {channel}, {bot}) is a public page, a
{hash} is a private invite, {url}/{text} a share link and {id} a page that is not public.
Platforms that are not in the CSV (Telegram, Instagram, Aparat) are described here.
"""

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MESSENGERS = ("eitaa", "bale", "rubika", "splus", "igap")
PLATFORMS = MESSENGERS + ("website", "aparat", "instagram", "telegram", "other")
HANDLE_PLATFORMS = MESSENGERS + ("aparat", "instagram", "telegram")
FILE_NAME = "messenger_link_formats.csv"

_APP_IDS = {
    "eitaa": "eitaa",
    "bale": "bale",
    "rubika": "rubika",
    "soroushplus": "splus",
    "splus": "splus",
    "igap": "igap",
}
_TEMPLATE_RE = re.compile(r"https?://[A-Za-z0-9.\-]+/[^\s\"',;()]*?\{[^}]*\}[^\s\"',;()]*")
_PLACEHOLDER_RE = re.compile(r"\{([^}]*)\}")


@dataclass
class PlatformHosts:
    """Where one platform's pages live: canonical host, public prefixes, invite and share paths."""

    platform: str
    canonical: str = ""
    public: dict[str, set[str]] = field(default_factory=dict)  # host -> path prefixes
    invite: dict[str, set[str]] = field(default_factory=dict)
    share: dict[str, set[str]] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)  # hosts of pages that are not public

    def hosts(self) -> set[str]:
        """Every host that belongs to this platform."""
        return set(self.public) | set(self.invite) | set(self.share) | self.hidden

    def add(self, kind: str, host: str, prefix: str) -> None:
        """Record one URL template of the given kind."""
        if kind == "hidden":
            self.hidden.add(host)
            return
        getattr(self, kind).setdefault(host, set()).add(prefix)


def _kind(placeholder: str) -> str:
    word = placeholder.lower()
    if "hash" in word:
        return "invite"
    if word in ("url", "text"):
        return "share"
    if word in ("username", "channel", "bot", "name"):
        return "public"
    return "hidden"


def _add_templates(hosts: PlatformHosts, cell: str, default_kind: str | None = None) -> None:
    """Classify every URL template found in one CSV cell."""
    for template in _TEMPLATE_RE.findall(cell or ""):
        scheme_less = template.split("://", 1)[1]
        host, _slash, path = scheme_less.partition("/")
        placeholder = _PLACEHOLDER_RE.search(path)
        prefix = path[: placeholder.start()].split("?")[0]
        kind = default_kind or _kind(placeholder.group(1))
        hosts.add(kind, host.lower().removeprefix("www."), prefix.lower())


def _builtin() -> dict[str, PlatformHosts]:
    """Platforms described here rather than in the data pack."""
    telegram = PlatformHosts("telegram", "t.me")
    for host in ("t.me", "telegram.me"):
        telegram.add("public", host, "")
        telegram.add("public", host, "s/")
        telegram.add("invite", host, "joinchat/")
        telegram.add("invite", host, "+")
        telegram.add("share", host, "share/")
    instagram = PlatformHosts("instagram", "instagram.com")
    instagram.add("public", "instagram.com", "")
    for prefix in ("p/", "reel/", "explore/", "stories/"):
        instagram.add("share", "instagram.com", prefix)
    aparat = PlatformHosts("aparat", "aparat.com")
    aparat.add("public", "aparat.com", "")
    aparat.add("share", "aparat.com", "v/")
    return {p.platform: p for p in (telegram, instagram, aparat)}


@dataclass
class LinkFormats:
    """Every platform's hosts; `by_host` answers which platform a host belongs to."""

    platforms: dict[str, PlatformHosts]

    def by_host(self, host: str) -> str | None:
        """The platform owning a host (or one of its subdomains), else None."""
        for platform in self.platforms.values():
            for known in platform.hosts():
                if host == known or host.endswith("." + known):
                    return platform.platform
        return None

    def known_hosts(self) -> set[str]:
        """Every host of every platform."""
        return {h for p in self.platforms.values() for h in p.hosts()}


def _app_id(name: str) -> str | None:
    return _APP_IDS.get(re.sub(r"[^a-z]", "", (name or "").lower()))


def parse_formats(rows: list[dict]) -> LinkFormats:
    """Build the formats from the CSV rows; messengers missing from the file stay unknown."""
    platforms = _builtin()
    for row in rows:
        platform = _app_id(row.get("app", ""))
        if platform is None:
            continue
        hosts = PlatformHosts(platform)
        _add_templates(hosts, row.get("public_profile_or_channel_url", ""), "public")
        if not hosts.public:
            continue
        hosts.canonical = next(iter(hosts.public))
        _add_templates(hosts, row.get("private_invite_url", ""), "invite")
        _add_templates(hosts, row.get("share_url", ""), "share")
        _add_templates(hosts, row.get("evidence", ""))
        platforms[platform] = hosts
    return LinkFormats(platforms)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> LinkFormats:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return parse_formats(list(csv.DictReader(handle)))


def load_formats(data_dir: str | Path) -> LinkFormats:
    """The formats from DATA_DIR (re-read when the file changes); FileNotFoundError if absent."""
    path = Path(data_dir) / FILE_NAME
    return _load(str(path), path.stat().st_mtime)
