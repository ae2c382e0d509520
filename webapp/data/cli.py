"""`flask data …`: load the data pack, import official files, generate sample data."""

import datetime as dt
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, or_, select

from webapp.candidates.cli import COMMANDS as CANDIDATE_COMMANDS
from webapp.data.importer import ImportRefused, Report
from webapp.data.models import DataLoad
from webapp.data.pack import DataPack, DataPackError
from webapp.extensions import db
from webapp.finance.cli import COMMANDS as FINANCE_COMMANDS

data_cli = AppGroup("data", help="Load the data pack, import official files, make sample data.")
for _command in CANDIDATE_COMMANDS + FINANCE_COMMANDS:
    data_cli.add_command(_command)


def _print_report(report: Report) -> None:
    for line in report.lines():
        click.echo(line)


def _record(kind: str, reports: list[Report]) -> None:
    detail = "\n".join(line for r in reports for line in r.lines())
    db.session.add(DataLoad(kind=kind, detail=detail, loaded_at=dt.datetime.now(dt.UTC)))


def load_pack(data_dir: str) -> list[Report]:
    """Load places and constituencies from the pack in one transaction; return the reports."""
    from webapp.constituencies.importers import ConstituencyImporter
    from webapp.places.importers import (
        CityImporter,
        CountyImporter,
        ProvinceImporter,
        SectorImporter,
    )

    pack = DataPack(data_dir)
    reports = []
    try:
        for importer_class in (ProvinceImporter, CountyImporter, SectorImporter, CityImporter):
            reports.append(importer_class(pack).run())
        reports.append(ConstituencyImporter(pack).run())
        if pack.constituencies_partial:
            reports[-1].notes.append("only the partial constituency file was found")
        _record("pack", reports)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return reports


def refresh_statistics() -> None:
    """Let the query planner see the new data (ANALYZE on SQLite and PostgreSQL)."""
    from sqlalchemy import text

    db.session.execute(text("ANALYZE"))
    db.session.commit()


def rebuild_search() -> None:
    """Rebuild the search index and commit, printing what it holds.

    Loads need not call this: the search index rebuilds itself in the transaction of any load
    that inserts, deletes or renames places or stations (see webapp/search/follow.py).
    """
    from webapp.search import rebuild_index

    counts = rebuild_index()
    db.session.commit()
    click.echo("search index: " + ", ".join(f"{name} {value}" for name, value in counts.items()))


def _fail(message: str) -> None:
    click.secho(message, fg="red", err=True)
    sys.exit(1)


def run_import(importer, path: Path, *args) -> Report:
    """Run an all-or-nothing importer on a file and print its report, or the refusal and exit 1.

    A `ValueError` from the importer (a bad option, say) is printed as it is.
    """
    try:
        report = importer(path, *args)
    except ValueError as exc:
        _fail(str(exc))
    except ImportRefused as exc:
        _print_report(exc.report)
        _fail(
            f"{path.name} was refused whole ({len(exc.report.errors)} errors listed above); "
            "the database is unchanged."
        )
    refresh_statistics()
    _print_report(report)
    return report


@data_cli.command("load")
@click.option("--data-dir", default=None, help="Folder of the data pack (default: DATA_DIR).")
def load_command(data_dir):
    """Load provinces, counties, districts, cities, boundaries and constituencies (idempotent)."""
    try:
        reports = load_pack(data_dir or current_app.config["DATA_DIR"])
    except DataPackError as exc:
        _fail(str(exc))
    except ImportRefused as exc:
        _print_report(exc.report)
        _fail("The data pack was refused; the database is unchanged.")
    for report in reports:
        _print_report(report)


@data_cli.command("import-stations")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_stations_command(path):
    """Import an official polling-station CSV: all rows applied in one transaction, or none."""
    from webapp.stations.importer import import_stations

    run_import(import_stations, path)


@data_cli.command("sample-stations")
@click.option("--seed", default=1402, show_default=True, help="Same seed, same stations.")
@click.option("--total", default=59_000, show_default=True, help="How many stations.")
def sample_stations_command(seed, total):
    """Generate sample polling stations around the real geography (every one marked sample)."""
    from webapp.stations.sample import generate_sample_stations

    report = generate_sample_stations(seed=seed, total=total)
    refresh_statistics()
    _print_report(report)


@data_cli.command("ensure")
@click.option("--seed", default=1402, show_default=True)
def ensure_command(seed):
    """Load the pack and the sample stations and candidates only if missing (fast when done)."""
    from webapp.stations.models import Station

    if db.session.scalar(select(func.count()).select_from(DataLoad).filter_by(kind="pack")) == 0:
        try:
            reports = load_pack(current_app.config["DATA_DIR"])
        except DataPackError as exc:
            _fail(str(exc))
        for report in reports:
            _print_report(report)
    from webapp.candidates.cli import ensure_sample_candidates

    ensure_sample_candidates(seed)
    from webapp.finance.cli import ensure_sample_finance

    ensure_sample_finance(seed)
    if db.session.scalar(select(func.count()).select_from(Station)) == 0:
        from webapp.stations.sample import generate_sample_stations

        _print_report(generate_sample_stations(seed=seed))
        refresh_statistics()
        rebuild_search()
    elif _search_index_empty() or _search_keys_stale() or _search_words_missing():
        rebuild_search()
    click.echo("data ready")


def _search_index_empty() -> bool:
    """True for a database loaded before the search index existed."""
    from webapp.search.models import SearchEntry

    return db.session.scalar(select(SearchEntry.id).limit(1)) is None


def _search_keys_stale() -> bool:
    """True when the index was built with older skeleton keys (ones that kept a folded letter)."""
    return _skeleton_stale() or _translit_stale()


def _skeleton_stale() -> bool:
    """True when a Persian skeleton key still holds a letter that is folded now."""
    from webapp.search.models import SearchEntry
    from webapp.text.normalize import SKELETON_FOLDED

    folded = [SearchEntry.skeleton_key.contains(letter) for letter in SKELETON_FOLDED]
    return db.session.scalar(select(SearchEntry.id).where(or_(*folded)).limit(1)) is not None


def _translit_stale() -> bool:
    """True when names with پ or ژ have Latin skeletons of an older transliteration."""
    from webapp.search.keys import MAX_KEY
    from webapp.search.models import SearchEntry
    from webapp.search.translit import persian_skeleton

    rows = db.session.execute(
        select(SearchEntry.display, SearchEntry.translit_key)
        .where(or_(SearchEntry.display.contains("پ"), SearchEntry.display.contains("ژ")))
        .limit(20)
    ).all()
    return any(persian_skeleton(display)[:MAX_KEY] != key for display, key in rows)


def _search_words_missing() -> bool:
    """True for an index built before the Latin word skeletons (search_translit) existed."""
    from webapp.search.models import SearchTranslit

    return db.session.scalar(select(SearchTranslit.entry_id).limit(1)) is None


@data_cli.command("index")
def index_command():
    """Rebuild the search index from the places, stations and every other registered kind."""
    rebuild_search()
