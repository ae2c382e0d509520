"""Issuing private self-check links in bulk, with QR codes for letters."""

from pathlib import Path

import click
import segno
from sqlalchemy import or_, select

from webapp.candidates.access import issue_candidate_token
from webapp.candidates.models import Candidate, CandidateAccess
from webapp.extensions import db


def _chosen(candidate_ids, constituency_ids, everyone) -> list[Candidate]:
    query = select(Candidate).order_by(Candidate.constituency_id, Candidate.sort_key, Candidate.id)
    if not everyone:
        query = query.where(
            or_(
                Candidate.id.in_(candidate_ids or [-1]),
                Candidate.constituency_id.in_(constituency_ids or [-1]),
            )
        )
    return list(db.session.scalars(query))


def issue_links(candidate_ids, constituency_ids, everyone, rotate, qr, out: Path | None, base):
    """Issue tokens (new ones only, unless `rotate`) and print one line per candidate."""
    candidates = _chosen(candidate_ids, constituency_ids, everyone)
    if not candidates:
        raise click.ClickException("no candidate matches")
    issued = set(db.session.scalars(select(CandidateAccess.candidate_id)))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for candidate in candidates:
        label = f"{candidate.id}\t{candidate.ref}\t{candidate.display_name}"
        if candidate.id in issued and not rotate:
            click.echo(f"{label}\t(link already issued; --rotate replaces it)")
            continue
        link = f"{base}/candidates/self?t={issue_candidate_token(candidate.id)}"
        click.echo(f"{label}\t{link}")
        code = segno.make(link, error="m")
        if qr == "terminal":
            code.terminal(compact=True)
        elif qr == "svg":
            code.save(str(out / f"candidate-{candidate.id}.svg"), scale=4, title=candidate.ref)
    db.session.commit()
