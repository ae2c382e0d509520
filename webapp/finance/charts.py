"""Small server-rendered SVG charts (no script, no inline style): bars by category, by month, cap.

Coordinates are mirrored on right-to-left pages, so bars grow away from their labels in either
language. Colours come from classes in site.css; each chart has a <title> and sits beside a
table with the same figures, which is what screen readers and printouts rely on.
"""

from markupsafe import Markup, escape

WIDTH = 320
ROW = 38  # a category's label on one line, its bar and amount on the next
VALUE_ROOM = 118  # the widest amount at 12 px: «۱۲۳٫۴۵ میلیون تومان», "123.45 million toman"
BAR_MAX = WIDTH - 4 - VALUE_ROOM


def _svg(height: int, title: str, body: list[str], label_id: str, width: int = WIDTH) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{label_id}" direction="ltr" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{label_id}">{escape(title)}</title>{"".join(body)}</svg>'
    )


def _text(css: str, x, y, anchor: str, text: str, rtl: bool = False) -> str:
    """An SVG text, laid out right to left on right-to-left pages ("start" is then its right end).

    In the chart's left-to-right box a Persian amount would show its number after the words.
    """
    direction = ' direction="rtl"' if rtl else ""
    return (
        f'<text class="{css}" x="{x}" y="{y}" text-anchor="{anchor}"{direction}>'
        f"{escape(text)}</text>"
    )


def category_bars(rows: list[tuple[str, int, str]], title: str, rtl: bool, label_id: str) -> Markup:
    """Horizontal bars: (label, value, value text) per row, longest = BAR_MAX.

    Each label has a line of its own above its bar, so long category names never run into
    the bars on a 320 px phone, and the amount follows the bar's end.
    """
    top = max((value for _label, value, _text in rows), default=0) or 1
    body = []
    for i, (label, value, text) in enumerate(rows):
        y = i * ROW
        length = max(1, round(BAR_MAX * value / top)) if value else 0
        edge = WIDTH - 2 if rtl else 2
        bar_x = edge - length if rtl else edge
        value_x = bar_x - 6 if rtl else bar_x + length + 6
        body.append(
            _text("chart-label", edge, y + 13, "start", label, rtl)
            + f'<rect class="chart-bar chart-bar--out" x="{bar_x}" y="{y + 19}" '
            f'width="{length}" height="13"/>'
            + _text("chart-value", value_x, y + 30, "start", text, rtl)
        )
    return _svg(max(ROW, len(rows) * ROW), title, body, label_id)


def month_bars(rows: list[tuple[str, int, int]], title: str, rtl: bool, label_id: str) -> Markup:
    """Pairs of vertical bars (money in, money out) per month, months in reading order."""
    height, base, top_space = 150, 126, 8
    top = max((max(a, b) for _label, a, b in rows), default=0) or 1
    slot = (WIDTH - 8) / max(1, len(rows))
    bar = min(22, slot / 2 - 4)
    body = [f'<line class="chart-axis" x1="4" x2="{WIDTH - 4}" y1="{base}" y2="{base}"/>']
    for i, (label, money_in, money_out) in enumerate(rows):
        centre = 4 + slot * (len(rows) - 1 - i if rtl else i) + slot / 2
        first, second = (1, -bar - 1) if rtl else (-bar - 1, 1)  # money in read first
        for value, offset, css in ((money_in, first, "in"), (money_out, second, "out")):
            h = round((base - top_space) * value / top) if value else 0
            x = centre + offset
            body.append(
                f'<rect class="chart-bar chart-bar--{css}" x="{x:.1f}" y="{base - h}" '
                f'width="{bar:.1f}" height="{h}"/>'
            )
        body.append(_text("chart-label", f"{centre:.1f}", height - 6, "middle", label, rtl))
    return _svg(height, title, body, label_id)


def cap_bar(
    spent: int, cap: int, title: str, rtl: bool, label_id: str, width: int = WIDTH
) -> Markup:
    """One bar: the spending against the cap, with a mark at the cap."""
    height, full = 30, width - 4
    scale = max(spent, cap) or 1
    used = round(full * spent / scale)
    mark = round(full * cap / scale)
    over = " chart-bar--over" if spent > cap else ""
    bar_x = width - 2 - used if rtl else 2
    mark_x = width - 2 - mark if rtl else 2 + mark
    body = [
        f'<rect class="chart-track" x="2" y="6" width="{full}" height="18"/>',
        f'<rect class="chart-bar chart-bar--out{over}" x="{bar_x}" y="6" width="{used}" '
        'height="18"/>',
        f'<line class="chart-cap" x1="{mark_x}" x2="{mark_x}" y1="1" y2="{height - 1}"/>',
    ]
    return _svg(height, title, body, label_id, width)
