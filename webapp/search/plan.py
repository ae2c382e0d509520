"""What a typed query becomes before it reaches the database: its keys, words and code."""

import re
from dataclasses import dataclass, field

from webapp.search.translit import is_latin, latin_skeleton
from webapp.text.normalize import compact_key, normalize_code, search_key, skeleton_key

MAX_KEY = 100  # longer keys cannot match any stored name usefully; they are cut, not refused
MAX_WORDS = 6
LONG = 3  # the trigram indexes need three characters; shorter keys take the prefix path
_CODE = re.compile(r"[0-9A-Z]{1,20}")
_RUN = re.compile(r"(.)\1\1")  # no name repeats a letter three times: zzzzqqq is not «زق»
# Words a code is written after, as the site itself writes it («کد ۰۰۰۱۰۰۳۱», «کد شعبه: …»).
_CODE_LABEL = re.compile(
    r"^\s*(?:(?:[کك]د|شعبه[ٔ\u200cی]*|شماره[ٔ\u200cی]*|station|code|no\.?|#)\s*[:.#-]?\s*)+",
    re.IGNORECASE,
)
# Names voters use for a place the data pack names otherwise, by compact key (Persian or Latin):
# Rey is «ری» in the pack, «شهر ری» (Shahr-e Rey) to most of Tehran.
ALIASES = {
    "شهرری": "ری",
    "shahrerey": "ری",
    "shahrrey": "ری",
    "shahreray": "ری",
    "shahrray": "ری",
}


@dataclass(frozen=True)
class Plan:
    """A query's normalized forms; empty `compact` and no `code` means nothing to search for."""

    text: str
    compact: str
    key: str = ""  # the search key with its spaces, to tell a word from letters across words
    words: tuple[str, ...] = ()
    skeleton: str = ""
    code: str | None = None
    latin: bool = False
    translit: str = ""
    needles: tuple[str, ...] = field(default=())

    @property
    def searchable(self) -> bool:
        """True when there is anything to look up."""
        return bool(self.compact or self.code)

    @property
    def long(self) -> bool:
        """True when the substring (trigram) path can run."""
        return len(self.compact) >= LONG

    @property
    def long_words(self) -> list[str]:
        """Words the trigram indexes can look up (three characters or more)."""
        return [word for word in self.words if len(word) >= LONG]

    @property
    def short_words(self) -> list[str]:
        """Words checked row by row on what the long words found."""
        return [word for word in self.words if len(word) < LONG]


def _code(text: str) -> str | None:
    """The station code a query could be (any digit family, letters upper-cased)."""
    unlabelled = _CODE_LABEL.sub("", text)
    code = normalize_code(unlabelled)
    if unlabelled != text and len(code) < 5:
        return None  # «شعبهٔ ۱۲» is a name's words (a mobile station), not a code's first digits
    if _CODE.fullmatch(code) and any(ch.isdigit() for ch in code):
        return code
    return None


def make_plan(text: str) -> Plan:
    """Normalize a (already length-limited) query into everything the tiers look up."""
    key = search_key(text)[: MAX_KEY * 2]
    key = search_key(ALIASES.get(compact_key(key), key))
    compact = compact_key(key)[:MAX_KEY]
    words = tuple(dict.fromkeys(w for w in (compact_key(w) for w in key.split(" ")) if w))
    words = words[:MAX_WORDS] if len(words) > 1 else ()
    latin = is_latin(key)
    return Plan(
        text=text,
        compact=compact,
        key=key[:MAX_KEY],
        words=words,
        skeleton=skeleton_key(compact),
        code=_code(text),
        latin=latin,
        translit=latin_skeleton(compact)[:MAX_KEY] if latin and not _RUN.search(compact) else "",
        needles=(compact, *words),
    )


def next_key(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix` (code-point order)."""
    following = ord(prefix[-1]) + 1
    if 0xD800 <= following < 0xE000:
        following = 0xE000  # surrogates cannot be stored; skip over them
    if following > 0x10FFFF:
        return prefix + "\U0010ffff"
    return prefix[:-1] + chr(following)
