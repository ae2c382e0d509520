"""Generate ~15,200 sample candidates with channels, campaign spaces and broadcast slots.

Deterministic for a seed; every record is marked sample and every name is synthetic
(webapp/candidates/sample_names.py). Constituencies that already hold official candidates are
left alone. Refs are «S-<constituency>-<serial>», handles «sample_<constituency>_<serial>»
and websites sit under example.com, which is reserved and belongs to no one.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, or_, select

from webapp.candidates import sample_names as names
from webapp.candidates import sample_plan as plan
from webapp.candidates.models import (
    BroadcastSlot,
    CampaignSpace,
    Candidate,
    CandidateAccess,
    ChangeLog,
    Channel,
    ChannelClaim,
    CorrectionRequest,
    StatusChange,
)
from webapp.candidates.rows import list_sort_key, sort_name
from webapp.candidates.sample_media import broadcast_rows, channel_rows, space_rows
from webapp.constituencies.models import Constituency
from webapp.data.importer import Report
from webapp.extensions import db
from webapp.text.normalize import compact_key, search_key

BATCH = 2_000
DEPENDENTS = (StatusChange, Channel, CandidateAccess, CorrectionRequest, ChannelClaim, ChangeLog)


def remove_sample(constituency_ids: list[int] | None = None) -> int:
    """Delete sample candidates (all, or of some constituencies) and what hangs on them.

    Removing them all also removes the sample campaign spaces, which are generated again.
    """
    chosen = select(Candidate.id).where(Candidate.is_sample.is_(True))
    slots = delete(BroadcastSlot).where(
        or_(BroadcastSlot.is_sample.is_(True), BroadcastSlot.candidate_id.in_(chosen))
    )
    spaces = delete(CampaignSpace).where(CampaignSpace.is_sample.is_(True))
    if constituency_ids is not None:
        spaces = None  # campaign spaces belong to the constituency, not to its candidates
        chosen = chosen.where(Candidate.constituency_id.in_(constituency_ids))
        slots = delete(BroadcastSlot).where(
            BroadcastSlot.constituency_id.in_(constituency_ids),
            or_(BroadcastSlot.is_sample.is_(True), BroadcastSlot.candidate_id.in_(chosen)),
        )
    db.session.execute(slots)
    for model in DEPENDENTS:
        db.session.execute(delete(model).where(model.candidate_id.in_(chosen)))
    removed = db.session.execute(delete(Candidate).where(Candidate.id.in_(chosen))).rowcount
    if spaces is not None:
        db.session.execute(spaces)
    return removed or 0


def _person(rng: random.Random, used: set) -> tuple[str, str]:
    """A (given name, surname) pair not yet used in this constituency."""
    female = rng.random() < plan.FEMALE_SHARE
    while True:
        pair = (names.given_name(rng, female), names.surname(rng))
        if pair not in used:
            used.add(pair)
            return pair


@dataclass
class _Race:
    """One constituency's race being drawn: names already used and its invented lists."""

    constituency: Constituency
    lists: list[str]
    used: set = field(default_factory=set)


def _row(rng, race: _Race, serial: int, status: str, code, now) -> dict:
    """The column values of one sample candidate (and, under «_steps», their history)."""
    constituency = race.constituency
    given, family = _person(rng, race.used)
    official = f"{given} {family}"
    steps = plan.history(rng, status)
    has_statement = rng.random() < 0.3
    return {
        "election_id": constituency.election_id,
        "constituency_id": constituency.id,
        "ref": f"S-{constituency.id:03d}-{serial:05d}",
        "official_name": official,
        "given_name": given,
        "surname": family,
        "display_name": official,
        "sort_name": sort_name(family, given),
        "sort_key": list_sort_key(code, family, given),
        "search_key": search_key(official),
        "compact_key": compact_key(official),
        "ballot_code": code,
        "list_name": rng.choice(race.lists) if rng.random() < 0.4 else "",
        "status": status,
        "status_date": steps[-1][1],
        "status_source": plan.SOURCES[status],
        "incumbent": False,
        "photo_path": "",
        "photo_source": "",
        "statement": names.statement(rng) if has_statement else "",
        "statement_updated_at": now if has_statement else None,
        "statement_author": "ستاد انتخاباتی نامزد (نمونه)" if has_statement else "",
        "is_sample": True,
        "updated_at": now,
        "_steps": steps,
    }


def _candidates_of(rng, constituency: Constituency, count: int, now) -> list[dict]:
    """The column values of one constituency's sample candidates."""
    race = _Race(constituency, names.list_names(rng, 3))
    statuses = [plan.pick_status(rng) for _ in range(count)]
    coded = [i for i, s in enumerate(statuses) if plan.needs_code(s)]
    rng.shuffle(coded)
    first_code = 1001 + 10 * rng.randrange(10)
    codes = {i: str(first_code + n) for n, i in enumerate(coded)}
    rows = [_row(rng, race, i + 1, s, codes.get(i), now) for i, s in enumerate(statuses)]
    approved = [row for row in rows if row["status"] == "approved"]
    for row in rng.sample(approved, min(len(approved), round(constituency.seats * 0.55))):
        row["incumbent"] = True
    return rows


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start : start + BATCH])


def _official_constituencies() -> set[int]:
    query = select(Candidate.constituency_id).where(Candidate.is_sample.is_(False)).distinct()
    return set(db.session.scalars(query))


def _history_rows(steps: dict, ids: dict, now) -> list[dict]:
    return [
        {
            "candidate_id": ids[ref],
            "status": status,
            "effective_on": day,
            "source": plan.SOURCES[status],
            "recorded_at": now,
        }
        for ref, chain in steps.items()
        for status, day in chain
    ]


def generate_sample_candidates(seed: int = 1402, total: int = 15_200) -> Report:
    """Replace the sample candidates with a fresh deterministic set; return a report."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    report = Report(source=f"sample candidates (seed {seed})")
    removed = remove_sample()
    official = _official_constituencies()
    every = list(db.session.scalars(select(Constituency).order_by(Constituency.id)))
    constituencies = [c for c in every if c.id not in official]
    seats = {c.id: (c.seats, c.is_minority) for c in constituencies}
    counts = plan.allocate(seats, total, rng) if constituencies else {}
    rows = [row for c in constituencies for row in _candidates_of(rng, c, counts[c.id], now)]
    steps = {row["ref"]: row.pop("_steps") for row in rows}
    _insert(Candidate, rows)
    ids = dict(
        db.session.execute(select(Candidate.ref, Candidate.id).where(Candidate.is_sample)).all()
    )
    history = _history_rows(steps, ids, now)
    _insert(StatusChange, history)
    channels = channel_rows(rng, rows, ids)
    _insert(Channel, channels)
    spaces = space_rows(every, now)
    _insert(CampaignSpace, spaces)
    slots = broadcast_rows(rng, constituencies, rows, ids)
    _insert(BroadcastSlot, slots)
    db.session.commit()
    report.created = len(rows)
    report.notes += [
        f"{len(history)} status entries, {len(channels)} channels, "
        f"{len(spaces)} campaign spaces, {len(slots)} broadcast slots",
        f"{removed} earlier sample candidates removed",
    ]
    if official:
        report.notes.append(f"{len(official)} constituencies with official candidates left alone")
    return report
