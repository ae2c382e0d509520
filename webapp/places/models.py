"""Provinces, counties, districts (بخش) and cities from the real data pack."""

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db


class Province(db.Model):
    """One of Iran's 31 provinces (استان)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    iso: Mapped[str] = mapped_column(String(8), unique=True)
    name_fa: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    search_key: Mapped[str] = mapped_column(String(120), index=True)
    compact_key: Mapped[str] = mapped_column(String(120), index=True)
    label_lat: Mapped[float] = mapped_column(Float)
    label_lon: Mapped[float] = mapped_column(Float)
    boundary: Mapped[str | None] = mapped_column(Text, deferred=True)

    counties: Mapped[list["County"]] = relationship(back_populates="province")


class County(db.Model):
    """A county (شهرستان); SCI counties keep their county_id, OSM-only ones use the relation id."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    province_id: Mapped[int] = mapped_column(ForeignKey("province.id"), index=True)
    name_fa: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    search_key: Mapped[str] = mapped_column(String(120), index=True)
    compact_key: Mapped[str] = mapped_column(String(120), index=True)
    osm_relation: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(40))
    label_lat: Mapped[float] = mapped_column(Float)
    label_lon: Mapped[float] = mapped_column(Float)
    boundary: Mapped[str | None] = mapped_column(Text, deferred=True)

    province: Mapped[Province] = relationship(back_populates="counties")


class Sector(db.Model):
    """A district (بخش); some constituencies cover only one district of a county."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    name_fa: Mapped[str] = mapped_column(String(80))

    county: Mapped[County] = relationship()


class City(db.Model):
    """A city (شهر) with its point; `coord_trusted` is false where the pack flags a namesake."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), index=True)
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sector.id"), index=True)
    name_fa: Mapped[str] = mapped_column(String(80))
    search_key: Mapped[str] = mapped_column(String(120), index=True)
    compact_key: Mapped[str] = mapped_column(String(120), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    coord_trusted: Mapped[bool] = mapped_column(default=True)

    county: Mapped[County] = relationship()
