"""The tiered search over the index: exact > prefix > substring, else fuzzy > skeleton.

Each way of matching is one capped arm of a single SQL statement that yields ``(id, tier)``;
the statement keeps each entry's best tier and numbers the hits per kind, so one round trip
returns the top hits of every kind with their counts. Ids are rank order (see models), so within
a tier the first ids are the most important records and every cap keeps the best ones.
"""

import re

from sqlalchemy import text

from webapp.extensions import db
from webapp.search.backend import backend_for
from webapp.search.keys import term_grams
from webapp.search.plan import LONG, Plan, next_key

CAP = 200  # rows any one arm may return: the work per query is bounded whatever is typed
EXACT, PREFIX, SUBSTRING, FUZZY, SKELETON = range(5)
ENTRY_COLUMNS = (
    "e.id, e.kind, e.grp, e.ref_id, e.code, e.display, e.display_en, e.context_fa, e.context_en, "
    "e.number, e.sample"
)


def _union(arms: list[str], score: bool = False) -> str:
    """The arms as one UNION ALL, each numbered and wrapped so its ORDER BY/LIMIT stays its own."""
    columns = "id, tier, score" if score else "id, tier"
    return " UNION ALL ".join(
        f"SELECT {columns}, {number} AS arm FROM ({sql}) AS a{number}"
        for number, sql in enumerate(arms)
    )


def _key_arms(plan: Plan, backend, params: dict) -> list[str]:
    """Arms over the Persian (or any-script) compact key and the query's words."""
    params.update(c=plan.compact, lo=plan.compact, hi=next_key(plan.compact))
    arms = [f"SELECT id, {EXACT} AS tier FROM search_entry WHERE compact_key = :c"]
    if not plan.long:
        # Under three characters only places are worth listing, and only they stay few.
        arms.append(
            backend.cap(
                f"SELECT id, {PREFIX} AS tier FROM search_entry "
                "WHERE grp = 0 AND compact_key >= :lo AND compact_key < :hi"
            )
        )
        return arms
    # Longer keys: prefix matches are found as substrings and told apart when ranked.
    params["sub"] = backend.substring_value("compact_key", plan.compact)
    arms.append(backend.substring("compact_key", "sub", SUBSTRING))
    if plan.long_words:
        short = ""
        for i, word in enumerate(plan.short_words):
            params[f"w{i}"] = word
            short += (
                f" AND ({backend.contains('e.compact_key', f'w{i}')}"
                f" OR {backend.contains('e.context_key', f'w{i}')})"
            )
        sql, more = backend.words(plan.long_words, short)
        params.update(more)
        arms.append(sql)
    return arms


def _code_arms(plan: Plan, backend, params: dict) -> list[str]:
    """Arms over station codes: equal, then starting with what was typed."""
    if not plan.code:
        return []
    params.update(code=plan.code, code_lo=plan.code, code_hi=next_key(plan.code))
    arms = [f"SELECT id, {EXACT} AS tier FROM search_entry WHERE code = :code"]
    if plan.code.isdigit() and not plan.code.startswith("0") and len(plan.code) < 12:
        # Codes keep their leading zeros; a voter often drops them (520380 for 00520380).
        padded = {f"pad{k}": "0" * k + plan.code for k in range(1, 5)}
        params.update(padded)
        names = ", ".join(f":{name}" for name in padded)
        arms.append(f"SELECT id, {EXACT} AS tier FROM search_entry WHERE code IN ({names})")
    if len(plan.code) >= 2:
        arms.append(
            backend.cap(
                f"SELECT id, {PREFIX} AS tier FROM search_entry "
                "WHERE code >= :code_lo AND code < :code_hi"
            )
        )
    return arms


def _latin_arms(plan: Plan, backend, params: dict) -> list[str]:
    """Arms for Latin input: English names, then the consonant skeleton of Persian names."""
    if not plan.latin or not plan.compact:
        return []
    arms = [
        f"SELECT id, {EXACT} AS tier FROM search_entry WHERE latin_key = :c",
        backend.cap(
            f"SELECT id, {PREFIX} AS tier FROM search_entry "
            "WHERE latin_key >= :lo AND latin_key < :hi"
        ),
    ]
    if plan.long:
        params["latin_sub"] = backend.substring_value("latin_key", plan.compact)
        arms.append(backend.substring("latin_key", "latin_sub", SUBSTRING))
    if len(plan.translit) >= 2:
        # A whole Latin name is an exact match, unless its skeleton is too short to tell
        # names apart (Sari, sr, is also سرو and سوری).
        tier = EXACT if len(plan.translit) >= LONG + 1 else PREFIX
        params["tr"] = plan.translit
        # One Latin word is a place's name; a person's whole name is more than one word, so
        # Esfahan is not an exact «یوسف آهنی» (whose consonants it shares).
        whole = f"CASE WHEN kind = 'candidate' THEN {SUBSTRING} ELSE {tier} END"
        tier = str(tier) if " " in plan.key else whole
        arms.append(f"SELECT id, {tier} AS tier FROM search_entry WHERE translit_key = :tr")
    if len(plan.translit) >= LONG:
        params.update(tr_lo=plan.translit, tr_hi=next_key(plan.translit))
        arms.append(
            backend.cap(
                f"SELECT id, {SUBSTRING} AS tier FROM search_entry "
                "WHERE translit_key >= :tr_lo AND translit_key < :tr_hi"
            )
        )
    if len(plan.translit) >= 2:
        # One word of a longer name, a surname or a school's name: starting with the query's
        # skeleton, or equal to it when that is as short as Rajaei's (rj).
        prefix = len(plan.translit) >= LONG
        where = "skeleton >= :tr_lo AND skeleton < :tr_hi" if prefix else "skeleton = :tr"
        arms.append(
            backend.cap(
                f"SELECT entry_id AS id, {SUBSTRING} AS tier FROM search_translit WHERE {where}"
            )
        )
    return arms


def _containing(key: str) -> str:
    """A LIKE pattern (escape character !) for values that contain `key` as written."""
    return "%" + re.sub(r"([!%_])", r"!\1", key) + "%"


def _ranked(hits_sql: str, order: str) -> str:
    """Settle each hit's tier, number the hits per kind, count them, keep the top of each.

    A hit found as a substring is a prefix hit when the name starts with the query, and an
    exact one when it is the query, whichever arm found it.
    """
    return (
        f"WITH {hits_sql}, "
        f"tiered AS (SELECT {ENTRY_COLUMNS}, b.score, CASE "
        f"WHEN e.compact_key = :c THEN {EXACT} "
        f"WHEN b.tier > {PREFIX} AND b.tier < {FUZZY} AND e.compact_key >= :lo "
        f"AND e.compact_key < :hi THEN {PREFIX} ELSE b.tier END AS tier, "
        "CASE WHEN e.latin_key = :c THEN 0 "
        "WHEN e.search_key LIKE :key_like ESCAPE '!' THEN 1 ELSE 2 END AS fit "
        "FROM best AS b JOIN search_entry AS e ON e.id = b.id), "
        "ranked AS (SELECT tiered.*, "
        f"row_number() OVER (PARTITION BY kind ORDER BY {order}) AS rn, "
        "count(*) OVER (PARTITION BY kind) AS total FROM tiered), "
        "fullest AS (SELECT max(n) AS fullest FROM "
        "(SELECT count(*) AS n FROM hits GROUP BY arm) AS c) "
        "SELECT ranked.*, fullest.fullest FROM ranked CROSS JOIN fullest "
        f"WHERE rn <= :per_kind ORDER BY {order}"
    )


def sure_hits(plan: Plan, per_kind: int) -> list:
    """Rows of the exact, prefix and substring tiers (best tier per entry), top per kind."""
    backend = backend_for(db.session.get_bind().dialect.name)
    params: dict = {"cap": CAP, "per_kind": per_kind}
    arms = []
    if plan.compact:
        arms += _key_arms(plan, backend, params) + _latin_arms(plan, backend, params)
    arms += _code_arms(plan, backend, params)
    if plan.compact and len(plan.skeleton) >= LONG:
        # Whole names that differ only in letters a keyboard lacks or that sound alike come
        # last («بیرانشهر» also lists پیرانشهر after the towns that hold the typed letters).
        params["skel"] = backend.substring_value("skeleton_key", plan.skeleton)
        params["skel_whole"] = plan.skeleton
        arms.append(
            f"SELECT sk.id, sk.tier FROM ({backend.substring('skeleton_key', 'skel', SKELETON)}) "
            "AS sk JOIN search_entry AS se ON se.id = sk.id WHERE se.skeleton_key = :skel_whole"
        )
    hits = (
        f"hits(id, tier, arm) AS ({_union(arms)}), "
        "best AS (SELECT id, min(tier) AS tier, 0.0 AS score FROM hits GROUP BY id)"
    )
    # Within a tier, a name whose English spelling is the query comes first (a skeleton leaves
    # out the vowels that tell Fardis, its English name, from Ferdows), then names holding the
    # query as typed, then those that hold its letters only across a space (سیار in
    # «عیسی آرام‌دوست» comes after «شعبهٔ سیار»).
    params["key_like"] = _containing(plan.key)
    statement = text(_ranked(hits, "tier, fit, id"))
    return db.session.execute(statement, params).all()


def fuzzy_hits(plan: Plan, per_kind: int) -> list:
    """Rows of the fuzzy (trigram similarity) and skeleton tiers, best first, top per kind."""
    from webapp.text.match import SIMILARITY_THRESHOLD

    backend = backend_for(db.session.get_bind().dialect.name)
    grams = term_grams(plan.compact)
    terms_sql, params = backend.fuzzy_terms(db.session, grams)
    params.update(query=plan.compact, threshold=SIMILARITY_THRESHOLD, cap=CAP, per_kind=per_kind)
    params.update(c=plan.compact, lo=plan.compact, hi=next_key(plan.compact))
    params["key_like"] = _containing(plan.key)
    arms = [
        f"SELECT et.entry_id AS id, {FUZZY} AS tier, t.score AS score "
        "FROM terms AS t JOIN search_entry_term AS et ON et.term_id = t.term_id "
        "ORDER BY t.score DESC, et.entry_id LIMIT :cap"
    ]
    if len(plan.skeleton) >= LONG:
        params["skel"] = backend.substring_value("skeleton_key", plan.skeleton)
        skeleton = backend.substring("skeleton_key", "skel", SKELETON)
        arms.append(f"SELECT id, tier, 0.0 AS score FROM ({skeleton}) AS sk")
    hits = (
        f"terms(term_id, score) AS ({terms_sql}), "
        f"hits(id, tier, score, arm) AS ({_union(arms, score=True)}), "
        "best AS (SELECT id, min(tier) AS tier, max(score) AS score FROM hits GROUP BY id)"
    )
    statement = backend.bind_fuzzy(text(_ranked(hits, "tier, score DESC, id")))
    return db.session.execute(statement, params).all()
