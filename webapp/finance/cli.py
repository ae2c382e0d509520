"""`flask data` commands for campaign finance: import, sample, caps and the roll-up check."""

import datetime as dt
from pathlib import Path

import click
from flask.cli import with_appcontext

PATH = click.Path(exists=True, dir_okay=False, path_type=Path)
SAMPLE_ROWS = 1_000_000


def _as_of(value: str | None) -> dt.datetime | None:
    """An ISO date-time (UTC if no offset) or a Jalali date (midnight, Tehran)."""
    if not value:
        return None
    from webapp.finance.rows import parse_day
    from webapp.text.dates import TEHRAN

    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        day = parse_day(value, "--as-of")
        return dt.datetime.combine(day, dt.time(), tzinfo=TEHRAN)
    return instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)


@click.command("import-finance")
@click.argument("path", type=PATH)
@click.option("--as-of", default=None, help="When the bank extracted the feed (default: now).")
@with_appcontext
def import_finance_command(path, as_of):
    """Import a bank feed with self-reports (CSV): all rows in one transaction, or none."""
    from webapp.data.cli import run_import
    from webapp.finance.importer import import_finance
    from webapp.finance.load import vacuum_finance

    run_import(import_finance, path, _as_of(as_of))
    vacuum_finance()


@click.command("sample-finance")
@click.option("--rows", default=SAMPLE_ROWS, show_default=True, help="How many rows.")
@click.option("--seed", default=1402, show_default=True, help="Same seed, same rows.")
@with_appcontext
def sample_finance_command(rows, seed):
    """Generate sample finance for sample candidates only (every name marked sample)."""
    from webapp.data.cli import _print_report, refresh_statistics
    from webapp.finance.load import vacuum_finance
    from webapp.finance.sample import generate_sample_finance

    report = generate_sample_finance(rows=rows, seed=seed)
    refresh_statistics()
    vacuum_finance()
    _print_report(report)


@click.command("finance-caps")
@click.argument("path", type=PATH)
@with_appcontext
def finance_caps_command(path):
    """Load official spending caps (CSV: constituency, cap_rial, basis, source), all or none."""
    from webapp.data.cli import _fail, _print_report
    from webapp.data.importer import ImportRefused
    from webapp.finance.caps import import_caps

    try:
        report = import_caps(path)
    except ImportRefused as exc:
        _print_report(exc.report)
        _fail(f"{path.name} was refused whole; the database is unchanged.")
    _print_report(report)


@click.command("check-finance")
@click.option("--rebuild", is_flag=True, help="Rebuild the roll-ups from the rows first.")
@with_appcontext
def check_finance_command(rebuild):
    """Check that every candidate summary and cube equals the sum of the live rows."""
    from webapp.data.cli import _fail
    from webapp.extensions import db
    from webapp.finance.cubes import cube_differences, rebuild_cubes
    from webapp.finance.load import latest_batch
    from webapp.finance.summaries import rebuild_summaries, summary_differences

    batch = latest_batch()
    if batch is None:
        click.echo("no finance data loaded")
        return
    if rebuild:
        rebuild_cubes()
        rebuild_summaries(batch.id)
        db.session.commit()
    wrong, cubes = summary_differences(), cube_differences()
    if wrong or cubes:
        _fail(
            f"summaries differ for candidates {wrong[:20]}; cubes for constituencies {cubes[:20]}"
        )
    click.echo("finance roll-ups equal the rows")


def ensure_sample_finance(seed: int, rows: int = SAMPLE_ROWS) -> bool:
    """Generate sample finance when there are sample candidates but no finance rows."""
    from sqlalchemy import select

    from webapp.candidates.models import Candidate
    from webapp.data.cli import _print_report, refresh_statistics
    from webapp.extensions import db
    from webapp.finance.load import has_finance_rows, vacuum_finance
    from webapp.finance.sample import generate_sample_finance

    if has_finance_rows():
        return False
    if (
        db.session.scalar(select(Candidate.id).where(Candidate.is_sample.is_(True)).limit(1))
        is None
    ):
        return False
    _print_report(generate_sample_finance(rows=rows, seed=seed))
    refresh_statistics()
    vacuum_finance()
    return True


COMMANDS = (
    import_finance_command,
    sample_finance_command,
    finance_caps_command,
    check_finance_command,
)
