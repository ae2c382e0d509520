"""Every row of the shared Persian cases file, run against webapp.text."""

import json
import os
from pathlib import Path

import pytest

from webapp.text import bidi, dates, formatting, match, normalize

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("CASES_DIR", PROJECT_ROOT.parent / "shared" / "cases"))


def _load_rows():
    """Read persian.jsonl into (sample names, parametrized rows with ids like search_key-3)."""
    names, rows, counts = {}, [], {}
    with open(CASES_DIR / "persian.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if row["op"] == "sample_names":
                names = row["names"]
                continue
            counts[row["op"]] = counts.get(row["op"], 0) + 1
            rows.append(pytest.param(row, id=f"{row['op']}-{counts[row['op']]}"))
    return names, rows


SAMPLE_NAMES, ROWS = _load_rows()

SIMPLE_OPS = {
    "search_key": normalize.search_key,
    "compact_key": normalize.compact_key,
    "normalize_code": normalize.normalize_code,
    "normalize_phone": normalize.normalize_phone,
    "format_number": formatting.format_number,
    "format_percent": formatting.format_percent,
    "format_money_rial": formatting.format_money_rial,
    "format_money_toman": formatting.format_money_toman,
    "format_money_compact": formatting.format_money_compact,
    "format_money_words": formatting.format_money_words,
    "format_number_words": formatting.format_number_words,
    "format_date_full": dates.format_date_full,
    "format_date_short": dates.format_date_short,
    "format_date_long": dates.format_date_long,
    "format_time": dates.format_time,
}
OPTIONS = ("decimals",)


def test_cases_file_has_rows():
    assert SAMPLE_NAMES and len(ROWS) > 50


@pytest.mark.parametrize("row", ROWS)
def test_case(row):
    op, given, expected = row["op"], row["input"], row["expected"]
    if op in SIMPLE_OPS:
        options = {key: row[key] for key in OPTIONS if key in row}
        assert SIMPLE_OPS[op](given, **options) == expected, row["why"]
    elif op == "match":
        tier, keys = match.find_matches(given, SAMPLE_NAMES)
        assert keys == expected, row["why"]
        assert tier != "fuzzy"
    elif op == "match_fuzzy":
        tier, keys = match.find_matches(given, SAMPLE_NAMES)
        assert (tier, keys) == ("fuzzy", expected), row["why"]
        assert match.match_names(given, SAMPLE_NAMES) == expected
    elif op == "parse_date_jalali":
        _check_parse(given, expected)
    elif op == "render_bidi":
        _check_bidi(given, expected)
    else:
        pytest.fail(f"no test for op {op!r}")


def _check_parse(given, expected):
    """A null expectation must be refused with a message; otherwise the ISO date must come back."""
    if expected is None:
        with pytest.raises(ValueError) as error:
            dates.parse_date_jalali(given)
        assert str(error.value).strip()
    else:
        assert dates.parse_date_jalali(given).isoformat() == expected


def _check_bidi(given, expected):
    """The expected run is isolated whole and the text around it is unchanged."""
    start = given.index(expected)
    before, after = given[:start], given[start + len(expected) :]
    plain = bidi.isolate_ltr_runs(given)
    assert plain == f"{before}{bidi.LRI}{expected}{bidi.PDI}{after}"
    html = bidi.render_bidi(given)
    assert str(html) == f'{before}<bdi dir="ltr">{expected}</bdi>{after}'
