"""Issuing and revoking the private reporting links of station heads."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from webapp.crowding.models import StationToken
from webapp.extensions import db
from webapp.security import new_token, token_hash
from webapp.stations.models import Station

STAFF_TOKEN_BYTES = 24  # 32 URL-safe characters: short enough for a printed QR code


@dataclass(frozen=True)
class Issued:
    """A station and its new token (shown once: only the hash is kept)."""

    code: str
    name: str
    token: str


def _active(station_ids: list[int]) -> set[int]:
    return set(
        db.session.scalars(
            select(StationToken.station_id).where(
                StationToken.station_id.in_(station_ids), StationToken.revoked_at.is_(None)
            )
        )
    )


def revoke(station_ids: list[int], now: dt.datetime) -> int:
    """Revoke every active token of these stations; return how many (the caller commits)."""
    return db.session.execute(
        update(StationToken)
        .where(StationToken.station_id.in_(station_ids), StationToken.revoked_at.is_(None))
        .values(revoked_at=now)
    ).rowcount


def issue(stations: list[Station], rotate: bool, now: dt.datetime) -> tuple[list[Issued], int]:
    """New tokens for stations without one (all of them with `rotate`); (issued, skipped)."""
    ids = [s.id for s in stations]
    if rotate:
        revoke(ids, now)
        holding: set[int] = set()
    else:
        holding = _active(ids)
    issued = []
    for station in stations:
        if station.id in holding:
            continue
        token = new_token(STAFF_TOKEN_BYTES)
        db.session.add(
            StationToken(station_id=station.id, token_hash=token_hash(token), created_at=now)
        )
        issued.append(Issued(station.code, station.name, token))
    db.session.commit()
    return issued, len(holding)


def stations_of(constituency_id: int) -> list[Station]:
    """The published stations of a constituency, by code."""
    return list(
        db.session.scalars(
            select(Station)
            .where(Station.constituency_id == constituency_id, Station.published.is_(True))
            .order_by(Station.code)
        )
    )
