"""Keys an indexed name is stored under, the terms fuzzy search compares, and highlighting."""

from functools import lru_cache

from markupsafe import Markup, escape

from webapp.search.translit import persian_skeleton
from webapp.text.match import trigrams
from webapp.text.normalize import clean_display, compact_key, search_key, skeleton_key

MAX_KEY = 300
# English joining words in names ("Tabriz, Osku and Azarshahr") are not worth a fuzzy match.
_STOPWORDS = frozenset({"and", "of", "the"})


@lru_cache(maxsize=32_768)
def name_keys(name: str) -> dict:
    """The cleaned display form of a Persian name and the keys search looks it up by."""
    display = clean_display(name)
    return {
        "display": display[:MAX_KEY],
        "search_key": search_key(display)[:MAX_KEY],
        "compact_key": compact_key(display)[:MAX_KEY],
        "skeleton_key": skeleton_key(display)[:MAX_KEY],
        "translit_key": persian_skeleton(display)[:MAX_KEY],
    }


def context_key(*names: str | None) -> str:
    """Compact keys of the places around a name (its city, county, province), space-separated."""
    return " ".join(compact_key(name) for name in names if name)[: MAX_KEY * 2]


@lru_cache(maxsize=32_768)
def name_terms(name: str) -> frozenset[str]:
    """The whole compact key and each word's: what the fuzzy tier scores a query against.

    The same candidates `webapp.text.match` scores in memory, so the database's fuzzy tier and
    the in-memory one agree.
    """
    words = search_key(name).split(" ")
    terms = (compact_key(name), *map(compact_key, words))
    return frozenset(term for term in terms if term and term not in _STOPWORDS)


@lru_cache(maxsize=65_536)
def term_grams(term: str) -> frozenset[str]:
    """The pg_trgm-style trigrams of one term (padded two spaces in front, one behind)."""
    return trigrams(term)


class _Folds(dict):
    """One character → what `fold` makes of it, remembered per character."""

    def __init__(self, fold):
        super().__init__()
        self.fold = fold

    def __missing__(self, ch: str) -> str:
        value = self.fold(ch)
        if len(self) < 8_192:  # hostile input cannot grow it without bound
            self[ch] = value
        return value


_FOLDS: dict = {}


def _spans(folded: list[str], needles: list[str]) -> list[tuple[int, int]]:
    """(start, end) character spans of the original text covering each needle once."""
    owners = [i for i, piece in enumerate(folded) for _ in piece]
    haystack = "".join(folded)
    spans = []
    for needle in needles:
        at = haystack.find(needle) if needle else -1
        if at >= 0:
            spans.append((owners[at], owners[at + len(needle) - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, needles: list[str], fold=compact_key) -> Markup:
    """The text with each needle (compared as `fold` sees it) wrapped in <mark>."""
    needles = [needle for needle in needles if needle]
    if not text or not needles:
        return escape(text)
    folds = _FOLDS.setdefault(fold, _Folds(fold))
    spans = _spans([folds[ch] for ch in text], needles)
    out, cursor = Markup(), 0
    for start, end in spans:
        out += escape(text[cursor:start]) + Markup("<mark>{}</mark>").format(text[start:end])
        cursor = end
    return out + escape(text[cursor:])
