"""Display formatting of numbers, percentages, money, number words and distances (fa or en)."""

from decimal import ROUND_HALF_UP, Context, Decimal

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_FA_SEPARATORS = str.maketrans({",": "\u066c", ".": "\u066b"})
_FA_MINUS = "\u200e\u2212"  # CLDR fa: LRM then minus sign, so the sign stays left of the digits
_CONTEXT = Context(prec=200, rounding=ROUND_HALF_UP)  # room for any amount at fixed decimals
_MAX_DECIMALS = 6  # enough for any figure we show; hides float noise like 0.30000000000000004

_UNITS = {
    "fa": {"rial": "ریال", "toman": "تومان", "m": "متر", "km": "کیلومتر", "percent": "\u066a"},
    "en": {"rial": "rial", "toman": "toman", "m": "m", "km": "km", "percent": "%"},
}
_SCALES = {
    "fa": ((10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار")),
    "en": ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")),
}

_FA_ONES = ["صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
_FA_TEENS = [
    "ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده",
]  # fmt: skip
_FA_TENS = ["", ""] + ["بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
_FA_HUNDREDS = [""] + ["صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
_FA_SCALES = ["", "هزار", "میلیون", "میلیارد", "تریلیون", "کوادریلیون"]

_EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_EN_TENS = ["", ""] + ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion"]

_WORDS_LIMIT = 1000 ** len(_FA_SCALES)


def _lang(lang):
    """Return "en" for English and "fa" for everything else."""
    return "en" if lang == "en" else "fa"


def _decimal(n):
    """Convert an int, float, Decimal or numeric string to Decimal without binary noise."""
    if isinstance(n, Decimal):
        return n
    if isinstance(n, bool) or not isinstance(n, (int, float, str)):
        raise TypeError(f"not a number: {n!r}")
    value = Decimal(str(n).strip())
    if not value.is_finite():
        raise ValueError(f"not a finite number: {n!r}")
    return value


def _round(value, decimals):
    """Round half away from zero to a fixed number of decimals."""
    return value.quantize(Decimal(1).scaleb(-decimals), context=_CONTEXT)


def _plain(value, decimals=None, max_decimals=_MAX_DECIMALS):
    """Format a Decimal with "," grouping and "." decimals; trim zeros unless decimals is fixed."""
    if decimals is not None:
        text = f"{_round(value, decimals):,.{decimals}f}"
    else:
        text = f"{_round(value, max_decimals):,.{max_decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and text.strip("-0.,") == "":
        text = text[1:]  # no "-0"
    return text


def _localize(text, lang):
    """Turn an English-formatted number into its Persian form when lang is not "en"."""
    if _lang(lang) == "en":
        return text
    if text.startswith("-"):
        text = _FA_MINUS + text[1:]
    return text.translate(_FA_SEPARATORS).translate(_FA_DIGITS)


def fa_digits(s):
    """Replace ASCII digits with Persian digits (U+06F0–U+06F9)."""
    return str(s).translate(_FA_DIGITS)


def format_number(n, lang="fa", decimals=None):
    """Format a number with thousands grouping; Persian digits, ٬ and ٫ unless lang is "en"."""
    return _localize(_plain(_decimal(n), decimals), lang)


def format_percent(x, lang="fa", decimals=None):
    """Format a fraction as a percentage (0.256 → ۲۵٫۶٪); at most one decimal unless fixed."""
    value = _decimal(x) * 100
    text = _plain(value, decimals, max_decimals=1)
    return _localize(text, lang) + _UNITS[_lang(lang)]["percent"]


def _toman(rials):
    """Convert an amount in rials to toman exactly."""
    return _CONTEXT.divide(_decimal(rials), 10)


def format_money_rial(rials, lang="fa"):
    """Format an amount in rials with the unit after the number."""
    return f"{format_number(rials, lang)} {_UNITS[_lang(lang)]['rial']}"


def format_money_toman(rials, lang="fa"):
    """Format an amount stored in rials as toman (rial ÷ 10) with the unit after the number."""
    return f"{format_number(_toman(rials), lang)} {_UNITS[_lang(lang)]['toman']}"


def format_money_compact(rials, lang="fa"):
    """Format rials as toman with a scale word, at most two decimals: ۱٫۲۵ میلیون تومان."""
    lang = _lang(lang)
    toman = _toman(rials)
    unit = _UNITS[lang]["toman"]
    for index, (scale, word) in enumerate(_SCALES[lang]):
        if abs(toman) < scale:
            continue
        scaled = _round(toman / scale, 2)
        if index > 0 and abs(scaled) >= 1000:
            scale, word = _SCALES[lang][index - 1]  # 999.999 million rounds up to 1 billion
            scaled = _round(toman / scale, 2)
        return f"{_localize(_plain(scaled, max_decimals=2), lang)} {word} {unit}"
    return f"{_localize(_plain(toman, max_decimals=2), lang)} {unit}"


def format_number_words(n, lang="fa"):
    """Spell out an integer: 1250000 → یک میلیون و دویست و پنجاه هزار."""
    return _number_words(n, _lang(lang))


def format_money_words(rials, lang="fa"):
    """Spell out an amount stored in rials as toman words, or as rial words if not whole toman."""
    lang = _lang(lang)
    toman = _toman(rials)
    if toman == toman.to_integral_value():
        return f"{_number_words(int(toman), lang)} {_UNITS[lang]['toman']}"
    return f"{_number_words(rials, lang)} {_UNITS[lang]['rial']}"


def format_distance(meters, lang="fa"):
    """Format a distance: nearest 10 m below 1 km, one decimal below 10 km, whole km above."""
    lang = _lang(lang)
    value = _decimal(meters)
    if value < 0:
        raise ValueError(f"negative distance: {meters!r}")
    rounded_m = _round(value / 10, 0) * 10
    if rounded_m < 1000:
        return f"{_localize(_plain(rounded_m), lang)} {_UNITS[lang]['m']}"
    km = _round(value / 1000, 1)
    if km >= 10:
        km = _round(value / 1000, 0)
    return f"{_localize(_plain(km, max_decimals=1), lang)} {_UNITS[lang]['km']}"


def _fa_below_thousand(n):
    """Persian words for 1–999, parts joined with و."""
    parts = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(_FA_HUNDREDS[hundreds])
    if 10 <= rest < 20:
        parts.append(_FA_TEENS[rest - 10])
    else:
        tens, ones = divmod(rest, 10)
        if tens:
            parts.append(_FA_TENS[tens])
        if ones:
            parts.append(_FA_ONES[ones])
    return " و ".join(parts)


def _en_below_thousand(n):
    """English words for 1–999: "two hundred fifty-one"."""
    parts = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(f"{_EN_ONES[hundreds]} hundred")
    if 10 <= rest < 20:
        parts.append(_EN_TEENS[rest - 10])
    elif rest:
        tens, ones = divmod(rest, 10)
        word = _EN_TENS[tens] if tens else ""
        if ones:
            word = f"{word}-{_EN_ONES[ones]}" if word else _EN_ONES[ones]
        parts.append(word)
    return " ".join(parts)


def _as_int(n):
    """Accept ints and integral Decimals/floats; reject anything with a fraction."""
    if isinstance(n, bool):
        raise TypeError(f"not a number: {n!r}")
    if isinstance(n, int):
        return n
    if isinstance(n, (float, Decimal)) and n == int(n):
        return int(n)
    raise ValueError(f"only whole numbers can be spelled out: {n!r}")


def _number_words(n, lang="fa"):
    """Spell out a whole number below 10^18 in Persian, or in English when lang is "en"."""
    n = _as_int(n)
    en = lang == "en"
    if abs(n) >= _WORDS_LIMIT:
        raise ValueError(f"number too large to spell out: {n}")
    if n == 0:
        return _EN_ONES[0] if en else _FA_ONES[0]
    groups = []
    rest, index = abs(n), 0
    while rest:
        rest, group = divmod(rest, 1000)
        if group:
            words = _en_below_thousand(group) if en else _fa_below_thousand(group)
            scale = (_EN_SCALES if en else _FA_SCALES)[index]
            groups.append(f"{words} {scale}" if scale else words)
        index += 1
    text = (" " if en else " و ").join(reversed(groups))
    if n < 0:
        return ("minus " if en else "منفی ") + text
    return text
