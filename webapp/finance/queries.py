"""The finance search: conditions from filters, keyset pages, and the rows' details.

Pages never use OFFSET: each page continues after the last row's (sort value, id), read through
the index that matches the filters and the order. Text matches names and descriptions in their
own small tables first (capped), then the rows through indexed ids.
"""

from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.finance.codes import kinds_allowed
from webapp.finance.filters import Filters
from webapp.finance.models import FinanceCounterparty, FinanceDescription, FinanceTxn
from webapp.text.normalize import compact_key

T = FinanceTxn
PER_PAGE = 20
TEXT_CAP = 300  # names (and descriptions) a text search may match before it asks for more words


@dataclass(frozen=True)
class TextMatch:
    """Ids of the names and descriptions a text search matched."""

    counterparties: tuple[int, ...]
    descriptions: tuple[int, ...]
    capped: bool
    cap: int = TEXT_CAP  # how many names (and descriptions) are kept when capped


def text_match(q: str) -> TextMatch | None:
    """What a typed text matches, by the normalized space-less key (None: no usable text)."""
    if not q:
        return None
    key = compact_key(q)
    if len(key) < 2:
        return None  # one letter matches nearly everything: the page says to type more
    pattern = f"%{key}%"
    C, D = FinanceCounterparty, FinanceDescription
    people = db.session.scalars(
        select(C.id).where(C.compact_key.like(pattern)).order_by(C.id).limit(TEXT_CAP + 1)
    ).all()
    texts = db.session.scalars(
        select(D.id).where(D.compact_key.like(pattern)).order_by(D.id).limit(TEXT_CAP + 1)
    ).all()
    capped = len(people) > TEXT_CAP or len(texts) > TEXT_CAP
    return TextMatch(tuple(people[:TEXT_CAP]), tuple(texts[:TEXT_CAP]), capped, TEXT_CAP)


def conditions(f: Filters, text: TextMatch | None, kinds: bool = True) -> list:
    """SQL conditions for every filter in use (visibility is added by the caller)."""
    out = []
    for column, value in (
        (T.candidate_id, f.candidate),
        (T.constituency_id, f.constituency),
        (T.province_id, f.province),
    ):
        if value is not None:
            out.append(column == value)
    if kinds and (f.direction or f.type or f.category):
        out.append(T.kind.in_(kinds_allowed(f.direction, f.type, f.category)))
    out += range_conditions(f)
    if text is not None:
        out.append(text_condition(text))
    return out


def range_conditions(f: Filters) -> list:
    """Conditions of the date and amount ranges."""
    out = []
    if f.start:
        out.append(T.date >= f.start)
    if f.end:
        out.append(T.date <= f.end)
    if f.low is not None:
        out.append(T.amount >= f.low)
    if f.high is not None:
        out.append(T.amount <= f.high)
    return out


def text_condition(text: TextMatch):
    """Rows whose counterparty or description a text search matched."""
    return or_(T.counterparty_id.in_(text.counterparties), T.description_id.in_(text.descriptions))


def visible(snapshot: int | None) -> object:
    """Rows the public sees now, or as they were at batch `snapshot` (for stable paging)."""
    if snapshot is None:
        return T.live.is_(True)
    return and_(
        T.listed.is_(True),
        T.batch_id <= snapshot,
        or_(T.ended_batch_id.is_(None), T.ended_batch_id > snapshot),
    )


@dataclass
class Row:
    """One transaction as a results page shows it."""

    txn: FinanceTxn
    candidate: str
    candidate_sample: bool
    constituency_fa: str
    constituency_en: str
    counterparty: str
    description: str


def details(ids: list[int]) -> list[Row]:
    """The rows with their names, in the order of `ids`."""
    if not ids:
        return []
    C, D = FinanceCounterparty, FinanceDescription
    query = (
        select(
            T,
            Candidate.display_name,
            Candidate.is_sample,
            Constituency.name_fa,
            Constituency.name_en,
            C.name,
            D.text,
        )  # fmt: skip
        .join(Candidate, Candidate.id == T.candidate_id)
        .join(Constituency, Constituency.id == T.constituency_id)
        .outerjoin(C, C.id == T.counterparty_id)
        .outerjoin(D, D.id == T.description_id)
        .where(T.id.in_(ids))
    )
    found = {
        r[0].id: Row(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6] or "")
        for r in db.session.execute(query)
    }
    return [found[i] for i in ids if i in found]


def too_short(q: str) -> bool:
    """True when text was typed but is too short to search."""
    return bool(q) and len(compact_key(q)) < 2
