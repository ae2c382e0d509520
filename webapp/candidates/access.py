"""Issuing and checking private tokens for candidates and moderators (only hashes are stored)."""

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import select

from webapp.candidates.models import Candidate, CandidateAccess, Moderator
from webapp.errors import BadInput
from webapp.extensions import db
from webapp.security import (
    equal,
    new_token,
    plausible_token,
    same_hash,
    session_csrf_ok,
    token_hash,
)


def check_csrf() -> None:
    """Refuse a POST without this session's form token, or from another site (400, no change)."""
    if not session_csrf_ok():
        raise BadInput(
            _(
                "This form has expired or did not come from this site. "
                "Open your private link again and send the form once more."
            )
        )


def issue_candidate_token(candidate_id: int) -> str:
    """A new private token for a candidate; any earlier link of theirs stops working."""
    token = new_token()
    access = db.session.scalar(select(CandidateAccess).filter_by(candidate_id=candidate_id))
    if access is None:
        access = CandidateAccess(candidate_id=candidate_id)
        db.session.add(access)
    access.token_hash = token_hash(token)
    access.created_at = dt.datetime.now(dt.UTC)
    return token


def candidate_for_token(token: str | None) -> tuple[Candidate, str] | None:
    """(candidate, stored hash) for a valid token, else None."""
    if not plausible_token(token):
        return None
    access = db.session.scalar(select(CandidateAccess).filter_by(token_hash=token_hash(token)))
    if access is None or not same_hash(access.token_hash, token):
        return None
    return db.session.get(Candidate, access.candidate_id), access.token_hash


def candidate_for_session(candidate_id, stored_hash) -> Candidate | None:
    """The candidate of a signed-in session, while their link is still the current one."""
    if not isinstance(candidate_id, int) or not isinstance(stored_hash, str):
        return None
    access = db.session.scalar(select(CandidateAccess).filter_by(candidate_id=candidate_id))
    if access is None or not same_hash_of_hashes(access.token_hash, stored_hash):
        return None
    return db.session.get(Candidate, candidate_id)


def same_hash_of_hashes(a: str, b: str) -> bool:
    """Constant-time equality of two stored hashes."""
    return equal(a, b)


def issue_moderator_token(label: str) -> str:
    """A new moderator with a private token."""
    token = new_token()
    db.session.add(
        Moderator(label=label, token_hash=token_hash(token), created_at=dt.datetime.now(dt.UTC))
    )
    return token


def moderator_for_token(token: str | None) -> Moderator | None:
    """The active moderator holding a token, else None."""
    if not plausible_token(token):
        return None
    moderator = db.session.scalar(select(Moderator).filter_by(token_hash=token_hash(token)))
    if moderator is None or moderator.revoked or not same_hash(moderator.token_hash, token):
        return None
    return moderator


def moderator_for_session(moderator_id, stored_hash) -> Moderator | None:
    """The moderator of a signed-in session, unless revoked."""
    if not isinstance(moderator_id, int) or not isinstance(stored_hash, str):
        return None
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None or moderator.revoked:
        return None
    return moderator if same_hash_of_hashes(moderator.token_hash, stored_hash) else None
