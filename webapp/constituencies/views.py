"""Constituency pages: the national list and one constituency with its stations."""

from flask import Blueprint, abort, render_template, url_for

from webapp.constituencies import queries
from webapp.views_util import fragment_view, int_arg, render_fragment

bp = Blueprint("constituencies", __name__, url_prefix="/constituencies")


@bp.get("")
def index():
    """Every constituency grouped by province, with seats."""
    groups, counts = queries.by_province()
    return render_template("constituencies/index.html", groups=groups, counts=counts)


def _stations_context(cid: int) -> dict:
    constituency = queries.get(cid)
    if constituency is None:
        abort(404)
    page = int_arg("page", default=1, maximum=10_000)
    groups, pages, total = queries.station_groups(cid, page)
    if page > pages:
        abort(404)
    return {
        "constituency": constituency,
        "groups": groups,
        "page": page,
        "pages": pages,
        "total": total,
    }


@bp.get("/<int:cid>")
def show(cid: int):
    """Seats, areas covered, voting method, and the stations by county and city."""
    return render_template("constituencies/show.html", **_stations_context(cid))


@bp.get("/<int:cid>/stations")
@fragment_view
def stations(cid: int):
    """One page of the station list as a fragment; the address bar follows the page URL."""
    context = _stations_context(cid)
    push = url_for("constituencies.show", cid=cid, page=context["page"])
    return render_fragment("constituencies/_stations.html", push_url=push, **context)
