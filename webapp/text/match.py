"""In-memory name matching on normalized keys, with a trigram-similarity fallback.

Tiers, best first: the whole compact key equal (listed first) or the query's compact key inside
the name's; every query word inside the name's compact key, in any order ("محمد کریمی"); the
skeleton key inside the name's (کلپایکانی typed without گ and پ); and only when those find
nothing, trigram similarity to the whole name or its best-matching word.

The trigram helpers follow pg_trgm applied to one word, the compact key: padded with two spaces
in front and one behind, similarity = shared / all distinct trigrams. A database-backed search
storing compact keys gets the same scores from ``similarity()``, and per-word scores from
``word_similarity()`` or a table of name words.
"""

from webapp.text.normalize import compact_key, search_key, skeleton_key

# pg_trgm's default, so in-memory and database results agree. Spelling variants clear it with room
# to spare (عبداله scores 0.67 against the word عبدالله, 0.36 against all of عبدالله نوری), while
# names sharing only a first letter stay near 0.1.
SIMILARITY_THRESHOLD = 0.3


def trigrams(s):
    """Return the set of pg_trgm-style trigrams of a string's compact key."""
    key = compact_key(s)
    if not key:
        return frozenset()
    padded = f"  {key} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a, b):
    """Return the trigram similarity (0–1) of two strings' compact keys, as pg_trgm computes it."""
    return _jaccard(trigrams(a), trigrams(b))


def _jaccard(left, right):
    """Shared trigrams over all distinct trigrams; 0 when either side has none."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _fuzzy_score(query_grams, name):
    """Best similarity of the query to the whole name or to any single word of it."""
    candidates = [name, *search_key(name).split(" ")]
    return max(_jaccard(query_grams, trigrams(candidate)) for candidate in candidates)


def _exact_tiers(query, names):
    """Yield (tier, keys) for the key-based tiers in order, each with the keys it finds."""
    target = compact_key(query)
    words = [compact_key(word) for word in search_key(query).split(" ")]
    skeleton = skeleton_key(query)
    keys = {key: compact_key(name) for key, name in names.items()}
    exact = [key for key, name_key in keys.items() if name_key == target]
    inside = [key for key, name_key in keys.items() if target in name_key and key not in exact]
    yield ("exact" if exact else "substring"), exact + inside
    yield "words", [key for key, name_key in keys.items() if all(w in name_key for w in words)]
    yield "skeleton", [key for key, name in names.items() if skeleton in skeleton_key(name)]


def find_matches(query, names):
    """Return (tier, keys) from the first tier finding anything; ("none", []) if none does.

    ``names`` maps a key (such as a database id) to the stored name. Exact matches are listed
    before substring matches; otherwise keys keep the dict's order, and fuzzy ones come best first.
    """
    if not compact_key(query):
        return "none", []
    for tier, keys in _exact_tiers(query, names):
        if keys:
            return tier, keys
    query_grams = trigrams(query)
    scored = [(_fuzzy_score(query_grams, name), key) for key, name in names.items()]
    ranked = sorted(scored, key=lambda item: -item[0])  # stable: ties keep the dict's order
    fuzzy = [key for score, key in ranked if score >= SIMILARITY_THRESHOLD]
    return ("fuzzy" if fuzzy else "none"), fuzzy


def match_names(query, names):
    """Return the keys of ``names`` (key → stored name) matching ``query``, best tier only."""
    return find_matches(query, names)[1]
