"""Latin spellings of Persian names: a consonant skeleton both scripts reduce to.

Persian writes long vowels only and Latin spellings of one name disagree on every vowel
(Esfahan, Isfahan; Orumiyeh, Urmia), so both sides drop vowels and the letters that stand for
them (ا و ی ع), fold the letters Persian pronounces alike (ث س ص → s, ذ ز ض ظ → z, ت ط → t,
ح ه → h, غ ق → q) and those Latin spells alike (ج ژ → j: Nejad, Nezhad; ب پ → b: Nishapur,
Neyshabur), read the digraphs Latin uses for one Persian letter (kh, sh, ch, zh, gh), collapse
doubled letters and drop a final h (ساوه = Saveh = Save). Tabriz and تبریز both become
``tbrz``; Khorramabad and خرم‌آباد both ``Xrmbd``.
"""

import re
import unicodedata

from webapp.text.normalize import search_key

# One symbol per Persian consonant class; vowels and vowel carriers map to nothing.
_PERSIAN = {
    "ب": "b",
    "پ": "b",  # Latin writes پ and ب alike in many names (Nishapur, Neyshabur)
    "ت": "t",
    "ط": "t",
    "ث": "s",
    "س": "s",
    "ص": "s",
    "ج": "j",
    "چ": "C",
    "ح": "h",
    "ه": "h",
    "خ": "X",
    "د": "d",
    "ذ": "z",
    "ز": "z",
    "ض": "z",
    "ظ": "z",
    "ر": "r",
    "ژ": "j",  # Latin writes it zh or j (Nezhad, Nejad)
    "ش": "S",
    "غ": "Q",
    "ق": "Q",
    "ف": "f",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
}

_LATIN_DIGRAPHS = re.compile(r"kh|gh|sh|ch|zh|ph|dh")
_DIGRAPH = {"kh": "X", "gh": "Q", "sh": "S", "ch": "C", "zh": "j", "ph": "f", "dh": "z"}
_LATIN_SINGLE = {"p": "b", "c": "k", "q": "Q", "x": "X", "w": "", "v": "", "y": ""}
_LATIN_VOWELS = "aeiou"
_REPEATS = re.compile(r"(.)\1+")
_RUNS = re.compile(r"[a-z0-9]+|[^a-z0-9 ]+")


def _finish(symbols: str) -> str:
    """Collapse doubled symbols and drop one final h."""
    collapsed = _REPEATS.sub(r"\1", symbols)
    return collapsed[:-1] if collapsed.endswith("h") else collapsed


def is_latin(text: str) -> bool:
    """True when the text's letters are Latin (an English-keyboard query)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(
        "LATIN" in unicodedata.name(ch, "") or ch.isascii() for ch in letters
    )


def _latin_symbols(key: str) -> str:
    """Skeleton symbols of a normalized Latin key, before doubles and the final h go."""
    key = _LATIN_DIGRAPHS.sub(lambda match: _DIGRAPH[match.group()], key)
    return "".join(_LATIN_SINGLE.get(ch, ch) for ch in key if ch not in _LATIN_VOWELS)


def latin_skeleton(text: str) -> str:
    """The consonant skeleton of a Latin spelling: ``Eslamshahr`` → ``slmShr``."""
    return _finish(_latin_symbols(search_key(text).replace(" ", "")))


def persian_skeleton(text: str) -> str:
    """The consonant skeleton of a Persian name: ``اسلامشهر`` → ``slmShr``."""
    out = []
    for run in _RUNS.findall(search_key(text)):
        if run[0].isascii():
            out.append(_latin_symbols(run))
            continue
        out.extend(_PERSIAN.get(ch, ch if ch.isdigit() else "") for ch in run)
    return _finish("".join(out))
