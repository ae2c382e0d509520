"""Print pages of an area (a constituency, a county, a city): its sheet plan, maps and tables."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _
from markupsafe import Markup

from webapp.i18n import item_separator, list_separator, name_for, persian, pick
from webapp.maps import queries
from webapp.maps.paths import lonlats
from webapp.maps.projection import Box, fit
from webapp.maps.sheets import Point, Sheet, plan
from webapp.maps.svgmap import MapDrawing, Marker, draw
from webapp.text.collation import persian_sort_key
from webapp.text.filters import current_lang
from webapp.text.formatting import fa_digits, format_distance

SHEET_MAP = (190.0, 86.0)
INDEX_MAP = (190.0, 175.0)
CARD_MAP = (88.0, 58.0)
PLAN_CACHE_SIZE = 64  # plans kept per process: a volunteer prints sheet after sheet of one area
_PLANS: dict[tuple, list[Sheet]] = {}


@dataclass
class Area:
    """What one print page covers and where its links and QR code point."""

    title: Markup
    points: list[Point]
    as_of: dt.datetime | None
    county_ids: list[int]
    province_id: int | None
    qr_url: str
    page_endpoint: str
    page_values: dict = field(default_factory=dict)


@dataclass
class Group:
    """A county and city, with the sheets its stations are on."""

    number: int
    key: tuple[int, int | None]
    label: Markup
    county: object
    city: object
    total: int
    sheets: list[Sheet] = field(default_factory=list)


def label_number(n: int) -> str:
    """A number as printed on this page's markers and table."""
    return str(n) if current_lang() == "en" else fa_digits(str(n))


def _scale_label(metres: float) -> str:
    return format_distance(metres, lang=current_lang())


def _group_label(county, city) -> Markup:
    city_name = persian(city.name_fa) if city else _("outside cities")
    county_name = pick(county.name_fa, county.name_en)
    return Markup("{}{}{}").format(county_name, item_separator(), city_name)


def make_plan(points: list[Point], key: tuple = ()) -> tuple[list[Sheet], list[Group]]:
    """Sheets for the area's stations, and the groups (county, city) they fall into.

    With a `key` (the area and its data version), the plan is kept for the next sheet asked for.
    """
    counties, cities = queries.places_for({(p.county_id, p.city_id) for p in points})

    def order(key):
        county, city = counties[key[0]], cities.get(key[1])
        return (
            persian_sort_key(name_for(county.name_fa, county.name_en)),
            city is None,
            persian_sort_key(city.name_fa) if city else (),
        )

    cache_key = (current_lang(), *key) if key else None
    sheets = _PLANS.get(cache_key) if cache_key else None
    if sheets is None:
        sheets = plan(points, order)
        if cache_key:
            _PLANS[cache_key] = sheets
            while len(_PLANS) > PLAN_CACHE_SIZE:
                _PLANS.pop(next(iter(_PLANS)))
    counts = Counter((p.county_id, p.city_id) for p in points)
    groups: dict[tuple, Group] = {}
    for sheet in sheets:
        for key in sheet.groups:
            if key not in groups:
                county, city = counties[key[0]], cities.get(key[1])
                label = _group_label(county, city)
                groups[key] = Group(len(groups) + 1, key, label, county, city, counts[key])
            groups[key].sheets.append(sheet)
    return sheets, list(groups.values())


def sheet_label(sheet: Sheet, groups: list[Group]) -> Markup:
    """What a sheet covers: one county and town, or a county and its towns, or several."""
    mine = [g for g in groups if sheet in g.sheets]
    if len(mine) == 1:
        return mine[0].label
    counties = {g.county.id for g in mine}
    separator = Markup(list_separator())
    if len(counties) > 1:
        return separator.join(g.label for g in mine)
    towns = [persian(g.city.name_fa) if g.city else _("outside cities") for g in mine]
    county = mine[0].county
    county_name = pick(county.name_fa, county.name_en)
    return Markup("{}{}{}").format(county_name, item_separator(), separator.join(towns))


def _layers(area: Area) -> list[tuple[str, dict | None]]:
    shapes = queries.county_shapes(area.county_ids)
    layers = [("map__context", queries.province_shape(area.province_id))]
    layers += [("map__area", shape) for shape in shapes.values()]
    return layers


def _drawing(size, points, title, area: Area, pad: float = 0.08) -> MapDrawing:
    width, height = size
    viewport = fit(points, Box(8, 8, width - 8, height - 13), pad=pad)
    return MapDrawing(
        viewport=viewport,
        width=width,
        height=height,
        title=title,
        layers=_layers(area),
        scale_label=_scale_label,
        north_label=_("N"),
    )


def sheet_map(area: Area, stations, title: str):
    """The map of one sheet: one numbered marker per station, in table order."""
    drawing = _drawing(SHEET_MAP, [(s.lon, s.lat) for s in stations], title, area)
    drawing.markers = [
        Marker(label_number(n), s.lon, s.lat, s.electronic, s.is_mobile, s.code)
        for n, s in enumerate(stations, start=1)
    ]
    return draw(drawing)


def _centre(points: list[Point]) -> tuple[float, float]:
    return (
        sum(p.lon for p in points) / len(points),
        sum(p.lat for p in points) / len(points),
    )


def index_map(area: Area, groups: list[Group], title: str):
    """The index: one marker per group, or per sheet (with its extent) when there is one group."""
    drawing = _drawing(INDEX_MAP, [(p.lon, p.lat) for p in area.points], title, area, pad=0.04)
    if len(groups) == 1:
        for sheet in groups[0].sheets:
            drawing.markers.append(
                Marker(
                    label_number(sheet.number),
                    *_centre(sheet.points),
                    square=True,
                    key=f"sheet-{sheet.number}",
                )
            )
            box = [(p.lon, p.lat) for p in sheet.points]
            drawing.boxes.append(
                (
                    min(x for x, _ in box),
                    min(y for _, y in box),
                    max(x for x, _ in box),
                    max(y for _, y in box),
                )
            )
    else:
        for group in groups:
            members = [
                p
                for sheet in group.sheets
                for p in sheet.points
                if (p.county_id, p.city_id) == group.key
            ]
            drawing.markers.append(
                Marker(
                    label_number(group.number),
                    *_centre(members),
                    square=True,
                    key=f"group-{group.number}",
                )
            )
    return draw(drawing)


def card_map(station, county_shape: dict | None, title: str):
    """A small locator map of a station in its county."""
    width, height = CARD_MAP
    extent = lonlats(county_shape) or [(station.lon, station.lat)]
    viewport = fit(
        extent + [(station.lon, station.lat)], Box(4, 4, width - 4, height - 11), pad=0.02
    )
    drawing = MapDrawing(
        viewport=viewport,
        width=width,
        height=height,
        title=title,
        layers=[("map__area", county_shape)],
        scale_label=_scale_label,
        north_label=_("N"),
        markers=[Marker("★", station.lon, station.lat, True, False, station.code)],
    )
    return draw(drawing)
