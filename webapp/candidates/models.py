"""Candidates, their status history and channels, campaign spaces, broadcast slots."""

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db

STATUSES = ("approved", "elected", "withdrawn", "disqualified", "registered")
OWNERS = ("official", "campaign", "personal")
VERIFICATIONS = ("unverified", "listed", "proven")


class Candidate(db.Model):
    """One person standing in one constituency, named exactly as on the official list."""

    __table_args__ = (
        UniqueConstraint("election_id", "ref"),
        UniqueConstraint("constituency_id", "ballot_code"),
        Index("ix_candidate_list", "constituency_id", "sort_key"),
        Index("ix_candidate_status", "constituency_id", "status", "sort_key"),
        Index("ix_candidate_find", "constituency_id", "compact_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"))
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"))
    ref: Mapped[str] = mapped_column(String(40))
    official_name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200))
    sort_name: Mapped[str] = mapped_column(String(200))
    sort_key: Mapped[str] = mapped_column(String(400))
    search_key: Mapped[str] = mapped_column(String(240))
    compact_key: Mapped[str] = mapped_column(String(240))
    ballot_code: Mapped[str | None] = mapped_column(String(10))
    list_name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(12))
    status_date: Mapped[dt.date | None] = mapped_column(Date)
    status_source: Mapped[str] = mapped_column(String(300), default="")
    incumbent: Mapped[bool] = mapped_column(default=False)
    photo_path: Mapped[str] = mapped_column(String(300), default="")
    photo_source: Mapped[str] = mapped_column(String(300), default="")
    statement: Mapped[str] = mapped_column(Text, default="")
    statement_updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    statement_author: Mapped[str] = mapped_column(String(120), default="")
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    constituency = relationship("Constituency")
    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="candidate",
        cascade="all, delete-orphan",
        order_by="(StatusChange.effective_on, StatusChange.id)",
    )
    channels: Mapped[list["Channel"]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", order_by="Channel.id"
    )


class StatusChange(db.Model):
    """A dated status with its source; the newest one is the candidate's `status`."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    effective_on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    candidate: Mapped[Candidate] = relationship(back_populates="history")


class Channel(db.Model):
    """A candidate's page on a messenger or the web, canonical URL, owner and verification."""

    __table_args__ = (UniqueConstraint("candidate_id", "url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    platform: Mapped[str] = mapped_column(String(12))
    owner: Mapped[str] = mapped_column(String(10), default="official")
    url: Mapped[str] = mapped_column(String(500))
    handle: Mapped[str] = mapped_column(String(64), default="")
    verification: Mapped[str] = mapped_column(String(10), default="unverified")
    source: Mapped[str] = mapped_column(String(300), default="")
    last_checked: Mapped[dt.date | None] = mapped_column(Date)
    is_sample: Mapped[bool] = mapped_column(default=False)

    candidate: Mapped[Candidate] = relationship(back_populates="channels")


class CampaignSpace(db.Model):
    """A messenger's campaign space for one constituency."""

    __table_args__ = (UniqueConstraint("constituency_id", "platform"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"))
    platform: Mapped[str] = mapped_column(String(12))
    url: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(300), default="")
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class BroadcastSlot(db.Model):
    """A programme on a local frequency, for one candidate or the whole constituency."""

    __table_args__ = (
        UniqueConstraint("constituency_id", "frequency", "starts_at"),
        Index("ix_broadcast_slot_when", "constituency_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"))
    broadcaster: Mapped[str] = mapped_column(String(200))
    frequency: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidate.id"), index=True)
    is_sample: Mapped[bool] = mapped_column(default=False)

    candidate = relationship("Candidate")


class CandidateAccess(db.Model):
    """The SHA-256 of a candidate's private self-check token; the token itself is never stored."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Moderator(db.Model):
    """A person who reviews requests; signs in with a private token (stored as its hash)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(default=False)


REQUEST_FIELDS = (
    "display_name",
    "list_name",
    "statement",
    "channel_add",
    "channel_remove",
    "other",
)
REQUEST_STATES = ("pending", "applied", "rejected")


class CorrectionRequest(db.Model):
    """A candidate's request to change their listing; nothing changes until a moderator applies."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    field: Mapped[str] = mapped_column(String(20))
    platform: Mapped[str] = mapped_column(String(12), default="")
    proposed: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(String(500), default="")
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    candidate = relationship("Candidate")


class ChannelClaim(db.Model):
    """A one-time code a candidate posts on a channel to prove it is theirs."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    platform: Mapped[str] = mapped_column(String(12))
    owner: Mapped[str] = mapped_column(String(10), default="official")
    url: Mapped[str] = mapped_column(String(500))
    code: Mapped[str] = mapped_column(String(24), unique=True)
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str] = mapped_column(String(80), default="")

    candidate = relationship("Candidate")


class ChangeLog(db.Model):
    """One applied change to a public listing: when, what, old and new value, and its source."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidate.id"), index=True)
    constituency_id: Mapped[int | None] = mapped_column(ForeignKey("constituency.id"))
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(300))
    changed_by: Mapped[str] = mapped_column(String(80), default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
