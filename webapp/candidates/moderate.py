"""The moderator's page: pending corrections and ownership claims, applied or rejected.

Signed in like the candidate page: `/moderate?t=TOKEN` (from `flask data moderator-link`)
sets a signed session and redirects to `/moderate`; anything else is a plain 404.
"""

from flask import (
    Blueprint,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from webapp.candidates import access, moderation
from webapp.candidates.access import check_csrf
from webapp.candidates.models import ChannelClaim, CorrectionRequest
from webapp.extensions import db
from webapp.security import csrf_token, private_headers

bp = Blueprint("moderate", __name__, url_prefix="/moderate")
SESSION_KEY = "moderator"
bp.after_request(private_headers)


def _moderator():
    data = session.get(SESSION_KEY)
    if not isinstance(data, list) or len(data) != 2:
        abort(404)
    moderator = access.moderator_for_session(*data)
    if moderator is None:
        abort(404)
    return moderator


@bp.get("")
def page():
    """With ?t=TOKEN sign in and redirect; otherwise every pending request and claim."""
    token = request.args.get("t")
    if token is not None:
        moderator = access.moderator_for_token(token)
        if moderator is None:
            abort(404)
        session[SESSION_KEY] = [moderator.id, moderator.token_hash]
        return redirect(url_for("moderate.page"), 303)
    moderator = _moderator()
    requests, claims = moderation.pending()
    return render_template(
        "candidates/moderate.html",
        moderator=moderator,
        requests=requests,
        claims=claims,
        csrf=csrf_token(),
        messages=get_flashed_messages(),
    )


@bp.post("/requests/<int:request_id>")
def decide_request(request_id: int):
    """Apply or reject one correction request."""
    moderator = _moderator()
    check_csrf()
    item = db.session.get(CorrectionRequest, request_id)
    if item is None:
        abort(404)
    action = request.form.get("action")
    if action not in ("apply", "reject"):
        abort(400)
    try:
        moderation.decide_request(
            item, action == "apply", moderator.label, request.form.get("note", "")
        )
    except ValueError:
        flash(_("This request was already decided."))
    else:
        flash(_("Request applied.") if action == "apply" else _("Request rejected."))
    return redirect(url_for("moderate.page"), 303)


@bp.post("/claims/<int:claim_id>")
def decide_claim(claim_id: int):
    """Confirm or reject one ownership claim."""
    moderator = _moderator()
    check_csrf()
    claim = db.session.get(ChannelClaim, claim_id)
    if claim is None:
        abort(404)
    action = request.form.get("action")
    if action not in ("confirm", "reject"):
        abort(400)
    try:
        moderation.decide_claim(claim, action == "confirm", moderator.label)
    except ValueError:
        flash(_("This claim was already decided or its code has expired."))
    else:
        flash(_("Channel confirmed as proven.") if action == "confirm" else _("Claim rejected."))
    return redirect(url_for("moderate.page"), 303)


@bp.post("/leave")
def leave():
    """Sign out of the moderator page on this device."""
    _moderator()
    check_csrf()
    session.pop(SESSION_KEY, None)
    return redirect(url_for("core.home"), 303)
