"""Small helpers shared by the views: fragment marking and query-string parsing."""

from functools import wraps

from flask import g, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.routing import IntegerConverter

from webapp.errors import BadInput
from webapp.i18n import current_language
from webapp.text.formatting import format_number


def fragment_view(view):
    """Mark a view as a fragment endpoint so errors there render as fragments too."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.is_fragment = True
        return view(*args, **kwargs)

    return wrapper


def render_fragment(template: str, push_url: str | None = None, **context):
    """Render a fragment; set HX-Push-Url to the page URL when the address bar should follow."""
    response = make_response(render_template(template, **context))
    if push_url and request.htmx:
        response.headers["HX-Push-Url"] = push_url
    return response


# What each numeric query argument is, in words a visitor knows (the message names it).
NUMBER_LABELS = {
    "page": lazy_gettext("The page number"),
    "sheet": lazy_gettext("The sheet number"),
    "city": lazy_gettext("The city chosen"),
    "county": lazy_gettext("The county chosen"),
    "province": lazy_gettext("The province chosen"),
}


def int_arg(name: str, default: int | None = None, minimum: int = 1, maximum: int = 10**9):
    """Read an integer query argument, or raise a clear 400 in the page's language."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    from webapp.text.normalize import to_ascii_digits

    value = to_ascii_digits(raw).strip()
    if not (value.isascii() and value.isdigit()) or not minimum <= int(value) <= maximum:
        raise BadInput(_number_message(name, minimum, maximum))
    return int(value)


def _number_message(name: str, minimum: int, maximum: int) -> str:
    """What is wrong with a numeric argument, naming it as the visitor knows it."""
    if name not in NUMBER_LABELS:
        return _("“%(name)s” must be a whole number.", name=name)
    if maximum >= 10**9:  # an id: its range means nothing to a visitor
        return _("%(what)s in the address is not valid.", what=NUMBER_LABELS[name])
    return _(
        "%(what)s in the address is not valid: it must be a whole number from %(low)s to %(high)s.",
        what=NUMBER_LABELS[name],
        low=format_number(minimum, current_language()),
        high=format_number(maximum, current_language()),
    )


class IdConverter(IntegerConverter):
    """`<int:…>` in URLs: ids fit a database integer, so a huge number is a 404, not a crash."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)
