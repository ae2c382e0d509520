"""Queue pages: a station's live status, staff and voter report forms, least crowded lists."""

import re
from functools import partial

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for

from webapp import caching
from webapp.crowding import api, clock, labels, queries, service, timeline
from webapp.crowding.forms import forged, new_form_token, parse_report
from webapp.crowding.levels import LEVELS
from webapp.i18n import current_language
from webapp.security import client_key, private_headers, token_hash
from webapp.stations.forms import parse_point
from webapp.views_util import fragment_view, int_arg, render_fragment

bp = Blueprint("crowding", __name__)
bp.register_blueprint(api.bp)

CODE_RE = re.compile(r"^[0-9A-Za-z-]{1,20}$")
MAX_CODES = 50
POLL_SECONDS = 90


@bp.record_once
def _setup(state) -> None:
    """Words, template helpers, the demo clock and the `flask data` commands."""
    from webapp.crowding.cli import register_commands

    app = state.app
    labels.init_app(app)
    clock.start_demo_clock(app)
    app.jinja_env.globals.update(
        queue_status=lambda station: queries.statuses_for([station])[station.id],
        queue_levels=lambda stations: (
            queries.statuses_for(list(stations)) if queries.polling_live() else {}
        ),
        QUEUE_LEVELS=LEVELS,
        queue_live=queries.polling_live,
        queue_hours=timeline.today_by_hour,
        queue_poll_seconds=lambda: app.config.get("QUEUE_POLL_SECONDS", POLL_SECONDS),
    )
    register_commands()


def _private(response, status: int | None = None):
    """No caching, no indexing, no referrer: for pages holding a token or a personal form."""
    if status is not None:
        response.status_code = status
    return private_headers(response, cache="private, no-store", referrer="no-referrer")


def _revalidated(response, pairs):
    """An ETag from the shown states (not the ageing minutes); a CDN may keep it 30 s."""
    response.set_etag(service.etag_for(pairs, current_language()), weak=True)
    response.headers["Cache-Control"] = caching.LIVE
    return response


def _station_or_404(code: str):
    station = queries.published_station(code) if CODE_RE.match(code) else None
    if station is None:
        abort(404)
    return station


@bp.get("/stations/<code>/queue")
@fragment_view
def status(code: str):
    """The live queue status of one station (polled by its page)."""
    station = _station_or_404(code)
    found = queries.statuses_for([station])[station.id]
    response = render_fragment("crowding/_status.html", station=station, queue=found, poll=True)
    return _revalidated(response, [(station.code, found)])


@bp.get("/stations/queue-levels")
@fragment_view
def levels():
    """Queue badges of up to 50 listed stations (`s=code,code,…`), as htmx partials."""
    codes = [c for c in request.args.get("s", "").split(",") if CODE_RE.match(c)][:MAX_CODES]
    stations = queries.published_stations(codes)
    found = queries.statuses_for(stations)
    items = [(s.code, found[s.id]) for s in stations]
    response = render_fragment("crowding/_levels.html", items=items)
    return _revalidated(response, items)


def _staff_page(station, token: str, status: int = 200, **context):
    found = queries.statuses_for([station])[station.id]
    body = render_template(
        "crowding/staff.html",
        station=station,
        queue=found,
        key=token,
        csrf=new_form_token("staff", token_hash(token)),
        **context,
    )
    return _private(make_response(body), status)


def _forbidden():
    return _private(make_response(render_template("crowding/forbidden.html")), 403)


def _closed(page, ref):
    """The closed-station answer when the station takes no reports now (checked first, so an
    expired form at a closed station is not told to tap again), else None."""
    try:
        service.check_open(ref)
    except service.Refused as refusal:
        return _refused(page, refusal)
    return None


def _forged(page, purpose: str, subject: str):
    """The form page with a message when the post is not from our own recent form, else None."""
    problem = forged(purpose, subject)
    return page(400, errors=[("level-none", problem)]) if problem else None


def _refused(page, refusal: service.Refused):
    response = page(refusal.status, refusal=refusal)
    if refusal.retry_after:
        response.headers["Retry-After"] = str(refusal.retry_after)
    return response


@bp.route("/stations/<code>/staff", methods=["GET", "POST"])
def staff(code: str):
    """A station head's one-tap report form, reached through the station's private link."""
    token = request.form.get("key") if request.method == "POST" else request.args.get("key")
    station = queries.station_for_token(token, code)
    if station is None:
        return _forbidden()
    if request.method == "GET":
        return _staff_page(station, token, sent=request.args.get("sent") == "1")
    page = partial(_staff_page, station, token)
    ref = queries.refs_for([station])[0]
    refused = _closed(page, ref) or _forged(page, "staff", token_hash(token))
    if refused:
        return refused
    level, people, errors = parse_report(request.form)
    if errors:
        return page(400, errors=errors, people=request.form.get("people"))
    try:
        service.submit(ref, level, people, "staff")
    except service.Refused as refusal:
        return _refused(page, refusal)
    return redirect(url_for("crowding.staff", code=code, key=token, sent=1), 303)


def _public_page(station, client: str, status: int = 200, **context):
    found = queries.statuses_for([station])[station.id]
    body = render_template(
        "crowding/report.html",
        station=station,
        queue=found,
        csrf=new_form_token("public", f"{station.code}|{client}"),
        **context,
    )
    return _private(make_response(body), status)


@bp.route("/stations/<code>/queue/report", methods=["GET", "POST"])
def report(code: str):
    """A voter's "I am in the queue here" report, weighted less and rate-limited."""
    station = _station_or_404(code)
    client = client_key(request.remote_addr)
    if request.method == "GET":
        return _public_page(station, client, sent=request.args.get("sent") == "1")
    page = partial(_public_page, station, client)
    ref = queries.refs_for([station])[0]
    refused = _closed(page, ref) or _forged(page, "public", f"{station.code}|{client}")
    if refused:
        return refused
    level, _people, errors = parse_report({"level": request.form.get("level")})
    if errors:
        return page(400, errors=errors)
    try:
        service.submit(ref, level, None, "public", client)
    except service.Refused as refusal:
        return _refused(page, refusal)
    return redirect(url_for("crowding.report", code=code, sent=1), 303)


@bp.get("/constituencies/<int:cid>/least-crowded")
def least_crowded(cid: int):
    """A constituency's open stations, least crowded first (nearest trips first with a point)."""
    from webapp.constituencies.queries import get as get_constituency

    constituency = get_constituency(cid)
    if constituency is None:
        abort(404)
    try:
        point = parse_point(request.args.get("lat"), request.args.get("lon"))
    except ValueError as exc:
        point, error = None, str(exc)
    else:
        error = None
    page = int_arg("page", default=1, maximum=10_000)
    ranked, unknown, page, pages = queries.least_crowded_in(cid, point, page)
    body = render_template(
        "crowding/least_crowded.html",
        constituency=constituency,
        ranked=ranked,
        levels={station.id: found for station, _d, found in ranked},
        unknown=unknown,
        point=point,
        page=page,
        pages=pages,
        per_page=queries.LIST_LIMIT,
        error_message=error,
    )
    response = make_response(body, 400 if error else 200)
    if point is not None:
        response.headers["Cache-Control"] = "private, no-store"
    return response
