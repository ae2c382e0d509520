"""Ready-to-forward station text, messenger share links and absolute URLs for QR codes.

The messenger link formats are read at run time from DATA_DIR/messenger_link_formats.csv, so a
new messenger or a changed format is a data change, not a code change. Apps without a share URL
are listed too: people paste the copied text into them.
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from flask import current_app, url_for

FORMATS_FILE = "messenger_link_formats.csv"


@dataclass(frozen=True)
class Messenger:
    """One messenger app: its names and its share-link template (empty when it has none)."""

    name_en: str
    name_fa: str
    share_url: str


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL for QR codes and shared text: PUBLIC_BASE_URL if set, else the request's."""
    base = (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _share_template(cell: str) -> str:
    cell = (cell or "").strip()
    if cell.startswith("https://") and "{url}" in cell:
        return cell.split()[0]
    return ""


@lru_cache(maxsize=4)
def _read_formats(path: str, mtime_ns: int) -> tuple[Messenger, ...]:
    del mtime_ns  # only keys the cache: an edited file is read again
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return tuple(
            Messenger(row["app"].strip(), row["app_fa"].strip(), _share_template(row["share_url"]))
            for row in csv.DictReader(handle)
            if row.get("app")
        )


def messengers(data_dir: str) -> tuple[Messenger, ...]:
    """The messenger apps of the data pack; none when the file is missing."""
    path = Path(data_dir) / FORMATS_FILE
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        current_app.logger.warning("%s not found: share links are left out", path)
        return ()
    return _read_formats(str(path), mtime)


def share_link(messenger: Messenger, url: str, text: str) -> str:
    """The messenger's share link for a URL and text, or '' when the app has no share link."""
    if not messenger.share_url:
        return ""
    return messenger.share_url.replace("{url}", quote(url, safe="")).replace(
        "{text}", quote(text, safe="")
    )


def sms_link(text: str) -> str:
    """An sms: link that opens the phone's messages app with the text filled in."""
    return "sms:?&body=" + quote(text, safe="")


def station_text(lines: list[str], url: str) -> str:
    """The forwardable text: the non-empty lines, then the link on its own line."""
    return "\n".join([line for line in lines if line] + [url])
