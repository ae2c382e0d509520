"""Queries for the candidate pages: a constituency's list, one candidate, site search."""

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from webapp.candidates.link_formats import MESSENGERS
from webapp.candidates.models import (
    STATUSES,
    BroadcastSlot,
    CampaignSpace,
    Candidate,
    ChangeLog,
    Channel,
)
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.text.collation import persian_sort_key
from webapp.text.normalize import compact_key, normalize_code, search_key

PER_PAGE = 40
SEARCH_LIMIT = 30
LIST_PLATFORMS = ("eitaa", "bale", "rubika", "splus", "igap")
ORDER = {platform: n for n, platform in enumerate(MESSENGERS)}


@dataclass
class CandidateList:
    """One page of a constituency's candidates and what the filters need."""

    rows: list
    total: int
    page: int
    pages: int
    counts: dict
    channels: dict = field(default_factory=dict)


def _matching(query, q: str):
    """Narrow a candidate query to names containing `q` (spacing-insensitive) or its code."""
    compact = compact_key(q)
    code = normalize_code(q)
    clauses = [Candidate.compact_key.contains(compact, autoescape=True)] if compact else []
    if code.isascii() and code.isdigit() and len(code) <= 6:
        clauses.append(Candidate.ballot_code == code)
    return query.where(or_(*clauses)) if clauses else query.where(False)


def status_counts(cid: int) -> dict[str, int]:
    """How many candidates of a constituency hold each status."""
    rows = db.session.execute(
        select(Candidate.status, func.count())
        .where(Candidate.constituency_id == cid)
        .group_by(Candidate.status)
    )
    counts = dict(rows.all())
    return {status: counts.get(status, 0) for status in STATUSES}


LIST_COLUMNS = (
    Candidate.id,
    Candidate.display_name,
    Candidate.ballot_code,
    Candidate.status,
    Candidate.list_name,
    Candidate.is_sample,
)


def list_page(cid: int, page: int, status: str = "", q: str = "") -> CandidateList:
    """One page of a constituency's candidates in the neutral order, filtered and searched.

    Rows carry only the columns a list shows; the counts by status give the total unless a
    search narrows it, so an unsearched page costs three small indexed queries.
    """
    counts = status_counts(cid)
    query = select(*LIST_COLUMNS).where(Candidate.constituency_id == cid)
    if status:
        query = query.where(Candidate.status == status)
    if q:
        query = _matching(query, q)
        total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    else:
        total = counts[status] if status else sum(counts.values())
    pages = max(1, -(-total // PER_PAGE))
    rows = db.session.execute(
        query.order_by(Candidate.sort_key, Candidate.id)
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    result = CandidateList(rows, total, page, pages, counts)
    result.channels = messenger_links([row.id for row in rows])
    return result


def messenger_links(ids: list[int]) -> dict[int, list]:
    """The official and campaign messenger links of some candidates, messengers in order."""
    if not ids:
        return {}
    found: dict[int, list] = {}
    query = select(Channel.candidate_id, Channel.platform, Channel.url, Channel.owner).where(
        Channel.candidate_id.in_(ids),
        Channel.platform.in_(LIST_PLATFORMS),
        Channel.owner.in_(("official", "campaign")),
    )
    for row in db.session.execute(query):
        found.setdefault(row.candidate_id, []).append(row)
    for channels in found.values():
        channels.sort(key=lambda c: (ORDER.get(c.platform, 99), c.owner != "official", c.url))
    return found


def campaign_spaces(cid: int) -> list[CampaignSpace]:
    """Each messenger's campaign space for a constituency, in the messengers' order."""
    spaces = db.session.scalars(select(CampaignSpace).where(CampaignSpace.constituency_id == cid))
    return sorted(spaces, key=lambda s: ORDER.get(s.platform, 99))


def candidate(candidate_id: int) -> Candidate | None:
    """One candidate with constituency, status history and channels."""
    return db.session.scalar(
        select(Candidate)
        .filter_by(id=candidate_id)
        .options(
            joinedload(Candidate.constituency).joinedload(Constituency.province),
            selectinload(Candidate.history),
            selectinload(Candidate.channels),
        )
    )


def broadcasts(candidate: Candidate) -> list[BroadcastSlot]:
    """The candidate's programmes and those about their whole constituency, in time order."""
    return list(
        db.session.scalars(
            select(BroadcastSlot)
            .where(
                BroadcastSlot.constituency_id == candidate.constituency_id,
                or_(
                    BroadcastSlot.candidate_id == candidate.id,
                    BroadcastSlot.candidate_id.is_(None),
                ),
            )
            .order_by(BroadcastSlot.starts_at)
        )
    )


def changes(candidate_id: int, limit: int = 20) -> list[ChangeLog]:
    """The latest applied changes to a candidate's listing."""
    return list(
        db.session.scalars(
            select(ChangeLog)
            .where(ChangeLog.candidate_id == candidate_id)
            .order_by(ChangeLog.changed_at.desc(), ChangeLog.id.desc())
            .limit(limit)
        )
    )


def grouped_channels(channels: list[Channel]) -> list[tuple[str, list[Channel]]]:
    """Channels grouped by owner (official, campaign, personal), messengers first."""
    groups = []
    for owner in ("official", "campaign", "personal"):
        mine = [c for c in channels if c.owner == owner]
        mine.sort(key=lambda c: (ORDER.get(c.platform, 99), c.platform, c.id))
        if mine:
            groups.append((owner, mine))
    return groups


def search(q: str, limit: int = SEARCH_LIMIT) -> tuple[list[Candidate], int]:
    """Candidates anywhere whose name contains `q` (or whose ballot code is `q`); (hits, total).

    Whole-name matches first, then names starting with `q`, then the rest; alphabetical within.
    """
    query = _matching(select(Candidate), q)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    key = search_key(q)
    tier = case(
        (Candidate.search_key == key, 0),
        (Candidate.search_key.startswith(key, autoescape=True), 1),
        else_=2,
    )
    hits = list(
        db.session.execute(
            query.add_columns(tier)
            .options(joinedload(Candidate.constituency))
            .order_by(tier, Candidate.sort_name, Candidate.id)
            .limit(limit)
        )
    )
    hits.sort(key=lambda row: (row[1], persian_sort_key(row[0].sort_name)))
    return [row[0] for row in hits], total
