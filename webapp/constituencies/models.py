"""The election and its constituencies (حوزه‌های انتخابیه)."""

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db


class Election(db.Model):
    """One election day with its default polling hours (Asia/Tehran wall-clock times)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_fa: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    polling_date: Mapped[dt.date] = mapped_column(Date)
    opens_at: Mapped[dt.time] = mapped_column(Time)
    closes_at: Mapped[dt.time] = mapped_column(Time)


class Constituency(db.Model):
    """A Majlis constituency: seats and the counties or districts it covers."""

    __table_args__ = (UniqueConstraint("election_id", "province_iso", "name_fa"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"), index=True)
    province_id: Mapped[int | None] = mapped_column(ForeignKey("province.id"), index=True)
    province_iso: Mapped[str] = mapped_column(String(12))
    name_fa: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(240), index=True)
    compact_key: Mapped[str] = mapped_column(String(240), index=True)
    seats: Mapped[int] = mapped_column(Integer)
    seats_basis: Mapped[str] = mapped_column(Text, default="")
    fully_electronic: Mapped[bool] = mapped_column(default=False)
    is_minority: Mapped[bool] = mapped_column(default=False)
    unmatched_parts: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(Text, default="")

    province = relationship("Province")
    areas: Mapped[list["ConstituencyArea"]] = relationship(
        back_populates="constituency", cascade="all, delete-orphan"
    )


class ConstituencyArea(db.Model):
    """A county covered by a constituency, whole (sector_id null) or one of its districts."""

    __table_args__ = (UniqueConstraint("constituency_id", "county_id", "sector_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"), index=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"))

    constituency: Mapped[Constituency] = relationship(back_populates="areas")
    county = relationship("County")
    sector = relationship("Sector")
