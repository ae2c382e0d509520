"""Rebuild the search index from every registered kind, inside the caller's transaction.

Loads need not call this: follow.py rebuilds the index in the transaction of any load.
"""

import time
from functools import lru_cache

from webapp.extensions import db
from webapp.search.backend import backend_for
from webapp.search.keys import MAX_KEY, context_key, name_keys, name_terms, term_grams
from webapp.search.registry import Entry, Kind, all_kinds
from webapp.search.translit import persian_skeleton
from webapp.text.collation import persian_sort_key
from webapp.text.normalize import clean_display, compact_key

ENTRY_COLUMNS = (
    "id",
    "kind",
    "ref_id",
    "grp",
    "weight",
    "display",
    "display_en",
    "context_fa",
    "context_en",
    "code",
    "number",
    "sample",
    "search_key",
    "compact_key",
    "skeleton_key",
    "context_key",
    "latin_key",
    "translit_key",
)
_GRP, _WEIGHT, _DISPLAY, _DISPLAY_EN = 3, 4, 5, 6


@lru_cache(maxsize=32_768)
def _clean(text: str) -> str:
    """clean_display, remembered: context lines repeat across thousands of stations."""
    return clean_display(text or "")[:MAX_KEY]


_context_key = lru_cache(maxsize=32_768)(context_key)


def _row(kind: Kind, entry: Entry) -> list:
    """The search_entry values of one record, in ENTRY_COLUMNS order (id filled in later)."""
    english = _clean(entry.name_en)
    keys = name_keys(entry.name)
    return [
        0,
        kind.name,
        entry.ref_id,
        kind.group,
        entry.weight,
        keys["display"],
        english,
        _clean(entry.context_fa),
        _clean(entry.context_en),
        entry.code,
        entry.number,
        bool(entry.sample),
        keys["search_key"],
        keys["compact_key"],
        keys["skeleton_key"],
        _context_key(*entry.context_names),
        compact_key(english)[:MAX_KEY] if english else "",
        keys["translit_key"],
    ]


def _ranked_rows() -> list[list]:
    """Every kind's rows in rank order, numbered: that order is the id order.

    Rank: places before stations and people, then weight, then the kind, then Persian
    alphabetical order of the name.
    """
    rows = [(kind.order, _row(kind, entry)) for kind in all_kinds() for entry in kind.entries()]
    names = sorted({row[_DISPLAY] for _order, row in rows}, key=persian_sort_key)
    alphabetical = {name: position for position, name in enumerate(names)}
    rows.sort(
        key=lambda pair: (
            pair[1][_GRP],
            -pair[1][_WEIGHT],
            pair[0],
            alphabetical[pair[1][_DISPLAY]],
            pair[1][2],
        )
    )
    for number, (_order, row) in enumerate(rows, start=1):
        row[0] = number
    return [row for _order, row in rows]


def _terms(rows: list[list]) -> tuple[list[tuple], list[tuple]]:
    """Distinct (id, term, grams), and (term id, entry id) pairs in key order."""
    ids: dict[str, int] = {}
    pairs = []
    for row in rows:
        found = name_terms(row[_DISPLAY])
        if row[_DISPLAY_EN]:
            found = found | name_terms(row[_DISPLAY_EN])
        pairs.extend((ids.setdefault(term[:MAX_KEY], len(ids) + 1), row[0]) for term in found)
    pairs.sort()
    return [(i, t, len(term_grams(t))) for t, i in ids.items()], pairs


def _word_skeletons(rows: list[list]) -> list[tuple]:
    """(skeleton, entry id) of every word of the names of several words, in key order.

    Skeletons under two symbols name nothing in particular and are left out; the whole name's
    skeleton is in search_entry already.
    """
    pairs = set()
    for row in rows:
        words = row[_DISPLAY].split()
        if len(words) > 1:
            for word in words:
                skeleton = persian_skeleton(word)[:MAX_KEY]
                if len(skeleton) >= 2:
                    pairs.add((skeleton, row[0]))
    return sorted(pairs)


def _grams(terms: list[tuple]) -> list[tuple]:
    """(gram, size, term id) postings of every term, in key order (SQLite's fuzzy tier)."""
    return sorted((gram, size, tid) for tid, term, size in terms for gram in term_grams(term))


def _insert(session, table: str, columns: tuple[str, ...], rows: list) -> None:
    """Insert plain tuples with the driver's executemany: no per-row work in Python."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    if rows:
        connection.exec_driver_sql(sql, [tuple(row) for row in rows])


def rebuild_index(session=None) -> dict[str, object]:
    """Replace the whole index with the current records; returns counts and seconds taken.

    Runs in the session's transaction (db.session by default): readers keep the old index
    until it commits.
    """
    session = session or db.session
    started = time.perf_counter()
    backend = backend_for(session.get_bind().dialect.name)
    rows = _ranked_rows()
    terms, pairs = _terms(rows)
    backend.clear_index(session)
    for table in (
        "search_gram",
        "search_translit",
        "search_entry_term",
        "search_term",
        "search_entry",
    ):
        session.connection().exec_driver_sql(f"DELETE FROM {table}")
    _insert(session, "search_entry", ENTRY_COLUMNS, rows)
    _insert(session, "search_term", ("id", "term", "grams"), terms)
    _insert(session, "search_entry_term", ("term_id", "entry_id"), pairs)
    _insert(session, "search_translit", ("skeleton", "entry_id"), _word_skeletons(rows))
    if backend.uses_grams:
        _insert(session, "search_gram", ("gram", "size", "term_id"), _grams(terms))
    backend.finish_index(session)
    counts: dict[str, object] = {}
    for row in rows:
        counts[row[1]] = counts.get(row[1], 0) + 1
    counts["terms"] = len(terms)
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts
