"""A candidate's private page: their listing as the public sees it, corrections, channel proof.

The private link `/candidates/self?t=TOKEN` signs the browser in (a signed session cookie) and
redirects to `/candidates/self`, so the token leaves the address bar and history. An unknown
token, or no sign-in, is a plain 404 that says nothing about who exists.
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
from sqlalchemy import select

from webapp.candidates import access, forms, labels, moderation
from webapp.candidates.access import check_csrf
from webapp.candidates.link_formats import PLATFORMS
from webapp.candidates.models import OWNERS, REQUEST_FIELDS, ChannelClaim, CorrectionRequest
from webapp.candidates.views import page_context
from webapp.extensions import db
from webapp.security import csrf_token, private_headers

bp = Blueprint("selfcheck", __name__, url_prefix="/candidates/self")
SESSION_KEY = "candidate"
bp.after_request(private_headers)


@bp.record_once
def _cookie_policy(state) -> None:
    """Private pages sign in with a cookie: keep it from scripts and cross-site posts."""
    if state.app.config.get("SESSION_COOKIE_SAMESITE") is None:
        state.app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    state.app.config["SESSION_COOKIE_HTTPONLY"] = True


def _signed_in():
    data = session.get(SESSION_KEY)
    if not isinstance(data, list) or len(data) != 2:
        abort(404)
    candidate = access.candidate_for_session(*data)
    if candidate is None:
        abort(404)
    return candidate


def _render(candidate, errors=(), form=None, claim_form=None, status: int = 200):
    requests = db.session.scalars(
        select(CorrectionRequest)
        .where(CorrectionRequest.candidate_id == candidate.id)
        .order_by(CorrectionRequest.created_at.desc())
        .limit(20)
    ).all()
    claims = db.session.scalars(
        select(ChannelClaim)
        .where(ChannelClaim.candidate_id == candidate.id)
        .order_by(ChannelClaim.created_at.desc())
        .limit(20)
    ).all()
    body = render_template(
        "candidates/self.html",
        errors=list(errors),
        form=form or {},
        claim_form=claim_form or {},
        requests=requests,
        claims=claims,
        open_claims={c.id for c in moderation.open_claims(candidate.id)},
        field_options=[(f, labels.FIELD[f]) for f in REQUEST_FIELDS],
        platform_options=[(p, labels.PLATFORM[p]) for p in PLATFORMS],
        claim_platform_options=[(p, labels.PLATFORM[p]) for p in forms.CLAIM_PLATFORMS],
        owner_options=[(o, labels.OWNER_CHOICE[o]) for o in OWNERS],
        csrf=csrf_token(),
        messages=get_flashed_messages(),
        **page_context(candidate),
    )
    return body, status


@bp.get("")
def page():
    """With ?t=TOKEN sign in and redirect; otherwise the signed-in candidate's page."""
    token = request.args.get("t")
    if token is not None:
        found = access.candidate_for_token(token)
        if found is None:
            abort(404)
        candidate, stored = found
        session[SESSION_KEY] = [candidate.id, stored]
        return redirect(url_for("selfcheck.page"), 303)
    return _render(_signed_in())


@bp.post("/corrections")
def correct():
    """Store a correction request for a moderator; nothing public changes yet."""
    candidate = _signed_in()
    check_csrf()
    if moderation.over_limit(candidate.id):
        message = _(
            "You have sent many requests in a short time. Please wait an hour and try again."
        )
        return _render(candidate, errors=[("field", message)], form=request.form, status=429)
    urls = {c.url for c in candidate.channels}
    values, errors = forms.check_correction(request.form, urls)
    if errors:
        return _render(candidate, errors=errors, form=request.form, status=400)
    moderation.submit_request(candidate.id, values)
    flash(_("Your request was received. A moderator will check it before anything changes."))
    return redirect(url_for("selfcheck.page") + "#requests", 303)


@bp.post("/claims")
def claim():
    """Give a one-time code to post on a channel, so a moderator can confirm ownership."""
    candidate = _signed_in()
    check_csrf()
    values, errors = forms.check_claim(request.form)
    if errors:
        return _render(candidate, errors=errors, claim_form=request.form, status=400)
    started = moderation.start_claim(candidate.id, values)
    if started is None:
        message = _("You have several codes waiting for a moderator. Please wait for them first.")
        return _render(
            candidate, errors=[("claim-url", message)], claim_form=request.form, status=429
        )
    flash(_("Post the code shown below on your channel. A moderator will then confirm it."))
    return redirect(url_for("selfcheck.page") + "#claims", 303)


@bp.post("/leave")
def leave():
    """Sign out of the private page on this device."""
    _signed_in()
    check_csrf()
    session.pop(SESSION_KEY, None)
    return redirect(url_for("core.home"), 303)
