"""CSV and JSON exports of a filtered result: streamed in keyset chunks, capped, safe in sheets.

The CSV opens in spreadsheet programs as Persian text (UTF-8 with a byte-order mark), dates are
ISO with a Jalali column beside them, money is whole rials. A text cell starting with = + - @
(or a tab or carriage return) gets a leading apostrophe, so no cell runs as a formula.
"""

import csv
import datetime as dt
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
from webapp.finance.planner import ordered_rows

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
def _days(day) -> tuple[str, str]:
    """(ISO, Jalali) text of a date given as a date or as ISO text."""
    iso = str(day)
    j = jdatetime.date.fromgregorian(date=dt.date.fromisoformat(iso))
    return iso, f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


COLUMNS = (
    T.public_id, T.date, T.candidate_id, T.constituency_id, T.direction,
    T.type, T.category, T.amount, T.reported_amount, T.counterparty_kind, T.counterparty_id,
    T.description_id, T.gift_count, T.source, T.reconciliation, T.reported_on, T.version,
)  # fmt: skip
# Rows come straight from the driver: dates are ISO text on SQLite, dates on PostgreSQL.


class _Names:
    """Names by id, made safe once (`clean`) and read once per export or as rows need them."""

    def __init__(self, clean):
        self.clean = clean
        query = select(Candidate.id, Candidate.display_name, Candidate.is_sample)
        self.candidates = {
            i: (clean(n), "yes" if s else "no") for i, n, s in db.session.execute(query)
        }
        query = select(Constituency.id, Constituency.name_fa)
        self.places = {i: clean(n) for i, n in db.session.execute(query)}
        self.parties: dict = {None: ""}
        query = select(FinanceDescription.id, FinanceDescription.text)
        self.texts = {i: clean(t) for i, t in db.session.execute(query)}
        self.texts[None] = ""

    def fill(self, rows) -> None:
        """Read the counterparty names of a chunk of rows not seen yet."""
        missing = {r[12] for r in rows if r[12] not in self.parties}
        if missing:
            C = FinanceCounterparty
            query = select(C.id, C.name).where(C.id.in_(missing))
            self.parties.update({i: self.clean(n) for i, n in db.session.execute(query)})


def export_rows(f: Filters, text, limit: int, sheet: bool = True):
    """Yield export records (tuples in HEADER order) in the filter's sort, at most `limit`.

    Read through the same walks as the pages, merged in order (keyset, never OFFSET). With
    `sheet`, text cells are made safe for spreadsheets (see safe_cell).
    """
    names, batch = _Names(safe_cell if sheet else _same), []
    for row in ordered_rows(f, text, limit, COLUMNS):
        batch.append(row)
        if len(batch) == CHUNK:
            names.fill(batch)
            yield from (_record(r, names) for r in batch)
            batch = []
    names.fill(batch)
    yield from (_record(r, names) for r in batch)


def _same(value):
    return value


def _record(r, names: _Names) -> tuple:
    (_id, _value, public_id, day, cid, con, direction, type_, category, amount, reported, kind,
     party, text, gifts, source, state, reported_on, version) = r  # fmt: skip
    name, sample = names.candidates[cid]
    iso, jalali = _days(day)
    return (
        public_id, iso, jalali, cid, name, sample, con, names.places[con], direction, type_,
        TYPES_FA[type_], category or "", CATEGORIES_FA.get(category, ""), amount,
        "" if reported is None else reported, kind, names.parties.get(party, ""),
        names.texts.get(text, ""),
        gifts, source, state, str(reported_on) if reported_on else "", version,
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
