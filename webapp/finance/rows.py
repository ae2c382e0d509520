"""One line of a bank-feed CSV → an Entry, or ValueError with a sentence naming the fault."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from webapp.finance.codes import CATEGORY_TYPES, DEFAULT_KIND, TYPES, read_code
from webapp.finance.ledger import Part
from webapp.finance.money import AmountError, parse_rials
from webapp.stations.rows import parse_yes_no
from webapp.text.dates import parse_date_jalali
from webapp.text.normalize import clean_display, to_ascii_digits

REQUIRED = ("ref", "source", "candidate", "date", "type", "amount_rial")
OPTIONAL = (
    "amends",
    "direction",
    "category",
    "counterparty_kind",
    "counterparty",
    "description",
    "reported_on",
)
# Read so that a full bank export imports as it is, and never stored.
DROPPED = ("national_id", "payer_national_id", "کد_ملی", "کدملی")
COLUMNS = REQUIRED + OPTIONAL + DROPPED

_REF = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 1, 1)

_AMOUNT_FAULTS = {
    "format": "amount_rial must be a whole number of rials, e.g. 15000000",
    "negative": "amount_rial must be positive; a refund is its own type",
    "fraction": "amount_rial must be whole rials, without decimals",
    "large": "amount_rial is larger than any campaign could hold",
}


@dataclass(frozen=True)
class Entry:
    """A bank row or a self-report, ready to merge."""

    line: int
    candidate_id: int
    ref: str
    source: str  # bank or report
    amends: bool
    part: Part


def parse_ref(text: str) -> str:
    """A bank reference or report number: 1–40 Latin letters, digits, dots, dashes."""
    ref = to_ascii_digits(unicodedata.normalize("NFKC", text)).strip()
    if not _REF.fullmatch(ref):
        raise ValueError(f"ref {text!r} must be 1–40 Latin letters, digits, '.', '_' or '-'")
    return ref


def parse_day(text: str, column: str) -> dt.date:
    """An ISO date (2024-02-20) or a Jalali one (1402/12/01, digits of any script)."""
    plain = to_ascii_digits(text).strip()
    iso = _ISO.fullmatch(plain)
    try:
        if iso and int(iso.group(1)) >= 1900:
            day = dt.date(*(int(part) for part in iso.groups()))
        else:
            day = parse_date_jalali(plain, "en")
    except ValueError as exc:
        raise ValueError(f"{column} {text!r}: {exc}") from None
    if not FIRST_DAY <= day < LAST_DAY:
        raise ValueError(f"{column} {text!r} is out of range")
    return day


def _amount(text: str) -> int:
    try:
        return parse_rials(text)
    except AmountError as exc:
        raise ValueError(_AMOUNT_FAULTS[exc.reason]) from None


def _type_and_category(row: dict) -> tuple[str, str | None]:
    type_ = read_code("type", row["type"])
    if type_ is None:
        raise ValueError(f"type {row['type']!r} is not one of: {', '.join(TYPES)}")
    direction = row.get("direction", "")
    if direction and read_code("direction", direction) != TYPES[type_]:
        raise ValueError(f"direction {direction!r} does not fit type {type_}")
    text = row.get("category", "")
    category = read_code("category", text) if text else None
    if text and category is None:
        raise ValueError(f"category {text!r} is not on the fixed list")
    if type_ in CATEGORY_TYPES and category is None:
        raise ValueError(f"a row of type {type_} needs a category")
    if type_ not in CATEGORY_TYPES and category is not None:
        raise ValueError(f"only expense and in_kind rows take a category, not {type_}")
    return type_, category


def _counterparty(row: dict, type_: str) -> tuple[str, str]:
    text = row.get("counterparty_kind", "")
    kind = read_code("kind", text) if text else DEFAULT_KIND[type_]
    if kind is None:
        raise ValueError(f"counterparty_kind {text!r} is not one of individual, company, party")
    name = clean_display(row.get("counterparty", ""))
    if len(name) > 200:
        raise ValueError("counterparty is longer than 200 characters")
    return kind, name


def map_row(row: dict, line: int, candidates: dict[str, int]) -> Entry:
    """Turn one CSV row into an Entry; ValueError names the first fault."""
    source = read_code("source", row["source"])
    if source not in ("bank", "report"):
        raise ValueError(f"source {row['source']!r} must be bank or report")
    key = to_ascii_digits(row["candidate"]).strip()
    if key not in candidates:
        raise ValueError(f"candidate {row['candidate']!r} is not a known candidate id or ref")
    type_, category = _type_and_category(row)
    kind, name = _counterparty(row, type_)
    day = parse_day(row["date"], "date")
    reported_on = None
    if source == "report":
        reported_on = (
            parse_day(row["reported_on"], "reported_on") if row.get("reported_on") else day
        )
        if reported_on < day:
            raise ValueError("reported_on is before the transaction's date")
    description = clean_display(row.get("description", ""))
    if len(description) > 300:
        raise ValueError("description is longer than 300 characters")
    part = Part(
        type_, day, _amount(row["amount_rial"]), kind, name, description, category, reported_on
    )
    amends = parse_yes_no(row.get("amends", ""), default=False)
    return Entry(line, candidates[key], parse_ref(row["ref"]), source, amends, part)
