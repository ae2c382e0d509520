"""Reading amounts people type: toman in search forms, whole rials in bank files.

Digits of any script and the usual separators are accepted («۱٬۵۰۰٬۰۰۰», «1,500,000»,
«۲ میلیون», «2.5m»); anything else raises AmountError with a reason code the caller turns
into a sentence in the page's language. Amounts come back as integer rials, never floats.
"""

import re
from decimal import Decimal, InvalidOperation

from webapp.text.normalize import to_ascii_digits

MAX_RIALS = 10**16  # ten thousand trillion rials: far above any campaign, below 64-bit limits

_IGNORED = re.compile("[\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_GROUPING = re.compile("[,\u066c\u060c']")
_UNITS = {
    "تومان": 10,
    "تومن": 10,
    "toman": 10,
    "tomans": 10,
    "ریال": 1,
    "rial": 1,
    "rials": 1,
}
_SCALES = {
    "هزار": 10**3,
    "k": 10**3,
    "thousand": 10**3,
    "میلیون": 10**6,
    "m": 10**6,
    "million": 10**6,
    "میلیارد": 10**9,
    "b": 10**9,
    "billion": 10**9,
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class AmountError(ValueError):
    """An amount that cannot be read; `reason` is one of: format, negative, fraction, large."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _split_words(text: str) -> tuple[str, int, int | None]:
    """(number text, scale, unit) with scale and unit words taken off the end."""
    words = text.split(" ")
    unit = scale = None
    while len(words) > 1 or (words and not _NUMBER.fullmatch(words[-1] or "x")):
        word = words[-1].lower()
        match = re.fullmatch(r"(.*?\d)([a-z]+)", word)  # "2.5m", "3k"
        if match and match.group(2) in _SCALES and scale is None:
            words[-1:] = [match.group(1), match.group(2)]
            continue
        if word in _UNITS and unit is None and scale is None:
            unit = _UNITS[word]
        elif word in _SCALES and scale is None:
            scale = _SCALES[word]
        else:
            break
        words.pop()
    return "".join(words), scale or 1, unit


def _plain_number(text: str) -> Decimal:
    """A non-negative decimal from digits, grouping separators and one decimal point."""
    if text.startswith(("-", "\u2212")):
        raise AmountError("negative")
    text = _GROUPING.sub("", text.replace("\u066b", "."))
    if text.count(".") > 1:  # 1.500.000: dots used for grouping
        text = text.replace(".", "")
    if not _NUMBER.fullmatch(text):
        raise AmountError("format")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise AmountError("format") from None


def _clean(text: str | None) -> str:
    text = _IGNORED.sub("", to_ascii_digits(text or ""))
    return _SPACES.sub(" ", text).strip()


def parse_toman(text: str | None) -> int | None:
    """Rials for an amount typed in toman (or with «ریال» after it); None when empty."""
    text = _clean(text)
    if not text:
        return None
    number, scale, unit = _split_words(text)
    if not number:
        raise AmountError("format")
    value = _plain_number(number.replace(" ", "")) * scale * (unit or 10)
    if value != value.to_integral_value():
        raise AmountError("fraction")
    if value > MAX_RIALS:
        raise AmountError("large")
    return int(value)


def parse_rials(text: str | None) -> int:
    """A positive whole number of rials from a bank file's cell (separators allowed)."""
    text = _GROUPING.sub("", _clean(text)).replace(" ", "")
    if text.startswith(("-", "\u2212")):
        raise AmountError("negative")
    if "." in text or "\u066b" in text:
        raise AmountError("fraction")
    if not (text.isascii() and text.isdigit()):
        raise AmountError("format")
    value = int(text)
    if value == 0:
        raise AmountError("format")
    if value > MAX_RIALS:
        raise AmountError("large")
    return value
