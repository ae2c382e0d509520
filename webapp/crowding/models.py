"""Staff reporting links, queue reports and rate-limit state kept in the database."""

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class StationToken(db.Model):
    """A station head's private reporting link; only the SHA-256 of its token is stored."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[int] = mapped_column(
        ForeignKey("station.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class QueueReport(db.Model):
    """One queue report: level 0 (none) to 4 (very long), from staff or from a voter."""

    __table_args__ = (Index("ix_queue_report_station_time", "station_id", "reported_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id", ondelete="CASCADE"))
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    level: Mapped[int] = mapped_column(SmallInteger)
    source: Mapped[str] = mapped_column(String(6))
    people: Mapped[int | None] = mapped_column(Integer)
    simulated: Mapped[bool] = mapped_column(default=False)


class QueueRate(db.Model):
    """Rate-limit state of one key (GCRA: the theoretical arrival time, epoch seconds)."""

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    tat: Mapped[float] = mapped_column(Float)
