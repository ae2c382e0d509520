"""`flask data` commands for candidates: imports, sample data, private links and review.

The commands are plain click commands listed in COMMANDS; webapp/data/cli.py adds them to the
`flask data` group. Helpers of that module are imported inside the functions, so importing this
module from there never goes round in a circle.
"""

from pathlib import Path

import click
from flask.cli import with_appcontext

PATH = click.Path(exists=True, dir_okay=False, path_type=Path)


def _import(importer, path: Path) -> None:
    from webapp.data.cli import rebuild_search, run_import

    report = run_import(importer, path)
    if report.updated:
        rebuild_search()  # new and removed rows re-index on commit; renamed ones need this


@click.command("import-candidates")
@click.argument("path", type=PATH)
@with_appcontext
def import_candidates_command(path):
    """Import the official candidate list (CSV): all rows in one transaction, or none."""
    from webapp.candidates.import_candidates import import_candidates

    _import(import_candidates, path)


@click.command("import-channels")
@click.argument("path", type=PATH)
@with_appcontext
def import_channels_command(path):
    """Import candidates' channels and constituencies' campaign spaces (CSV), all or nothing."""
    from webapp.candidates.import_channels import import_channels

    _import(import_channels, path)


@click.command("import-broadcasts")
@click.argument("path", type=PATH)
@with_appcontext
def import_broadcasts_command(path):
    """Import the local broadcast schedule (CSV), all or nothing."""
    from webapp.candidates.import_broadcasts import import_broadcasts

    _import(import_broadcasts, path)


@click.command("sample-candidates")
@click.option("--seed", default=1402, show_default=True, help="Same seed, same candidates.")
@click.option("--total", default=15_200, show_default=True, help="How many candidates.")
@with_appcontext
def sample_candidates_command(seed, total):
    """Generate sample candidates with channels, campaign spaces and broadcasts (all marked)."""
    from webapp.candidates.sample import generate_sample_candidates
    from webapp.data.cli import _print_report, refresh_statistics

    report = generate_sample_candidates(seed=seed, total=total)
    refresh_statistics()
    _print_report(report)


def ensure_sample_candidates(seed: int) -> bool:
    """Generate the sample candidates when the database has none (the search index follows)."""
    from sqlalchemy import func, select

    from webapp.candidates.models import Candidate
    from webapp.candidates.sample import generate_sample_candidates
    from webapp.data.cli import _print_report, refresh_statistics
    from webapp.extensions import db

    if db.session.scalar(select(func.count()).select_from(Candidate)):
        return False
    _print_report(generate_sample_candidates(seed=seed))
    refresh_statistics()
    return True


def _base_url(value: str | None) -> str:
    from flask import current_app

    configured = current_app.config.get("PUBLIC_BASE_URL")
    return (value or configured or "http://127.0.0.1:5000").rstrip("/")


@click.command("candidate-links")
@click.option("--candidate", "candidate_ids", multiple=True, type=int, help="A candidate id.")
@click.option("--constituency", "constituency_ids", multiple=True, type=int)
@click.option("--all", "everyone", is_flag=True, help="Every candidate.")
@click.option("--rotate", is_flag=True, help="Replace links already issued (old ones stop).")
@click.option("--qr", type=click.Choice(["none", "terminal", "svg"]), default="none")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--base-url", default=None, help="Site address (default: PUBLIC_BASE_URL).")
@with_appcontext
def candidate_links_command(candidate_ids, constituency_ids, everyone, rotate, qr, out, base_url):
    """Print private self-check links (and QR codes) for mailing to candidates."""
    from webapp.candidates.links_cli import issue_links

    if not (candidate_ids or constituency_ids or everyone):
        raise click.UsageError("choose --candidate ID, --constituency ID or --all")
    if qr == "svg" and out is None:
        raise click.UsageError("--qr svg needs --out DIR")
    issue_links(candidate_ids, constituency_ids, everyone, rotate, qr, out, _base_url(base_url))


@click.command("moderator-link")
@click.option("--label", required=True, help="Who moderates, as shown in the change log.")
@click.option("--base-url", default=None)
@with_appcontext
def moderator_link_command(label, base_url):
    """Create a moderator and print their private link (shown once; only a hash is kept)."""
    from webapp.candidates.access import issue_moderator_token
    from webapp.extensions import db

    token = issue_moderator_token(label[:80])
    db.session.commit()
    click.echo(f"{_base_url(base_url)}/moderate?t={token}")


@click.command("review")
@click.option("--list", "list_only", is_flag=True, help="List pending items and stop.")
@click.option("--apply", "apply_ids", multiple=True, type=int, help="Apply a correction request.")
@click.option("--reject", "reject_ids", multiple=True, type=int, help="Reject a request.")
@click.option("--confirm-claim", "confirm_ids", multiple=True, type=int)
@click.option("--reject-claim", "unclaim_ids", multiple=True, type=int)
@click.option("--note", default="", help="Note to the candidate with --apply/--reject.")
@click.option("--as", "label", default="console", show_default=True, help="Moderator name.")
@with_appcontext
def review_command(list_only, apply_ids, reject_ids, confirm_ids, unclaim_ids, note, label):
    """Moderate correction requests and ownership claims from the terminal."""
    from webapp.candidates.review_cli import review

    review(list_only, apply_ids, reject_ids, confirm_ids, unclaim_ids, note, label)


COMMANDS = (
    import_candidates_command,
    import_channels_command,
    import_broadcasts_command,
    sample_candidates_command,
    candidate_links_command,
    moderator_link_command,
    review_command,
)
