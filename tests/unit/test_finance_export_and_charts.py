"""Export cells safe in spreadsheets, the streamed CSV/JSON shapes, SVG charts, date ranges."""

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest

from webapp.finance.charts import cap_bar, category_bars, month_bars
from webapp.finance.export import HEADER, csv_stream, json_stream, safe_cell
from webapp.finance.totals import split_range


@pytest.mark.parametrize("text", ["=1+2", "+98", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralized(text):
    assert safe_cell(text) == "'" + text


def test_plain_cells_and_numbers_are_left_alone():
    assert safe_cell("چاپ پوستر") == "چاپ پوستر"
    assert safe_cell(1500) == 1500


def _record(n):
    return tuple(n if name == "amount_rial" else f"{name}{n}" for name in HEADER)


def test_csv_has_bom_header_rows_and_a_last_line_when_cut():
    body = b"".join(csv_stream((_record(i) for i in range(3)), 3, True, "stopped at 3"))
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == list(HEADER)
    assert len(rows) == 5 and rows[-1][0] == "stopped at 3"
    uncut = b"".join(csv_stream((_record(i) for i in range(3)), 3, False, "x")).decode()
    assert len(list(csv.reader(io.StringIO(uncut)))) == 4


def test_json_stream_is_one_valid_document():
    for count in (0, 1, 2500):
        body = b"".join(
            json_stream((_record(i) for i in range(count)), {"as_of": "now"}, count > 2, "cut")
        )
        doc = json.loads(body)
        assert doc["as_of"] == "now" and len(doc["rows"]) == count
        assert doc["truncated"] is (count > 2)


def _svg(markup):
    root = ET.fromstring(str(markup))
    assert root.tag.endswith("svg")
    for element in root.iter():
        assert "style" not in element.attrib, "inline styles are blocked by the CSP"
    return root


def _rects(root, css):
    return [r for r in root.iter() if r.tag.endswith("rect") and css in r.get("class", "")]


def test_category_bars_are_proportional_and_mirror_for_rtl():
    rows = [("چاپ", 100, "۱۰۰"), ("سالن", 50, "۵۰"), ("سایر", 0, "۰")]
    ltr = _rects(_svg(category_bars(rows, "t", False, "c1")), "chart-bar")
    rtl = _rects(_svg(category_bars(rows, "t", True, "c2")), "chart-bar")
    widths = [int(r.get("width")) for r in ltr]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert len({int(r.get("x")) for r in ltr}) == 1, "left to right: bars start together"
    assert len({int(r.get("x")) + int(r.get("width")) for r in rtl}) == 1, "rtl: bars end together"
    assert int(rtl[0].get("x")) < int(ltr[0].get("x")) + widths[0]


def test_category_amounts_have_room_and_persian_text_runs_right_to_left():
    from webapp.finance.charts import VALUE_ROOM, WIDTH

    rows = [("تبلیغات مجازی و پیام‌رسان", 900, "۱۲۳٫۴۵ میلیون تومان"), ("سایر", 10, "۱ میلیون")]
    for rtl in (True, False):
        root = _svg(category_bars(rows, "t", rtl, "c"))
        texts = [t for t in root.iter() if t.tag.endswith("text")]
        bars = _rects(root, "chart-bar")
        value = next(t for t in texts if t.text == rows[0][2])
        room = float(value.get("x")) if rtl else WIDTH - float(value.get("x"))
        assert room >= VALUE_ROOM - 6, "the longest bar leaves room for its amount"
        label = next(t for t in texts if t.text == rows[0][0])
        assert float(label.get("y")) < float(bars[0].get("y")), "labels sit above their bars"
        assert all((t.get("direction") == "rtl") == rtl for t in texts)


def test_month_bars_and_cap_bar():
    root = _svg(month_bars([("دی", 10, 5), ("بهمن", 20, 40)], "t", True, "m"))
    assert len(_rects(root, "chart-bar--in")) == 2 and len(_rects(root, "chart-bar--out")) == 2
    for rtl in (True, False):
        root = _svg(month_bars([("دی", 10, 5)], "t", rtl, "m"))
        money_in = float(_rects(root, "chart-bar--in")[0].get("x"))
        money_out = float(_rects(root, "chart-bar--out")[0].get("x"))
        assert (money_in > money_out) == rtl, "money in comes first in the reading direction"
    over = _svg(cap_bar(150, 100, "t", False, "cap"))
    assert _rects(over, "chart-bar--over")
    under = _svg(cap_bar(50, 100, "t", True, "cap", width=120))
    assert under.get("width") == "120" and not _rects(under, "chart-bar--over")


def test_date_ranges_split_into_whole_months_and_edge_days():
    # 1402/11/01 = 2024-01-21, 1402/12/29 = 2024-03-19 (Esfand 1402 has 29 days)
    assert split_range(dt.date(2024, 1, 21), dt.date(2024, 3, 19)) == ((140211, 140212), [])
    months, days = split_range(dt.date(2024, 1, 25), dt.date(2024, 3, 10))
    assert months is None
    assert days == [
        (dt.date(2024, 1, 25), dt.date(2024, 2, 19)),
        (dt.date(2024, 2, 20), dt.date(2024, 3, 10)),
    ]
    months, days = split_range(dt.date(2024, 1, 25), dt.date(2024, 3, 19))
    assert (months, days) == ((140212, 140212), [(dt.date(2024, 1, 25), dt.date(2024, 2, 19))])
    assert split_range(dt.date(2024, 1, 25), dt.date(2024, 1, 30)) == (
        None,
        [(dt.date(2024, 1, 25), dt.date(2024, 1, 30))],
    )
    assert split_range(None, None) == ((None, None), [])
    assert split_range(dt.date(2024, 1, 25), None)[0] == (140212, None)
