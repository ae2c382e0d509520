"""Station finder: search by place or code, nearest stations, one station's page."""

from flask import Blueprint, abort, render_template, request, url_for

from webapp import search as finder
from webapp.crowding.queries import near_stations
from webapp.errors import BadInput
from webapp.places import queries as places
from webapp.stations import queries
from webapp.stations.forms import parse_point, parse_query
from webapp.views_util import fragment_view, int_arg, render_fragment

bp = Blueprint("stations", __name__, url_prefix="/stations")


def _search_context() -> dict:
    """The query, a note if it was shortened, and what the search module found for it."""
    raw = request.args.get("q") or ""
    q, note = parse_query(raw)
    # Something was typed, even if only characters that are dropped: say there is nothing to find.
    searched = bool(raw.strip())
    return {
        "q": q,
        "note": note,
        "results": finder.search(q) if searched else None,
        "searched": searched,
    }


@bp.get("")
def search():
    """The search page; the results part is also served alone by `results`."""
    return render_template("stations/search.html", results_target=True, **_search_context())


@bp.get("/results")
@fragment_view
def results():
    """Search results as a fragment; the address bar follows the page URL."""
    context = _search_context()
    push = (
        url_for("stations.search", q=context["q"]) if context["q"] else url_for("stations.search")
    )
    return render_fragment("stations/_results.html", push_url=push, as_fragment=True, **context)


def _manual_choice() -> dict:
    """The province → county → city chooser's state from the query string."""
    province_id = int_arg("province")
    county_id = int_arg("county")
    city_id = int_arg("city")
    city = places.get_city(city_id) if city_id else None
    county = places.get_county(county_id) if county_id else (city.county if city else None)
    province = (
        places.get_province(province_id) if province_id else (county.province if county else None)
    )
    if (city_id and not city) or (county_id and not county) or (province_id and not province):
        abort(404)
    if county and province and county.province_id != province.id:
        county = city = None
    if city and county and city.county_id != county.id:
        city = None
    return {
        "provinces": places.provinces_sorted(),
        "province": province,
        "counties": places.counties_of(province.id) if province else [],
        "county": county,
        "cities": places.cities_of(county.id) if county else [],
        "city": city,
    }


def _origin(choice: dict, point: tuple[float, float] | None) -> tuple[tuple | None, str | None]:
    """Where to measure from: the shared location, else the city, else the county centre."""
    city, county = choice["city"], choice["county"]
    if point is not None:
        return point, "location"
    if city is not None and city.coord_trusted:
        return (city.lat, city.lon), "city"
    if county is not None:
        return (county.label_lat, county.label_lon), "county"
    return None, None


@bp.get("/near")
def near():
    """The 10 nearest stations to a point, a chosen city or a county; else the chooser."""
    choice = _manual_choice()
    try:
        point = parse_point(request.args.get("lat"), request.args.get("lon"))
    except ValueError as exc:
        raise BadInput(str(exc), template="stations/near.html", stations=None, **choice) from None
    point, origin = _origin(choice, point)
    county = choice["county"]
    return render_template(
        "stations/near.html",
        stations=near_stations(point, request.args.get("order")) if point else None,
        origin=origin,
        constituencies=queries.constituency_of_county(county.id) if county else [],
        **choice,
    ), ({"Cache-Control": "private, no-store"} if origin == "location" else {})


@bp.get("/<code>")
def show(code: str):
    """Everything about one station."""
    from webapp.text.normalize import normalize_code

    station = queries.station_by_code(normalize_code(code)[:20])
    if station is None:
        abort(404)
    return render_template("stations/show.html", station=station)
