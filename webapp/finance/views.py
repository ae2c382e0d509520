"""Finance pages: search, a candidate's summary, a constituency's comparison, exports."""

import datetime as dt

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _

from webapp.errors import BadInput
from webapp.finance import export, labels, queries, summary
from webapp.finance.filters import query_args
from webapp.finance.search_page import search_context
from webapp.finance.settings import setting
from webapp.finance.totals import totals
from webapp.i18n import current_language
from webapp.text.formatting import format_number
from webapp.views_util import fragment_view, int_arg, render_fragment

bp = Blueprint("finance", __name__, url_prefix="/finance")
labels.register(bp)


def _status(context: dict) -> int:
    return 400 if context["form"].errors else 200


@bp.get("")
def search():
    """Search every candidate's transactions; the results part is also served by `results`."""
    context = search_context()
    return render_template("finance/search.html", **context), _status(context)


@bp.get("/results")
@fragment_view
def results():
    """One page of results as a fragment; the address bar follows the page URL."""
    context = search_context()
    page = {"after": request.args["after"][:400]} if context["paged"] else {}
    push = url_for("finance.search", **context["args"], **page)
    response = render_fragment("finance/_results.html", push_url=push, as_fragment=True, **context)
    return response, _status(context)


@bp.get("/candidates/<int:cid>")
def candidate(cid: int):
    """A candidate's income, spending, share of the cap, breakdowns and flags."""
    data = summary.candidate_finance(cid)
    if data is None:
        abort(404)
    return render_template(
        "finance/candidate.html",
        d=data,
        charts=labels.candidate_charts(data),
        month_bounds=summary.month_bounds,
    )


@bp.get("/constituencies/<int:cid>")
def constituency(cid: int):
    """Every candidate of a constituency side by side against the cap."""
    page = int_arg("page", default=1, maximum=10_000)
    data = summary.comparison(cid, page)
    if data is None or page > data.pages:
        abort(404)
    return render_template("finance/constituency.html", c=data)


def _export_filters():
    context = search_context()
    if context["form"].errors:
        raise BadInput(" ".join(message for _field, message in context["form"].errors))
    if context["batch"] is None:
        raise BadInput(_("No finance data has been loaded yet."))
    f = context["f"]
    text = queries.text_match(f.q)
    limit = setting("FINANCE_EXPORT_MAX_ROWS")
    count = totals(f, text).count
    message = _(
        "This export stops at %(limit)s rows of %(count)s. Narrow the filters to get the rest.",
        limit=format_number(limit, current_language()),
        count=format_number(count, current_language()),
    )
    return f, text, limit, count > limit, message, context["batch"]


def _download(body, mimetype: str, extension: str) -> Response:
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.direct_passthrough = True
    stamp = dt.date.today().strftime("%Y%m%d")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="raynama-finance-{stamp}.{extension}"'
    )
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


@bp.get("/export.csv")
def export_csv():
    """The filtered transactions as CSV (UTF-8 with BOM), streamed, capped."""
    f, text, limit, more, message, _batch = _export_filters()
    rows = export.export_rows(f, text, limit)
    response = _download(export.csv_stream(rows, limit, more, message), "text/csv", "csv")
    if more:
        response.headers["X-Export-Truncated"] = str(limit)
    return response


@bp.get("/export.json")
def export_json():
    """The filtered transactions as JSON, streamed, capped."""
    f, text, limit, more, message, batch = _export_filters()
    meta = {
        "as_of": batch.as_of.isoformat(),
        "filters": query_args(f),
        "amounts": "rial",
        "sample": "rows of candidates marked sample are invented for demonstration",
    }
    rows = export.export_rows(f, text, limit, sheet=False)
    return _download(export.json_stream(rows, meta, more, message), "application/json", "json")
