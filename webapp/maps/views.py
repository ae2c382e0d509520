"""Print pages of constituencies and counties, and one station's card, share text and image."""

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from webapp.errors import BadInput
from webapp.i18n import current_language, persian, pick
from webapp.maps import cardimage, printing, queries
from webapp.maps.cardtext import facts, share_lines
from webapp.maps.qr import qr_svg
from webapp.maps.share import absolute_url, messengers, share_link, sms_link, station_text
from webapp.stations.queries import station_by_code
from webapp.text.formatting import format_number
from webapp.text.normalize import normalize_code
from webapp.views_util import int_arg

bp = Blueprint("maps", __name__)

MAX_SHEETS_AT_ONCE = 16  # ?sheet=all prints this many sheets at most on one page


@bp.get("/constituencies/<int:cid>/print")
def constituency_print(cid: int):
    """A constituency's stations on A4 sheets: an index when there are several, else the sheet."""
    constituency = queries.constituency(cid)
    if constituency is None:
        abort(404)
    points, as_of = queries.constituency_points(cid)
    area = printing.Area(
        title=_markup(
            "Constituency of %(name)s", name=pick(constituency.name_fa, constituency.name_en)
        ),
        points=points,
        as_of=as_of,
        county_ids=[a.county_id for a in constituency.areas],
        province_id=constituency.province_id,
        qr_url=absolute_url("constituencies.show", cid=cid),
        page_endpoint="maps.constituency_print",
        page_values={"cid": cid},
    )
    back = (url_for("constituencies.show", cid=cid), area.title)
    return _print_page(area, back)


def _city_arg(county_id: int):
    raw = request.args.get("city")
    if raw == queries.RURAL:
        return queries.RURAL, None
    city_id = int_arg("city")
    if city_id is None:
        return None, None
    city = queries.city_of(county_id, city_id)
    if city is None:
        abort(404)
    return city_id, city


@bp.get("/counties/<int:county_id>/print")
def county_print(county_id: int):
    """A county's stations (or one city's, ?city=ID; outside cities, ?city=none) on A4 sheets."""
    county = queries.county(county_id)
    if county is None:
        abort(404)
    city_key, city = _city_arg(county_id)
    points, as_of = queries.county_points(county_id, city_key)
    county_name = pick(county.name_fa, county.name_en)
    title = _markup("County of %(name)s", name=county_name)
    if city is not None:
        title = _markup(
            "%(city)s, county of %(county)s", city=persian(city.name_fa), county=county_name
        )
    elif city_key == queries.RURAL:
        title = _markup("County of %(name)s, outside cities", name=county_name)
    covering = queries.constituencies_of_county(county_id)
    qr_url = (
        absolute_url("constituencies.show", cid=covering[0].id)
        if len(covering) == 1
        else absolute_url("stations.near", county=county_id)
    )
    values = {"county_id": county_id} | ({"city": city_key} if city_key else {})
    area = printing.Area(
        title, points, as_of, [county_id], county.province_id, qr_url, "maps.county_print", values
    )
    return _print_page(area, (url_for("stations.near", county=county_id), county_name))


def _sheet_context(area: printing.Area, sheet, sheets, groups) -> dict:
    stations = queries.stations([p.id for p in sheet.points])
    label = printing.sheet_label(sheet, groups)
    title = _markup(
        "%(area)s: %(group)s, sheet %(number)s of %(sheets)s",
        area=area.title,
        group=label,
        number=printing.label_number(sheet.number),
        sheets=printing.label_number(len(sheets)),
    )
    return {
        "sheet": sheet,
        "label": label,
        "title": title,
        "stations": stations,
        "map": printing.sheet_map(area, stations, title.striptags()),
    }


def _print_page(area: printing.Area, back: tuple[str, str]):
    database = current_app.config["SQLALCHEMY_DATABASE_URI"]
    version = (database, area.page_endpoint, *sorted(area.page_values.items()), area.as_of)
    version += (len(area.points),)
    sheets, groups = printing.make_plan(area.points, version)
    raw = request.args.get("sheet")
    chosen: list = []
    if raw == "all":
        if len(sheets) <= 1:
            abort(404)
        if len(sheets) > MAX_SHEETS_AT_ONCE:
            raise BadInput(
                _(
                    "This area has %(num)s sheets, too many to print on one page (at most "
                    "%(max)s). Print the index, then the sheets you need.",
                    num=format_number(len(sheets), current_language()),
                    max=format_number(MAX_SHEETS_AT_ONCE, current_language()),
                )
            )
        chosen = sheets
    elif raw is not None:
        number = int_arg("sheet", maximum=100_000)
        if number > len(sheets):
            abort(404)
        chosen = [sheets[number - 1]]
    elif len(sheets) == 1:
        chosen = sheets
    context = {
        "area": area,
        "back": back,
        "sheets": sheets,
        "groups": groups,
        "total": len(area.points),
        "sample": any(point.sample for point in area.points),
        "qr": qr_svg(area.qr_url, _("QR code of the page %(url)s", url=area.qr_url)),
        "max_at_once": MAX_SHEETS_AT_ONCE,
        "page_url": lambda **values: url_for(area.page_endpoint, **area.page_values, **values),
    }
    if chosen:
        context["printed"] = [_sheet_context(area, sheet, sheets, groups) for sheet in chosen]
    elif sheets:
        context["index_map"] = printing.index_map(area, groups, area.title.striptags())
    return render_template("maps/print.html", **context)


def _markup(msgid: str, **values) -> Markup:
    """A translated message with markup-safe values (names marked as Persian stay marked)."""
    return Markup(escape(_(msgid))) % values


def _station(code: str):
    station = station_by_code(normalize_code(code)[:20])
    if station is None:
        abort(404)
    return station


@bp.get("/stations/<code>/card")
def card(code: str):
    """A printable A6 card of one station, with its share text, links and image."""
    station = _station(code)
    station_facts = facts(station)
    url = absolute_url("stations.show", code=station.code)
    lines = share_lines(station_facts)
    apps = messengers(current_app.config["DATA_DIR"])
    shape = queries.county_shapes([station.county_id]).get(station.county_id)
    return render_template(
        "maps/card.html",
        station=station,
        facts=station_facts,
        url=url,
        share_text=station_text(lines, url),
        links=[
            (app, share_link(app, url, "\n".join(line for line in lines if line)))
            for app in apps
            if app.share_url
        ],
        paste_only=[app for app in apps if not app.share_url],
        sms=sms_link(station_text(lines, url)),
        qr=qr_svg(url, _("QR code of the page %(url)s", url=url)),
        map=printing.card_map(station, shape, _("Where the station is in its county")),
        image=cardimage.available(),
    )


@bp.get("/stations/<code>/card.png")
def card_image(code: str):
    """The share image of a station: a PNG of at most 60 KB, drawn without a browser."""
    if not cardimage.available():
        abort(404)
    station = _station(code)
    shape = queries.county_shapes([station.county_id]).get(station.county_id)
    url = absolute_url("stations.show", code=station.code)
    data = cardimage.render(facts(station), station, shape, url)
    return data, 200, {"Content-Type": "image/png"}
