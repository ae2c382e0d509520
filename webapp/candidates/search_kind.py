"""Candidates in the site search (webapp/search): the index rows and the candidate search page.

Imports and the sample generator re-index when they add or remove candidates; the candidate
search page falls back to a direct query on the candidates' own keys when the index finds none.
"""

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from webapp.candidates import queries
from webapp.candidates.models import Candidate
from webapp.constituencies.models import Constituency
from webapp.extensions import db
from webapp.search import PEOPLE, Entry, Kind, register
from webapp.search import search as site_search

STANDING = ("approved", "elected")


def candidate_entries():
    """Every candidate with their constituency; those standing weigh more."""
    rows = db.session.execute(
        select(
            Candidate.id,
            Candidate.display_name,
            Candidate.status,
            Candidate.is_sample,
            Constituency.name_fa,
            Constituency.name_en,
        ).join(Constituency, Constituency.id == Candidate.constituency_id)
    )
    for cid, name, status, sample, constituency_fa, constituency_en in rows:
        yield Entry(
            cid,
            name,
            context_fa=constituency_fa,
            context_en=constituency_en,
            context_names=(constituency_fa,),
            weight=1 if status in STANDING else 0,
            sample=sample,
        )


def register_kind() -> None:
    """Make candidates findable in the site search."""
    register(
        Kind(
            "candidate",
            PEOPLE,
            60,
            _l("Candidate"),
            _l("Candidates"),
            candidate_entries,
            lambda hit: url_for("candidates.show", candidate_id=hit.ref_id),
            # Added and removed candidates re-index on commit. A rename (a moderator's
            # correction) does not: rebuilding the whole index inside a web request would be
            # too slow, so the page falls back to the live table and `flask data index` catches up.
            tables={"candidate": ()},
        )
    )


def find(q: str, limit: int = queries.SEARCH_LIMIT) -> tuple[list[Candidate], int]:
    """Candidates for a query through the site search; a direct query if it has none indexed."""
    results = site_search(q, per_kind=limit)
    group = next((g for g in results.groups if g.kind.name == "candidate"), None)
    if group is None:
        return queries.search(q, limit)
    ids = [hit.ref_id for hit in group.hits]
    found = {
        c.id: c
        for c in db.session.scalars(
            select(Candidate)
            .where(Candidate.id.in_(ids))
            .options(joinedload(Candidate.constituency))
        )
    }
    return [found[i] for i in ids if i in found], group.total
