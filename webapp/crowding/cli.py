"""`flask data station-links`, `revoke-station-link` and `simulate-day`."""

import datetime as dt
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from webapp.constituencies.models import Constituency, Election
from webapp.crowding import tokens
from webapp.crowding.clock import parse_instant
from webapp.crowding.hours import at_tehran
from webapp.crowding.queries import HOUR_COLUMNS, refs_for
from webapp.crowding.simulate import station_day
from webapp.crowding.store import get_store
from webapp.extensions import db
from webapp.stations.models import Station
from webapp.text.dates import TEHRAN

BATCH = 2000


def _fail(message: str) -> None:
    click.secho(message, fg="red", err=True)
    sys.exit(1)


def _print_link(issued: tokens.Issued, link: str, qr: bool, svg_dir: Path | None) -> None:
    import segno

    click.echo(f"{issued.code}\t{issued.name}\n{link}")
    code = segno.make(link, error="m")
    if qr:
        code.terminal(out=sys.stdout, compact=True)
    if svg_dir is not None:
        code.save(svg_dir / f"station-{issued.code}.svg", scale=4, border=2)


@click.command("station-links")
@click.option("--constituency", "cid", type=int, required=True, help="Constituency id.")
@click.option("--base-url", default=None, help="Site address in the links (PUBLIC_BASE_URL).")
@click.option("--rotate", is_flag=True, help="Revoke existing links and issue new ones.")
@click.option("--qr/--no-qr", default=True, show_default=True, help="Print QR codes.")
@click.option("--svg-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@with_appcontext
def station_links(cid, base_url, rotate, qr, svg_dir):
    """Issue private reporting links (with QR codes) for a constituency's station heads."""
    if db.session.get(Constituency, cid) is None:
        _fail(f"No constituency with id {cid}.")
    stations = tokens.stations_of(cid)
    base = base_url or current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000"
    issued, kept = tokens.issue(stations, rotate, dt.datetime.now(dt.UTC))
    if svg_dir is not None:
        svg_dir.mkdir(parents=True, exist_ok=True)
    for item in issued:
        _print_link(
            item, f"{base.rstrip('/')}/stations/{item.code}/staff?key={item.token}", qr, svg_dir
        )
    click.echo(f"{len(issued)} links issued for constituency {cid}.")
    if kept:
        click.echo(
            f"{kept} stations already have a link, which cannot be shown again (only its hash "
            "is stored); use --rotate to revoke those and issue new ones."
        )


@click.command("revoke-station-link")
@click.argument("code")
@with_appcontext
def revoke_station_link(code):
    """Revoke a station's reporting link at once (its head gets a new one with --rotate)."""
    station = db.session.scalar(select(Station).filter_by(code=code))
    if station is None:
        _fail(f"No station with code {code}.")
    count = tokens.revoke([station.id], dt.datetime.now(dt.UTC))
    db.session.commit()
    click.echo(f"{count} link(s) of station {code} revoked.")


def _sample_ids(cid: int | None, limit: int | None) -> list[int]:
    query = select(Station.id).where(Station.is_sample.is_(True), Station.published.is_(True))
    if cid is not None:
        query = query.where(Station.constituency_id == cid)
    return list(db.session.scalars(query.order_by(Station.id).limit(limit)))


def _simulate(ids: list[int], seed: int) -> dict[str, int]:
    store, counts = get_store(), {"reports": 0, "staff": 0, "silent": 0, "extended": 0}
    for start in range(0, len(ids), BATCH):
        stations = db.session.execute(
            select(*HOUR_COLUMNS).where(Station.id.in_(ids[start : start + BATCH]))
        ).all()
        rows = []
        for ref in refs_for(stations):
            day = station_day(ref, seed)
            rows += [(ref.id, report) for report in day]
            counts["staff"] += sum(1 for r in day if r.source == "staff")
            counts["silent"] += not any(r.source == "staff" for r in day)
            counts["extended"] += ref.hours.extended_until is not None
        store.add_many(rows, simulated=True)
        db.session.commit()
        counts["reports"] += len(rows)
    return counts


@click.command("simulate-day")
@click.option("--at", "at_text", default=None, help="Demo moment, e.g. 2024-03-01T11:30+03:30.")
@click.option("--seed", default=1402, show_default=True, help="Same seed, same day.")
@click.option("--constituency", "cid", type=int, default=None, help="Only this constituency.")
@click.option("--limit", type=int, default=None, help="Only the first N sample stations.")
@with_appcontext
def simulate_day(at_text, seed, cid, limit):
    """Store a realistic polling day of queue reports for the sample stations."""
    election = db.session.scalars(select(Election).order_by(Election.id)).first()
    if election is None:
        _fail("No election loaded: run `flask data load` first.")
    at = parse_instant(at_text) if at_text else at_tehran(election.polling_date, dt.time(11, 30))
    day = at.astimezone(TEHRAN).date()
    if day != election.polling_date:
        _fail(f"Stations are open only on polling day, {election.polling_date}; pick a time then.")
    ids = _sample_ids(cid, limit)
    start = at_tehran(day, dt.time())
    get_store().clear(ids, start, start + dt.timedelta(days=1))
    db.session.commit()
    counts = _simulate(ids, seed)
    click.echo(
        f"{counts['reports']:,} reports ({counts['staff']:,} from staff) for {len(ids):,} sample "
        f"stations on {day}; {counts['silent']:,} never report, {counts['extended']:,} have "
        f"extended hours. Store: {get_store().kind}."
    )
    local = at.astimezone(TEHRAN).isoformat(timespec="minutes")
    click.echo(f"See it live from that moment on: DEMO_NOW={local} make run")


def register_commands() -> None:
    """Add the commands to the `flask data` group (once)."""
    from webapp.data.cli import data_cli

    for command in (station_links, revoke_station_link, simulate_day):
        if command.name not in data_cli.commands:
            data_cli.add_command(command)
