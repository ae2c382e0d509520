"""How a bank row and a self-report of the same reference merge into one public transaction.

Pure functions: the importer and the sample generator both build rows through `merge`, so the
rules (bank wins on money, date and payee; the report on type, category and description; small
individual gifts unnamed and unlisted) hold the same everywhere.
"""

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache

import jdatetime

from webapp.finance.codes import TYPES

GIFTS_REF = "small-gifts/"  # bank_ref prefix of the aggregate rows; never valid in a file


@dataclass(frozen=True)
class Part:
    """One side's account of a transaction: the bank's row or the candidate's self-report."""

    type: str
    date: dt.date
    amount: int
    kind: str
    name: str = ""
    description: str = ""
    category: str | None = None
    reported_on: dt.date | None = None


@dataclass(frozen=True)
class Merged:
    """The public transaction both parts make (names already dropped where they must be)."""

    direction: str
    type: str
    category: str | None
    date: dt.date
    amount: int
    reported_amount: int | None
    kind: str
    name: str
    description: str
    source: str
    reconciliation: str
    reported_on: dt.date | None
    listed: bool


@lru_cache(maxsize=4096)
def jalali_month(day: dt.date) -> int:
    """Jalali year × 100 + month of a Gregorian date: 2024-02-20 → 140212."""
    j = jdatetime.date.fromgregorian(date=day)
    return j.year * 100 + j.month


def is_small_gift(type_: str, kind: str, amount: int, threshold: int) -> bool:
    """A gift from an individual below the disclosure threshold: shown only in aggregate."""
    return type_ == "contribution" and kind == "individual" and amount < threshold


# Money between the campaign and an individual that names a donor: a gift, a gift in kind, or
# a gift given back. Below the threshold the person is never named.
DONOR_TYPES = ("contribution", "in_kind", "refund")


def is_unnamed(type_: str, kind: str, amount: int, threshold: int) -> bool:
    """True when the individual behind a row stays unnamed (a donor below the threshold).

    Gifts in kind stay listed, unnamed, because they carry a category and count towards the
    cap; a refund would name the donor it pays back.
    """
    return type_ in DONOR_TYPES and kind == "individual" and amount < threshold


def _source(bank: Part | None, report: Part | None) -> tuple[str, str]:
    if bank and report:
        return "both", ("matched" if bank.amount == report.amount else "mismatch")
    return ("bank", "bank_only") if bank else ("report", "report_only")


def merge(bank: Part | None, report: Part | None, threshold: int) -> Merged:
    """The public transaction of a reference from its bank row and/or its self-report."""
    money = bank or report
    words = report or bank
    source, reconciliation = _source(bank, report)
    small = is_small_gift(words.type, money.kind, money.amount, threshold)
    unnamed = is_unnamed(words.type, money.kind, money.amount, threshold)
    return Merged(
        direction=TYPES[words.type],
        type=words.type,
        category=words.category,
        date=money.date,
        amount=money.amount,
        reported_amount=report.amount if report else None,
        kind=money.kind,
        name="" if unnamed else money.name,
        description=(
            report.description if report and report.description else bank and bank.description
        )
        or "",
        source=source,
        reconciliation=reconciliation,
        reported_on=report.reported_on if report else None,
        listed=not small,
    )


def parts_of(merged: Merged) -> tuple[Part | None, Part | None]:
    """The bank and report parts a stored transaction stands for (enough to merge again)."""
    bank = report = None
    if merged.source in ("bank", "both"):
        bank = Part(
            type=merged.type,
            date=merged.date,
            amount=merged.amount,
            kind=merged.kind,
            name=merged.name,
            description=merged.description,
            category=merged.category,
        )
    if merged.source in ("report", "both"):
        report = Part(
            type=merged.type,
            date=merged.date,
            amount=merged.reported_amount,
            kind=merged.kind,
            name=merged.name,
            description=merged.description,
            category=merged.category,
            reported_on=merged.reported_on,
        )
    return bank, report


def same_direction(a: Part | None, b: Part | None) -> bool:
    """False when a bank row and a report disagree on whether money came in or went out."""
    return a is None or b is None or TYPES[a.type] == TYPES[b.type]


def public_id(candidate_id: int, ref: str, version: int) -> str:
    """A short stable public id for one version of one transaction (12 base32 characters)."""
    digest = hashlib.blake2b(f"{candidate_id}|{ref}|{version}".encode(), digest_size=10).digest()
    return base64.b32encode(digest).decode()[:12]


def with_name(part: Part, name: str) -> Part:
    """The part with another counterparty name."""
    return replace(part, name=name)
