"""Storing candidates' requests and a moderator's decisions; every applied change is logged.

Nothing a candidate sends changes a public listing by itself: a request or claim waits as
«pending» until a moderator applies or confirms it here.
"""

import datetime as dt
import secrets

from sqlalchemy import delete, func, select

from webapp.candidates.importing import as_utc
from webapp.candidates.models import (
    Candidate,
    ChangeLog,
    Channel,
    ChannelClaim,
    CorrectionRequest,
)
from webapp.extensions import db
from webapp.text.normalize import compact_key, search_key

HOURLY_LIMIT = 5
DAILY_LIMIT = 20
PENDING_CLAIMS_LIMIT = 5
CLAIM_DAYS = 14
CANDIDATE_AUTHOR = "خود نامزد"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def now() -> dt.datetime:
    """The current instant in UTC."""
    return dt.datetime.now(dt.UTC)


def over_limit(candidate_id: int) -> bool:
    """True when a candidate sent too many correction requests in the last hour or day."""

    def since(delta: dt.timedelta) -> int:
        return db.session.scalar(
            select(func.count())
            .select_from(CorrectionRequest)
            .where(
                CorrectionRequest.candidate_id == candidate_id,
                CorrectionRequest.created_at >= now() - delta,
            )
        )

    return (
        since(dt.timedelta(hours=1)) >= HOURLY_LIMIT or since(dt.timedelta(days=1)) >= DAILY_LIMIT
    )


def submit_request(candidate_id: int, values: dict) -> CorrectionRequest:
    """Store a pending correction request."""
    request = CorrectionRequest(candidate_id=candidate_id, created_at=now(), **values)
    db.session.add(request)
    db.session.commit()
    return request


def new_code() -> str:
    """A one-time code such as «RAYNAMA-7KQ2-M9XD», easy to read aloud and to type."""
    parts = ["".join(secrets.choice(_CODE_ALPHABET) for _ in range(4)) for _ in range(2)]
    return "RAYNAMA-" + "-".join(parts)


def open_claims(candidate_id: int) -> list[ChannelClaim]:
    """A candidate's pending claims that have not expired."""
    return [
        c
        for c in db.session.scalars(
            select(ChannelClaim)
            .where(ChannelClaim.candidate_id == candidate_id, ChannelClaim.state == "pending")
            .order_by(ChannelClaim.created_at.desc())
        )
        if as_utc(c.expires_at) > now()
    ]


def start_claim(candidate_id: int, values: dict) -> ChannelClaim | None:
    """A pending claim with a fresh one-time code (the open one for the same link is reused)."""
    claims = open_claims(candidate_id)
    for claim in claims:
        if claim.url == values["url"]:
            return claim
    if len(claims) >= PENDING_CLAIMS_LIMIT:
        return None
    created = now()
    claim = ChannelClaim(
        candidate_id=candidate_id,
        code=new_code(),
        created_at=created,
        expires_at=created + dt.timedelta(days=CLAIM_DAYS),
        **values,
    )
    db.session.add(claim)
    db.session.commit()
    return claim


def log(candidate: Candidate, field: str, old, new, source: str, by: str) -> None:
    """Record one applied change and mark the listing as updated."""
    moment = now()
    db.session.add(
        ChangeLog(
            candidate_id=candidate.id,
            field=field,
            old=old or "",
            new=new or "",
            source=source,
            changed_by=by,
            changed_at=moment,
        )
    )
    candidate.updated_at = moment


def _set(candidate: Candidate, request: CorrectionRequest, source: str, by: str) -> None:
    field, value = request.field, request.proposed
    if field in ("display_name", "list_name"):
        log(candidate, field, getattr(candidate, field), value, source, by)
        setattr(candidate, field, value)
        names = f"{candidate.official_name} {candidate.display_name}"
        candidate.search_key = search_key(names)[:240]
        candidate.compact_key = compact_key(names)[:240]
    elif field == "statement":
        log(candidate, field, candidate.statement, value, source, by)
        candidate.statement = value
        candidate.statement_updated_at = now()
        candidate.statement_author = CANDIDATE_AUTHOR
    elif field == "channel_add":
        exists = any(c.url == value for c in candidate.channels)
        if not exists:
            handle = "" if request.platform in ("website", "other") else value.rsplit("/", 1)[-1]
            channel = Channel(platform=request.platform, url=value, handle=handle, source=source)
            candidate.channels.append(channel)
            log(candidate, "channel", "", value, source, by)
    elif field == "channel_remove":
        removed = db.session.execute(
            delete(Channel).where(Channel.candidate_id == candidate.id, Channel.url == value)
        ).rowcount
        if removed:
            log(candidate, "channel removed", value, "", source, by)


def decide_request(request: CorrectionRequest, apply: bool, by: str, note: str = "") -> None:
    """Apply (with a log entry per change) or reject a pending correction request."""
    if request.state != "pending":
        raise ValueError("this request was already decided")
    if apply:
        source = f"correction request #{request.id}"
        _set(db.session.get(Candidate, request.candidate_id), request, source, by)
    request.state = "applied" if apply else "rejected"
    request.decided_at, request.decided_by, request.note = now(), by, note[:2000]
    db.session.commit()


def decide_claim(claim: ChannelClaim, confirm: bool, by: str) -> None:
    """Confirm (the channel is then «proven») or reject a pending ownership claim."""
    if claim.state != "pending":
        raise ValueError("this claim was already decided")
    if confirm and as_utc(claim.expires_at) <= now():
        raise ValueError("this claim's code has expired")
    if confirm:
        candidate = db.session.get(Candidate, claim.candidate_id)
        channel = next((c for c in candidate.channels if c.url == claim.url), None)
        source = f"ownership code {claim.code}"
        if channel is None:
            channel = Channel(platform=claim.platform, owner=claim.owner, url=claim.url)
            candidate.channels.append(channel)
            log(candidate, "channel", "", claim.url, source, by)
        log(candidate, "channel verification", channel.verification, "proven", source, by)
        channel.verification, channel.source = "proven", source
        channel.last_checked = now().date()
    claim.state = "confirmed" if confirm else "rejected"
    claim.decided_at, claim.decided_by = now(), by
    db.session.commit()


def pending() -> tuple[list[CorrectionRequest], list[ChannelClaim]]:
    """Every pending request and claim, oldest first."""
    requests = db.session.scalars(
        select(CorrectionRequest)
        .where(CorrectionRequest.state == "pending")
        .order_by(CorrectionRequest.created_at)
    )
    claims = db.session.scalars(
        select(ChannelClaim)
        .where(ChannelClaim.state == "pending")
        .order_by(ChannelClaim.created_at)
    )
    return list(requests), list(claims)
