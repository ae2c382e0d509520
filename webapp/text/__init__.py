"""Persian text helpers: normalization, display formatting, Jalali dates, bidi and matching."""

from webapp.text.bidi import isolate_ltr_runs, render_bidi
from webapp.text.dates import (
    format_date_full,
    format_date_long,
    format_date_short,
    format_datetime,
    format_time,
    parse_date_jalali,
)
from webapp.text.formatting import (
    fa_digits,
    format_distance,
    format_money_compact,
    format_money_rial,
    format_money_toman,
    format_money_words,
    format_number,
    format_number_words,
    format_percent,
)
from webapp.text.match import find_matches, match_names, similarity, trigrams
from webapp.text.normalize import (
    clean_display,
    compact_key,
    normalize_code,
    normalize_phone,
    search_key,
    skeleton_key,
    to_ascii_digits,
)

__all__ = [
    "clean_display",
    "compact_key",
    "fa_digits",
    "find_matches",
    "format_date_full",
    "format_date_long",
    "format_date_short",
    "format_datetime",
    "format_distance",
    "format_money_compact",
    "format_money_rial",
    "format_money_toman",
    "format_money_words",
    "format_number",
    "format_number_words",
    "format_percent",
    "format_time",
    "isolate_ltr_runs",
    "match_names",
    "normalize_code",
    "normalize_phone",
    "parse_date_jalali",
    "render_bidi",
    "search_key",
    "similarity",
    "skeleton_key",
    "to_ascii_digits",
    "trigrams",
]
