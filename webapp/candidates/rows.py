"""Pure parsers for candidate, channel and broadcast CSV cells, and the neutral list order.

Each parser takes the raw cell (Persian, Arabic-Indic or ASCII digits) and returns a plain value
or raises ValueError with the reason in English, as the importers print it.
"""

import datetime as dt
import re

from webapp.text.collation import persian_sort_key
from webapp.text.dates import parse_date_jalali
from webapp.text.normalize import clean_display, normalize_code, to_ascii_digits

STATUS_WORDS = {
    "registered": "registered",
    "ثبت‌نام": "registered",
    "ثبت نام": "registered",
    "ثبت‌نام‌شده": "registered",
    "در حال بررسی": "registered",
    "approved": "approved",
    "تأیید": "approved",
    "تایید": "approved",
    "تأیید صلاحیت": "approved",
    "تایید صلاحیت": "approved",
    "disqualified": "disqualified",
    "رد صلاحیت": "disqualified",
    "ردصلاحیت": "disqualified",
    "withdrawn": "withdrawn",
    "انصراف": "withdrawn",
    "elected": "elected",
    "منتخب": "elected",
}
PLATFORM_WORDS = {
    "eitaa": "eitaa",
    "ایتا": "eitaa",
    "bale": "bale",
    "بله": "bale",
    "rubika": "rubika",
    "روبیکا": "rubika",
    "splus": "splus",
    "soroush": "splus",
    "soroush plus": "splus",
    "سروش": "splus",
    "سروش پلاس": "splus",
    "igap": "igap",
    "آی‌گپ": "igap",
    "ای گپ": "igap",
    "website": "website",
    "وب‌سایت": "website",
    "سایت": "website",
    "aparat": "aparat",
    "آپارات": "aparat",
    "instagram": "instagram",
    "اینستاگرام": "instagram",
    "telegram": "telegram",
    "تلگرام": "telegram",
    "other": "other",
    "سایر": "other",
}
OWNER_WORDS = {
    "official": "official",
    "رسمی": "official",
    "campaign": "campaign",
    "ستاد": "campaign",
    "personal": "personal",
    "شخصی": "personal",
}
VERIFICATION_WORDS = {
    "unverified": "unverified",
    "تأییدنشده": "unverified",
    "listed": "listed",
    "official list": "listed",
    "فهرست رسمی": "listed",
    "proven": "proven",
}
NAME_LIMIT = 100
_BALLOT_RE = re.compile(r"\d{1,6}")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_LETTER_RE = re.compile(r"[^\W\d_]")
_FORBIDDEN_NAME_RE = re.compile(r"[<>{}\[\]@#$%^*=|\\/;:\"]|\d")


def word(text: str) -> str:
    """A cell as a lookup word: tidy Persian letters, one space, ZWNJ kept, lower case."""
    return clean_display(text).casefold()


def parse_word(text: str, words: dict[str, str], default: str | None = None) -> str:
    """Map a cell to a value through its English or Persian word; empty gives `default`."""
    key = word(text)
    if not key and default is not None:
        return default
    value = words.get(key) or words.get(key.replace("\u200c", " "))
    if value is None:
        allowed = " / ".join(dict.fromkeys(words.values()))
        raise ValueError(f"{text!r} is not one of {allowed}")
    return value


def parse_date(text: str) -> dt.date | None:
    """A date as 2024-03-01 or as the Jalali 1402/12/11; empty gives None."""
    value = to_ascii_digits(text or "").strip()
    if not value:
        return None
    match = _ISO_RE.fullmatch(value)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    try:
        return parse_date_jalali(value, lang="en")
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc} (or give 2024-03-01)") from None


def parse_ballot_code(text: str) -> str | None:
    """The candidate code printed for the ballot: 1–6 digits; empty gives None."""
    code = normalize_code(text or "")
    if not code:
        return None
    if not _BALLOT_RE.fullmatch(code):
        raise ValueError(f"{text!r} must be 1–6 digits")
    return code


def parse_person_name(text: str, column: str) -> str:
    """A given name or surname: letters, spaces, ZWNJ, hyphen, dot and apostrophe only."""
    name = clean_display(text or "")
    if not name:
        raise ValueError(f"{column}: empty")
    if len(name) > NAME_LIMIT:
        raise ValueError(f"{column}: longer than {NAME_LIMIT} characters")
    if not _LETTER_RE.search(name) or _FORBIDDEN_NAME_RE.search(to_ascii_digits(name)):
        raise ValueError(f"{column}: {text!r} is not a name (letters only)")
    return name


def sort_name(surname: str, given_name: str) -> str:
    """Surname first, as an alphabetical list is read."""
    return f"{surname}، {given_name}"


def list_sort_key(ballot_code: str | None, surname: str, given_name: str) -> str:
    """A text key whose plain (byte) order is the neutral list order.

    Candidates with a ballot code come first in code order; the rest follow in Persian
    alphabetical order of surname, then given name. Each character of the Persian sort key is
    written as fixed-width hex digits, so any database collation orders it the same; a «0»
    ends the surname, before any character, so «احمدی» sorts before «احمدی‌نژاد».
    """
    if ballot_code:
        return "0" + ballot_code.zfill(8)

    def encode(name: str) -> str:
        return "".join(f"{group + 1:x}{value:06x}" for group, value in persian_sort_key(name))

    return ("1" + encode(surname) + "0" + encode(given_name))[:400]
