"""Jinja filters for Persian/English display; the language comes from Flask-Babel's locale."""

import re
from functools import wraps

from webapp.text import bidi, dates, formatting


def current_lang():
    """Return "en" when the current locale is English, otherwise "fa"."""
    try:
        from flask_babel import get_locale
    except ImportError:
        return "fa"
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "fa"


def _localized_filter(function):
    """Wrap a formatter taking lang=... as a filter; None renders as an empty string."""

    @wraps(function)
    def apply(value, *args):
        if value is None:
            return ""
        return function(value, *args, lang=current_lang())

    return apply


_DECIMAL_POINT_RE = re.compile(r"(?<=[۰-۹])\.(?=[۰-۹])")


def _digits(value, lang="fa"):
    """Persian digits on Persian pages (a decimal point between digits becomes ٫: FM ۹۴٫۵),
    the value unchanged on English ones."""
    if lang == "en":
        return str(value)
    return _DECIMAL_POINT_RE.sub("٫", formatting.fa_digits(value))


def _num(value, decimals=None, lang="fa"):
    """format_number with decimals as the filter's first argument: {{ x|num(1) }}."""
    return formatting.format_number(value, lang=lang, decimals=decimals)


def _percent(value, decimals=None, lang="fa"):
    """format_percent with decimals as the filter's first argument: {{ x|percent(1) }}."""
    return formatting.format_percent(value, lang=lang, decimals=decimals)


def _bidi(value):
    """HTML with left-to-right runs isolated; None renders as an empty string."""
    return "" if value is None else bidi.render_bidi(value)


_FILTERS = {
    "num": _num,
    "percent": _percent,
    "digits": _digits,
    "date_full": dates.format_date_full,
    "date_short": dates.format_date_short,
    "date_long": dates.format_date_long,
    "time": dates.format_time,
    "closing": dates.format_closing,
    "clock": dates.format_clock,
    "datetime": dates.format_datetime,
    "distance": formatting.format_distance,
    "money_toman": formatting.format_money_toman,
    "money_rial": formatting.format_money_rial,
}


def register_filters(app):
    """Register the text filters (num, percent, digits, dates, distance, money, bidi) on app."""
    for name, function in _FILTERS.items():
        app.add_template_filter(_localized_filter(function), name)
    app.add_template_filter(_bidi, "bidi")
