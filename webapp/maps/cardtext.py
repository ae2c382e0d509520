"""One station's facts as plain text lines, in the page's language: card, share text, image."""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from webapp.text import dates, formatting
from webapp.text.filters import current_lang


@dataclass
class StationFacts:
    """What a card, a share text and a share image say about one station."""

    name: str
    code: str
    address: str
    landmark: str
    place: str
    day: str
    hours: str
    voting: str
    mobile: bool
    stops: list[str] = field(default_factory=list)
    sample: bool = False


def _digits(text: str, lang: str) -> str:
    return text if lang == "en" else formatting.fa_digits(text)


def _hours(start, end, lang: str) -> str:
    return _(
        "%(start)s to %(end)s",
        start=dates.format_clock(start, lang),
        end=dates.format_clock(end, lang),
    )


def _station_hours(station, lang: str) -> str:
    """Opening hours, with an announced extension: a forwarded card must not say it closes early."""
    hours = _hours(station.opens_at, station.closes_at, lang)
    if station.extended_until is None:
        return hours
    until = dates.format_closing(station.extended_until, lang)
    return _("%(hours)s, extended until %(time)s", hours=hours, time=until)


def facts(station) -> StationFacts:
    """The facts of a station loaded with its county, city, election and stops."""
    lang = current_lang()
    separator = ", " if lang == "en" else "، "
    county = station.county.name_en if lang == "en" and station.county.name_en else None
    place = [station.city.name_fa if station.city else "", county or station.county.name_fa]
    return StationFacts(
        name=station.name,
        code=_digits(station.code, lang),
        address=station.address,
        landmark=station.landmark or "",
        place=separator.join(p for p in place if p),
        day=dates.format_date_full(station.election.polling_date, lang),
        hours=_station_hours(station, lang),
        voting=_("Electronic voting") if station.electronic else _("Paper ballots"),
        mobile=station.is_mobile,
        stops=[
            f"{stop.place} ({_hours(stop.starts_at, stop.ends_at, lang)})"
            for stop in (station.stops if station.is_mobile else [])
        ],
        sample=station.is_sample,
    )


def share_lines(f: StationFacts) -> list[str]:
    """The lines of the forwardable text (the link is added after them)."""
    lines = [
        _("Sample data, not a real polling station.") if f.sample else "",
        _("Polling station: %(name)s", name=f.name),
        _("Station code: %(code)s", code=f.code),
        _("Address: %(address)s", address=f.address),
        _("Landmark: %(landmark)s", landmark=f.landmark) if f.landmark else "",
        _("Voting day: %(day)s", day=f.day),
        _("Hours: %(hours)s", hours=f.hours),
        f.voting,
    ]
    if f.stops:
        lines.append(_("Mobile station stops:"))
        lines.extend("• " + stop for stop in f.stops)
    return lines
