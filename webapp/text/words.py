"""Integers spelled out in Persian or English words."""

from decimal import Decimal

_FA_ONES = "صفر یک دو سه چهار پنج شش هفت هشت نه".split()
_FA_TEENS = "ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده".split()
_FA_TENS = ["", ""] + "بیست سی چهل پنجاه شصت هفتاد هشتاد نود".split()
_FA_HUNDREDS = [""] + "صد دویست سیصد چهارصد پانصد ششصد هفتصد هشتصد نهصد".split()
_FA_SCALES = ["", "هزار", "میلیون", "میلیارد", "تریلیون", "کوادریلیون"]

_EN_ONES = "zero one two three four five six seven eight nine".split()
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_EN_TENS = ["", ""] + "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion"]

_LIMIT = 1000 ** len(_FA_SCALES)


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


def number_words(n, lang="fa"):
    """Spell out a whole number below 10^18 in Persian, or in English when lang is "en"."""
    n = _as_int(n)
    en = lang == "en"
    if abs(n) >= _LIMIT:
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
