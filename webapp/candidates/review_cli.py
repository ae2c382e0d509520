"""`flask data review`: moderation from the terminal, by option or one pending item at a time."""

import click

from webapp.candidates import moderation
from webapp.candidates.models import ChannelClaim, CorrectionRequest
from webapp.extensions import db


def _describe_request(r: CorrectionRequest) -> str:
    evidence = f"\n    evidence: {r.evidence}" if r.evidence else ""
    return (
        f"request #{r.id} · candidate {r.candidate_id} ({r.candidate.display_name}) · {r.field}"
        f"{' · ' + r.platform if r.platform else ''}\n    proposed: {r.proposed}{evidence}"
    )


def _describe_claim(c: ChannelClaim) -> str:
    return (
        f"claim #{c.id} · candidate {c.candidate_id} ({c.candidate.display_name}) · {c.platform}"
        f"\n    look for {c.code} on {c.url}"
    )


def _decide(model, item_id: int, decide, verdict: bool, label: str, *extra) -> None:
    item = db.session.get(model, item_id)
    if item is None:
        raise click.ClickException(f"no {model.__tablename__} #{item_id}")
    try:
        decide(item, verdict, label, *extra)
    except ValueError as exc:
        raise click.ClickException(f"#{item_id}: {exc}") from None
    click.echo(f"#{item_id}: {'done' if verdict else 'rejected'}")


def _interactive(label: str) -> None:
    requests, claims = moderation.pending()
    for item in requests + claims:
        is_request = isinstance(item, CorrectionRequest)
        click.echo(_describe_request(item) if is_request else _describe_claim(item))
        answer = click.prompt(
            "  [a]pply / [r]eject / [s]kip" if is_request else "  [c]onfirm / [r]eject / [s]kip",
            type=click.Choice(["a", "c", "r", "s"]),
            default="s",
        )
        if answer == "s":
            continue
        verdict = answer in ("a", "c")
        if is_request:
            moderation.decide_request(item, verdict, label)
        else:
            moderation.decide_claim(item, verdict, label)
        click.echo("  done" if verdict else "  rejected")


def review(list_only, apply_ids, reject_ids, confirm_ids, unclaim_ids, note, label) -> None:
    """List, decide the given items, or walk through every pending item."""
    decisions = (
        [(CorrectionRequest, i, moderation.decide_request, True, note) for i in apply_ids]
        + [(CorrectionRequest, i, moderation.decide_request, False, note) for i in reject_ids]
        + [(ChannelClaim, i, moderation.decide_claim, True) for i in confirm_ids]
        + [(ChannelClaim, i, moderation.decide_claim, False) for i in unclaim_ids]
    )
    for model, item_id, decide, verdict, *extra in decisions:
        _decide(model, item_id, decide, verdict, label, *extra)
    if decisions:
        return
    requests, claims = moderation.pending()
    if list_only or not (requests or claims):
        for r in requests:
            click.echo(_describe_request(r))
        for c in claims:
            click.echo(_describe_claim(c))
        click.echo(f"{len(requests)} request(s) and {len(claims)} claim(s) pending")
        return
    _interactive(label)
