"""Small server-rendered SVG charts (no script, no inline style): bars by category, by month, cap.

Coordinates are mirrored on right-to-left pages, so bars grow away from their labels in either
language. Colours come from classes in site.css; each chart has a <title> and sits beside a
table with the same figures, which is what screen readers and printouts rely on.
"""

from markupsafe import Markup, escape

WIDTH = 320
ROW = 26
LABEL = 112
BAR_MAX = 118


def _svg(height: int, title: str, body: list[str], label_id: str, width: int = WIDTH) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{label_id}" direction="ltr" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{label_id}">{escape(title)}</title>{"".join(body)}</svg>'
    )


def _text(css: str, x, y, anchor: str, text: str) -> str:
    return f'<text class="{css}" x="{x}" y="{y}" text-anchor="{anchor}">{escape(text)}</text>'


def category_bars(rows: list[tuple[str, int, str]], title: str, rtl: bool, label_id: str) -> Markup:
    """Horizontal bars: (label, value, value text) per row, longest = BAR_MAX."""
    top = max((value for _label, value, _text in rows), default=0) or 1
    body = []
    for i, (label, value, text) in enumerate(rows):
        y = i * ROW
        length = max(1, round(BAR_MAX * value / top)) if value else 0
        if rtl:
            label_x, anchor = WIDTH - 2, "end"
            bar_x = WIDTH - LABEL - 4 - length
            value_x = bar_x - 4
        else:
            label_x, anchor = 2, "start"
            bar_x = LABEL + 4
            value_x = bar_x + length + 4
        body.append(
            _text("chart-label", label_x, y + 17, anchor, label)
            + f'<rect class="chart-bar chart-bar--out" x="{bar_x}" y="{y + 6}" '
            f'width="{length}" height="14"/>' + _text("chart-value", value_x, y + 17, anchor, text)
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
        for value, offset, css in ((money_in, -bar - 1, "in"), (money_out, 1, "out")):
            h = round((base - top_space) * value / top) if value else 0
            x = centre + offset
            body.append(
                f'<rect class="chart-bar chart-bar--{css}" x="{x:.1f}" y="{base - h}" '
                f'width="{bar:.1f}" height="{h}"/>'
            )
        body.append(_text("chart-label", f"{centre:.1f}", height - 6, "middle", label))
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
