"""CSV and JSON exports of a filtered result: streamed in keyset chunks, capped, safe in sheets.

The CSV opens in spreadsheet programs as Persian text (UTF-8 with a byte-order mark), dates are
ISO with a Jalali column beside them, money is whole rials. A text cell starting with = + - @
(or a tab or carriage return) gets a leading apostrophe, so no cell runs as a formula.
"""

import csv
import io
import json
from functools import lru_cache

import jdatetime
from sqlalchemy import select

from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.finance.codes import CATEGORIES_FA, TYPES_FA
from webapp.finance.filters import Filters
from webapp.finance.models import FinanceCounterparty, FinanceDescription, FinanceTxn
from webapp.finance.planner import ordered_ids

T = FinanceTxn
CHUNK = 5_000
HEADER = (
    "id", "date", "date_jalali", "candidate_id", "candidate", "sample", "constituency_id",
    "constituency", "direction", "type", "type_fa", "category", "category_fa", "amount_rial",
    "reported_amount_rial", "counterparty_kind", "counterparty", "description", "gift_count",
    "source", "reconciliation", "reported_on", "version",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@lru_cache(maxsize=4096)
def _jalali(day) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def _details(ids: list[int]):
    if not ids:
        return []
    C, D = FinanceCounterparty, FinanceDescription
    query = (
        select(
            T.id,
            T.public_id,
            T.date,
            T.candidate_id,
            Candidate.display_name,
            Candidate.is_sample,
            T.constituency_id,
            Constituency.name_fa,
            T.direction,
            T.type,
            T.category,
            T.amount,
            T.reported_amount,
            T.counterparty_kind,
            C.name,
            D.text,
            T.gift_count,
            T.source,
            T.reconciliation,
            T.reported_on,
            T.version,
        )  # fmt: skip
        .join(Candidate, Candidate.id == T.candidate_id)
        .join(Constituency, Constituency.id == T.constituency_id)
        .outerjoin(C, C.id == T.counterparty_id)
        .outerjoin(D, D.id == T.description_id)
        .where(T.id.in_(ids))
    )
    found = {r.id: r for r in db.session.execute(query)}
    return [found[i] for i in ids]


def export_rows(f: Filters, text, limit: int, sheet: bool = True):
    """Yield export records (tuples in HEADER order) in the filter's sort, at most `limit`.

    Read through the same walks as the pages, merged in order (keyset, never OFFSET). With
    `sheet`, text cells are made safe for spreadsheets (see safe_cell).
    """
    clean = safe_cell if sheet else _same
    batch = []
    for row_id in ordered_ids(f, text, limit):
        batch.append(row_id)
        if len(batch) == CHUNK:
            yield from (_record(r, clean) for r in _details(batch))
            batch = []
    yield from (_record(r, clean) for r in _details(batch))


def _same(value):
    return value


def _record(r, clean) -> tuple:
    return (
        r.public_id, r.date.isoformat(), _jalali(r.date), r.candidate_id, clean(r.display_name),
        "yes" if r.is_sample else "no", r.constituency_id, clean(r.name_fa), r.direction,
        r.type, TYPES_FA[r.type], r.category or "", CATEGORIES_FA.get(r.category, ""), r.amount,
        "" if r.reported_amount is None else r.reported_amount, r.counterparty_kind,
        clean(r.name or ""), clean(r.text or ""), r.gift_count, r.source,
        r.reconciliation, r.reported_on.isoformat() if r.reported_on else "", r.version,
    )  # fmt: skip


def csv_stream(records, limit: int, more: bool, message: str):
    """The CSV file, in pieces of bytes: BOM, header, rows, and a last line if it was cut."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(HEADER)
    for n, record in enumerate(records, 1):
        writer.writerow(record)
        if n % 2000 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if more:
        writer.writerow([safe_cell(message)] + [""] * (len(HEADER) - 1))
    yield buffer.getvalue().encode()


def json_stream(records, meta: dict, more: bool, message: str):
    """The JSON document, in pieces: metadata, the rows as objects, and whether it was cut."""
    head = json.dumps(meta, ensure_ascii=False)[:-1]
    pieces = [head + ', "rows": [']
    for n, record in enumerate(records):
        item = json.dumps(dict(zip(HEADER, record, strict=True)), ensure_ascii=False)
        pieces.append(("\n" if n == 0 else ",\n") + item)
        if len(pieces) >= 2000:
            yield "".join(pieces).encode()
            pieces = []
    yield "".join(pieces).encode()
    tail = {"truncated": more, "message": message if more else ""}
    yield ("], " + json.dumps(tail, ensure_ascii=False)[1:]).encode()
