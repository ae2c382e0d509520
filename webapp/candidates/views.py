"""Public candidate pages: a constituency's list, one candidate, and candidate search."""

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _

from webapp.candidates import labels, queries, search_kind
from webapp.candidates.importing import as_utc
from webapp.candidates.models import STATUSES
from webapp.constituencies import queries as constituencies
from webapp.errors import BadInput
from webapp.stations.forms import parse_query
from webapp.views_util import fragment_view, int_arg, render_fragment

bp = Blueprint("candidates", __name__)
labels.register(bp)
search_kind.register_kind()


@bp.app_template_global("candidate_summary")
def candidate_summary(cid: int) -> dict:
    """Counts by status and campaign spaces, for the constituency page's candidates section.

    A template global because the constituency page's view belongs to another package.
    """
    counts = queries.status_counts(cid)
    return {"counts": counts, "total": sum(counts.values()), "spaces": queries.campaign_spaces(cid)}


def _status_arg() -> str:
    status = request.args.get("status", "")
    if status and status not in STATUSES:
        raise BadInput(_("Choose a status from the list."))
    return status


def _list_context(cid: int) -> dict:
    constituency = constituencies.get(cid)
    if constituency is None:
        abort(404)
    page = int_arg("page", default=1, maximum=10_000)
    status = _status_arg()
    q, note = parse_query(request.args.get("q"))
    listing = queries.list_page(cid, page, status, q)
    if page > listing.pages:
        abort(404)
    return {
        "constituency": constituency,
        "listing": listing,
        "status": status,
        "q": q,
        "note": note,
        "spaces": queries.campaign_spaces(cid),
    }


def list_url(endpoint: str, cid: int, page: int, status: str, q: str) -> str:
    """A list URL carrying only the filters in use."""
    return url_for(
        endpoint, cid=cid, page=page if page > 1 else None, status=status or None, q=q or None
    )


@bp.get("/constituencies/<int:cid>/candidates")
def constituency_list(cid: int):
    """Every candidate of a constituency in the neutral order, filtered by status, searchable."""
    return render_template("candidates/list.html", list_url=list_url, **_list_context(cid))


@bp.get("/constituencies/<int:cid>/candidates/list")
@fragment_view
def constituency_list_fragment(cid: int):
    """One page of the list as a fragment; the address bar follows the page URL."""
    context = _list_context(cid)
    listing = context["listing"]
    push = list_url(
        "candidates.constituency_list", cid, listing.page, context["status"], context["q"]
    )
    return render_fragment("candidates/_list.html", push_url=push, list_url=list_url, **context)


def _search_context() -> dict:
    q, note = parse_query(request.args.get("q"))
    hits, total = search_kind.find(q) if q else ([], 0)
    return {"q": q, "note": note, "hits": hits, "total": total, "searched": bool(q)}


@bp.get("/candidates")
def search():
    """Search every candidate by name or ballot code."""
    return render_template("candidates/search.html", **_search_context())


@bp.get("/candidates/results")
@fragment_view
def search_results():
    """Search results as a fragment; the address bar follows the page URL."""
    context = _search_context()
    push = url_for("candidates.search", q=context["q"] or None)
    return render_fragment("candidates/_results.html", push_url=push, as_fragment=True, **context)


@bp.get("/candidates/<int:candidate_id>")
def show(candidate_id: int):
    """One candidate: status with history, channels, campaign spaces, broadcasts, statement."""
    candidate = queries.candidate(candidate_id)
    if candidate is None:
        abort(404)
    return render_template("candidates/show.html", **page_context(candidate))


def page_context(candidate) -> dict:
    """What the public candidate page shows (the private self-check page shows the same)."""
    changes = queries.changes(candidate.id)
    updated = max([candidate.updated_at] + [c.changed_at for c in changes[:1]], key=as_utc)
    return {
        "candidate": candidate,
        "channel_groups": queries.grouped_channels(candidate.channels),
        "spaces": queries.campaign_spaces(candidate.constituency_id),
        "slots": queries.broadcasts(candidate),
        "changes": changes,
        "last_updated": updated,
    }


@bp.get("/candidates/<int:candidate_id>/photo")
def photo(candidate_id: int):
    """A candidate's photo from INSTANCE_DIR/candidate_photos, cached for a day."""
    candidate = queries.candidate(candidate_id)
    if candidate is None or not candidate.photo_path:
        abort(404)
    folder = Path(current_app.config["INSTANCE_DIR"]) / "candidate_photos"
    response = send_from_directory(folder, candidate.photo_path, max_age=86_400)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
