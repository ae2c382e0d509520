"""Polling stations (شعب اخذ رای) and the stops of mobile stations."""

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db

VENUE_KINDS = ("school", "mosque", "office", "other")
AUDIENCES = ("mixed", "men", "women")
TRISTATE = ("yes", "no", "unknown")
ACCESS_FACTS = ("step_free", "ramp", "accessible_toilet", "parking")
LOCATION_SOURCES = ("official", "surveyed", "geocoded", "city_point", "sample")


class Station(db.Model):
    """One polling station; its code is text so leading zeros survive."""

    __table_args__ = (
        Index("ix_station_geo", "published", "lat", "lon"),
        Index("ix_station_place", "constituency_id", "county_id", "city_id", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("election.id"))
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituency.id"))
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(240))
    venue_kind: Mapped[str] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(Text)
    landmark: Mapped[str] = mapped_column(Text, default="")
    neighbourhood: Mapped[str] = mapped_column(String(120), default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    location_source: Mapped[str] = mapped_column(String(12))
    is_mobile: Mapped[bool] = mapped_column(default=False)
    audience: Mapped[str] = mapped_column(String(6), default="mixed")
    opens_at: Mapped[dt.time] = mapped_column(Time)
    closes_at: Mapped[dt.time] = mapped_column(Time)
    extended_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    extension_announced_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    electronic: Mapped[bool] = mapped_column(default=False)
    step_free: Mapped[str] = mapped_column(String(7), default="unknown")
    ramp: Mapped[str] = mapped_column(String(7), default="unknown")
    accessible_toilet: Mapped[str] = mapped_column(String(7), default="unknown")
    parking: Mapped[str] = mapped_column(String(7), default="unknown")
    published: Mapped[bool] = mapped_column(default=True)
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    election = relationship("Election")
    constituency = relationship("Constituency")
    county = relationship("County")
    city = relationship("City")
    stops: Mapped[list["MobileStop"]] = relationship(
        back_populates="station", cascade="all, delete-orphan", order_by="MobileStop.starts_at"
    )


class MobileStop(db.Model):
    """Where a mobile station stands and when."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("station.id"), index=True)
    place: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.time] = mapped_column(Time)
    ends_at: Mapped[dt.time] = mapped_column(Time)

    station: Mapped[Station] = relationship(back_populates="stops")
