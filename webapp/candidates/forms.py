"""Checking what a candidate sends from the private page: corrections and channel claims.

Each check returns the cleaned values and a list of (field id, message) errors in the page's
language, for the error summary. Nothing here writes to the database.
"""

import unicodedata
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

from webapp.candidates.link_formats import HANDLE_PLATFORMS, PLATFORMS, load_formats
from webapp.candidates.links import LinkError, detect_platform, normalize_link
from webapp.candidates.models import OWNERS, REQUEST_FIELDS
from webapp.text.formatting import format_number

LIMITS = {
    "display_name": 200,
    "list_name": 200,
    "statement": 2000,
    "other": 2000,
    "channel_add": 500,
    "channel_remove": 500,
}
EVIDENCE_LIMIT = 500
CLAIM_PLATFORMS = tuple(p for p in PLATFORMS if p in HANDLE_PLATFORMS or p == "website")


def clean_text(raw: str | None, multiline: bool = False) -> str:
    """Drop control and format characters (keeping ZWNJ, and newlines when multiline)."""
    keep = {"\u200c", "\n"} if multiline else {"\u200c"}
    text = (raw or "").replace("\r\n", "\n")
    return "".join(
        ch for ch in text if ch in keep or unicodedata.category(ch) not in ("Cc", "Cf")
    ).strip()


def link_message(error: LinkError) -> str:
    """A refused link explained in the page's language."""
    messages = {
        "empty": _("Enter the link."),
        "too_long": _("The link is too long."),
        "scheme": _("Only web links starting with https:// can be used."),
        "credentials": _("This link hides its real address; give the plain address."),
        "port": _("Give the plain address of the page, without a port number."),
        "lookalike": _("This address imitates a messenger's address but belongs to another site."),
        "wrong_platform": _("This link belongs to another platform than the one you chose."),
        "wrong_domain": _("This is not an address of the platform you chose."),
        "invite": _("This is a private invite link. Give the public address of the channel."),
        "share": _("This is a share or post link. Give the address of the channel itself."),
        "not_public": _("This is not a public channel page."),
        "handle": _(
            "A channel name has 3 to 32 Latin letters, digits or _ and starts with a letter."
        ),
        "needs_platform": _("Give the full address, for example https://eitaa.com/name."),
        "unknown_platform": _("Choose a platform from the list."),
        "malformed": _("This is not a valid web address."),
    }
    return messages.get(error.reason, messages["malformed"])


def _too_long(limit: int) -> str:
    from webapp.i18n import current_language

    n = format_number(limit, lang=current_language())
    return _("This is too long: at most %(n)s characters.", n=n)


def _normalize(raw: str, platform: str):
    """The canonical link; the platform is found from the address when none is chosen."""
    formats = load_formats(current_app.config["DATA_DIR"])
    return normalize_link(raw, platform or detect_platform(raw, formats), formats)


def check_evidence(raw: str | None) -> tuple[str, str | None]:
    """An optional evidence link: a plain http(s) address, or an error message."""
    text = clean_text(raw)
    if not text:
        return "", None
    if len(text) > EVIDENCE_LIMIT:
        return text, _too_long(EVIDENCE_LIMIT)
    parts = urlsplit(text)
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or any(ch.isspace() for ch in text)
    ):
        return text, _("The evidence must be a web link starting with https://.")
    return text, None


def check_correction(form, channel_urls: set[str]) -> tuple[dict, list]:
    """A correction request's cleaned values and errors."""
    field = form.get("field", "")
    errors = []
    if field not in REQUEST_FIELDS:
        return {"field": ""}, [("field", _("Choose what should be corrected."))]
    multiline = field in ("statement", "other")
    proposed = clean_text(form.get("proposed"), multiline=multiline)
    platform = form.get("platform", "")
    values = {"field": field, "proposed": proposed, "platform": ""}
    if not proposed:
        errors.append(("proposed", _("Write the correct value.")))
    elif len(proposed) > LIMITS[field]:
        errors.append(("proposed", _too_long(LIMITS[field])))
    elif field == "channel_add":
        try:
            link = _normalize(proposed, platform)
            values |= {"proposed": link.url, "platform": link.platform}
        except LinkError as exc:
            errors.append(("proposed", link_message(exc)))
    elif field == "channel_remove" and proposed not in channel_urls:
        errors.append(("proposed", _("Give the address of one of the channels listed for you.")))
    evidence, problem = check_evidence(form.get("evidence"))
    values["evidence"] = evidence
    if problem:
        errors.append(("evidence", problem))
    return values, errors


def check_claim(form) -> tuple[dict, list]:
    """A channel-ownership claim's canonical link and owner, or errors."""
    platform = form.get("claim-platform", "")
    owner = form.get("claim-owner", "official")
    values = {"platform": platform, "owner": owner, "url": clean_text(form.get("claim-url"))}
    errors = []
    if platform and platform not in CLAIM_PLATFORMS:
        errors.append(("claim-platform", _("Choose a platform from the list.")))
    if owner not in OWNERS:
        errors.append(("claim-owner", _("Choose who runs this channel.")))
    if not errors:
        try:
            link = _normalize(values["url"], platform)
            values |= {"url": link.url, "platform": link.platform}
        except LinkError as exc:
            errors.append(("claim-url", link_message(exc)))
    return values, errors
