"""Keep left-to-right runs (codes, dates, phone numbers, Latin words) intact in RTL text.

Without isolation, "12-34" after Persian letters is reordered to "34-12": the digits become
Arabic numbers and the dash between them resolves to right-to-left. Each run is isolated whole,
including the spaces between its parts, so "0912 123 4567" and "PDF file" keep their order too.
"""

import re

from markupsafe import Markup, escape

LRI = "\u2066"
PDI = "\u2069"

_CHUNK = "[0-9A-Za-z\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+"
_JOINER = "[ \u00a0/.:,_#@+\\-]+"
# A run: chunks joined by separators, optionally led by a sign that starts a word ("+98 912").
_RUN_RE = re.compile(f"(?:(?<!\\S)[+\\-])?{_CHUNK}(?:{_JOINER}{_CHUNK})*")
# Direction controls pasted into the text would unbalance our isolates; they are dropped.
_CONTROLS_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def isolate_ltr_runs(text):
    """Wrap each left-to-right run in LRI … PDI isolates, for plain text (titles, SMS, JSON)."""
    text = _CONTROLS_RE.sub("", str(text))
    return _RUN_RE.sub(lambda m: f"{LRI}{m.group()}{PDI}", text)


def render_bidi(text):
    """Return HTML with each left-to-right run in <bdi dir="ltr"> and everything else escaped."""
    text = _CONTROLS_RE.sub("", str(text))
    parts = []
    position = 0
    for match in _RUN_RE.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(Markup('<bdi dir="ltr">{}</bdi>').format(match.group()))
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)
