"""Table-driven Persian text normalization for display, search keys and identifiers.

Every function here is pure and works in time linear in the input: the per-character work is
done by ``str.translate`` against tables built once (or filled lazily, one entry per distinct
code point) and by precompiled regular expressions whose character classes never overlap.
"""

import re
import unicodedata

ZWNJ = "\u200c"

# Arabic-keyboard and Arabic-script variants folded to the Persian letter in both display and keys.
_PERSIAN_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh
    "\u0649": "\u06cc",  # ى alef maksura
    "\u06d2": "\u06cc",  # ے yeh barree
    "\u0643": "\u06a9",  # ك Arabic kaf
    "\u06aa": "\u06a9",  # ڪ swash kaf
}

# Further folds used only in keys: the displayed name keeps آ, ة, أ and ۀ as written.
_KEY_LETTERS = {
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ alef wasla
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0624": "\u0648",  # ؤ
    "\u0626": "\u06cc",  # ئ
    "\u0629": "\u0647",  # ة teh marbuta
    "\u06c3": "\u0647",
    "\u06c0": "\u0647",  # ۀ heh with yeh above
    "\u06c1": "\u0647",  # ہ heh goal
    "\u06be": "\u0647",  # ھ heh doachashmee
    "\u06d5": "\u0647",  # ە ae
    "\u0621": None,  # ء standalone hamza: جزء and جز must meet
}

_HARAKAT = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0653)]
    + [chr(c) for c in range(0x0656, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DE, 0x06E5, 0x06E6, 0x06E9)]
)
_TATWEEL = "\u0640"
_BIDI_CONTROLS = (
    ["\u200e", "\u200f", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e"]

_DISPLAY_TABLE = str.maketrans(
    {
        **_PERSIAN_LETTERS,
        **dict.fromkeys(_HARAKAT + [_TATWEEL] + _BIDI_CONTROLS + _INVISIBLE),
    }
)
_DISPLAY_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_DISPLAY_PRESENTATION_RE = re.compile(r"[\ufb50-\ufdff\ufe70-\ufefc]+")
_DISPLAY_SPACE_RE = re.compile(r"\s+")
_DISPLAY_ZWNJ_RE = re.compile(r" ?\u200c[\u200c ]*")


# Lazy tables cache only the Basic Multilingual Plane, so hostile input cycling through astral
# code points cannot grow them without bound (at most 65,536 small entries each).
_CACHE_BELOW = 0x10000


class _KeyTable(dict):
    """Translation table for search keys, filled in per code point on first sight."""

    def __missing__(self, cp):
        value = _key_char(chr(cp))
        if cp < _CACHE_BELOW:
            self[cp] = value
        return value


def _key_char(ch):
    """Map one (already NFKC-normalized, case-folded) character to its search-key form."""
    if ch in _KEY_LETTERS:
        return _KEY_LETTERS[ch]
    if ch in _PERSIAN_LETTERS:
        return _PERSIAN_LETTERS[ch]
    if ch == _TATWEEL:
        return None
    if ch == ZWNJ or ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Nd":
        return str(unicodedata.digit(ch))
    if category[0] == "L" or category in ("Nl", "No"):
        # Accented Latin (é, ä) folds to its base letter; other scripts stay as they are.
        return unicodedata.normalize("NFD", ch)[0] if "\u00c0" <= ch <= "\u024f" else ch
    if category[0] == "M" or category in ("Cf", "Cc", "Cs", "Co", "Cn"):
        return None
    return " "  # punctuation, symbols (including emoji) and separators


_KEY_TABLE = _KeyTable()
_SPACES_RE = re.compile(" {2,}")

# Letters a keyboard may lack (پ چ ژ گ), and letters that sound alike and are often confused
# when typing a name heard aloud (ح/ه, ث ص/س, ذ ض ظ/ز, ط/ت, غ/ق), each folded to one letter.
_SKELETON_TABLE = str.maketrans(
    {
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "گ": "ک",
        "ح": "ه",
        "ث": "س",
        "ص": "س",
        "ذ": "ز",
        "ض": "ز",
        "ظ": "ز",
        "ط": "ت",
        "غ": "ق",
    }
)
SKELETON_FOLDED = "پچژگحثصذضظطغ"  # letters a skeleton key never holds


class _DigitTable(dict):
    """Translation table sending a decimal digit of any script to its ASCII digit."""

    def __missing__(self, cp):
        ch = chr(cp)
        value = str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else cp
        if cp < _CACHE_BELOW:
            self[cp] = value
        return value


_DIGIT_TABLE = _DigitTable()
_CODE_DROP_RE = re.compile(
    "[\\s\u200c\u200d\u200b\ufeff\u00ad\u0640"
    + "".join(_BIDI_CONTROLS)
    + "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]+"
)
_PHONE_SEPARATORS_RE = re.compile(r"[\s().\-/]+")
_MOBILE_RE = re.compile(r"(?:\+98|0098|98)?0?(9\d{9})")


def clean_display(s):
    """Tidy a name for display: Persian letters, no harakat, tatweel or bidi marks, tidy spacing."""
    s = unicodedata.normalize("NFC", s)
    s = _DISPLAY_PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    s = _DISPLAY_CONTROL_RE.sub("", s.translate(_DISPLAY_TABLE))
    s = _DISPLAY_SPACE_RE.sub(" ", s)
    s = _DISPLAY_ZWNJ_RE.sub(lambda m: " " if " " in m.group() else ZWNJ, s)
    return s.strip(" " + ZWNJ)


def search_key(s):
    """Return the normalized search key: folded letters, ASCII digits, single spaces."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.translate(_KEY_TABLE)
    return _SPACES_RE.sub(" ", s).strip(" ")


def compact_key(s):
    """Return the search key without spaces, so spacing variants of a name meet."""
    return search_key(s).replace(" ", "")


def skeleton_key(s):
    """Return the compact key with پ چ ژ گ folded to ب ج ز ک (keyboards lacking them) and
    sound-alike letters folded together (مشحد meets مشهد, نغده meets نقده)."""
    return compact_key(s).translate(_SKELETON_TABLE)


def to_ascii_digits(s):
    """Replace decimal digits of every script (Persian, Arabic-Indic, ...) with ASCII digits."""
    return s.translate(_DIGIT_TABLE)


def normalize_code(s):
    """Normalize an identifier typed in any digit family: ASCII digits, no spaces or dashes.

    Leading zeros are kept (never ``int()`` a code) and Latin letters are upper-cased, so a code
    typed as ``a-۰۱۲`` meets the stored ``A012``.
    """
    s = to_ascii_digits(unicodedata.normalize("NFKC", s))
    return _CODE_DROP_RE.sub("", s).upper()


def normalize_phone(s, lang="fa"):
    """Return an Iranian mobile number as ``09xxxxxxxxx``; raise ValueError if it is not one."""
    digits = _PHONE_SEPARATORS_RE.sub("", normalize_code(s))
    match = _MOBILE_RE.fullmatch(digits)
    if not match:
        if lang == "en":
            raise ValueError("Enter an Iranian mobile number, for example 0912 123 4567.")
        raise ValueError("شمارهٔ همراه را درست وارد کنید، مثلاً ۰۹۱۲ ۱۲۳ ۴۵۶۷.")
    return "0" + match.group(1)
