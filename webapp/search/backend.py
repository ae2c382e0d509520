"""What differs between SQLite (FTS5 trigram, trigram postings) and PostgreSQL (pg_trgm).

Each backend returns SQL fragments that select ``(id, tier)`` rows for one way of matching. Every
value typed by a user reaches the database as a bound parameter; on SQLite the FTS5 expression
itself is a parameter whose phrases are always double-quoted, so operator words, quotes,
hyphens, parentheses and asterisks in a query are only ever searched for, never obeyed.
"""

from sqlalchemy import bindparam, text

from webapp.text.match import SIMILARITY_THRESHOLD

SEARCH_TABLES = (
    "search_entry",
    "search_term",
    "search_entry_term",
    "search_translit",
    "search_gram",
)
# Columns of search_entry that substring search runs on (the FTS5 table has the same ones).
SUBSTRING_COLUMNS = ("compact_key", "context_key", "skeleton_key", "latin_key")


def fts_phrase(value: str) -> str:
    """One FTS5 phrase: the value in double quotes, inner quotes doubled."""
    return '"' + value.replace('"', '""') + '"'


class SqliteBackend:
    """SQLite: FTS5 `trigram` for substrings, the search_gram postings for similarity."""

    name = "sqlite"

    def cap(self, sql: str) -> str:
        """The first CAP rows of an arm selecting `id, tier`, by id (rank order)."""
        return f"{sql} ORDER BY id LIMIT :cap"

    def substring(self, column: str, param: str, tier: int) -> str:
        """Entries whose `column` contains the value of `param` (three characters or more)."""
        assert column in SUBSTRING_COLUMNS
        return (
            f"SELECT rowid AS id, {tier} AS tier FROM search_fts "
            f"WHERE search_fts MATCH :{param} ORDER BY rowid LIMIT :cap"
        )

    def substring_value(self, column: str, value: str) -> str:
        """The bound value `substring` expects: an FTS5 expression on one column."""
        return f"{column} : {fts_phrase(value)}"

    def words(self, long_words: list[str], short_words: str) -> tuple[str, dict]:
        """Entries whose name holds a long word and whose name or places hold every word.

        The FTS5 expression covers the long words; `short_words` checks the others row by row.
        """
        anywhere = " AND ".join(
            f"{{compact_key context_key}} : {fts_phrase(w)}" for w in long_words
        )
        in_name = " OR ".join(fts_phrase(w) for w in long_words)
        sql = (
            "SELECT f.rowid AS id, 2 AS tier FROM search_fts AS f "
            "JOIN search_entry AS e ON e.id = f.rowid "
            f"WHERE search_fts MATCH :words_match{short_words} ORDER BY f.rowid LIMIT :cap"
        )
        return sql, {"words_match": f"{anywhere} AND compact_key : ({in_name})"}

    def contains(self, column: str, param: str) -> str:
        """A plain condition: `column` contains the value of `param` (any length)."""
        return f"instr({column}, :{param}) > 0"

    def fuzzy_terms(self, session, grams: frozenset[str]) -> tuple[str, dict]:
        """(term_id, score) of every term at least SIMILARITY_THRESHOLD similar to the query."""
        count = len(grams)
        low = max(1, int(count * SIMILARITY_THRESHOLD))
        high = int(count / SIMILARITY_THRESHOLD) + 1
        sql = (
            "SELECT term_id, round(1.0 * shared / (:n + size - shared), 4) AS score FROM ("
            "SELECT term_id, size, count(*) AS shared FROM search_gram "
            "WHERE gram IN :grams AND size BETWEEN :size_low AND :size_high "
            "GROUP BY term_id, size) AS g "
            "WHERE 1.0 * shared / (:n + size - shared) >= :threshold"
        )
        params = {"n": count, "grams": sorted(grams), "size_low": low, "size_high": high}
        return sql, params

    def bind_fuzzy(self, statement):
        """Mark the trigram list of `fuzzy_terms` as an expanding parameter."""
        return statement.bindparams(bindparam("grams", expanding=True))

    uses_grams = True

    def clear_index(self, session) -> None:
        """Empty the FTS5 index before search_entry is emptied (it reads its keys from there)."""
        session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))

    def finish_index(self, session) -> None:
        """Index every search_entry row in one pass, merge it into one segment, count rows."""
        session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"))
        session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
        for table in SEARCH_TABLES:
            session.execute(text(f"ANALYZE {table}"))


class PostgresBackend:
    """PostgreSQL: pg_trgm GIN indexes answer LIKE '%…%' and similarity."""

    name = "postgresql"

    def cap(self, sql: str) -> str:
        """The first CAP rows of an arm selecting `id, tier`, by id (rank order).

        OFFSET 0 keeps the planner from walking the primary key in id order and testing every
        row until CAP match, which for a rare name means reading the whole table.
        """
        return f"SELECT id, tier FROM ({sql} OFFSET 0) AS capped ORDER BY id LIMIT :cap"

    def substring(self, column: str, param: str, tier: int) -> str:
        """Entries whose `column` contains the value of `param` (three characters or more)."""
        assert column in SUBSTRING_COLUMNS
        return self.cap(f"SELECT id, {tier} AS tier FROM search_entry WHERE {column} LIKE :{param}")

    def substring_value(self, column: str, value: str) -> str:
        """The bound value `substring` expects: a LIKE pattern."""
        return "%" + _escape_like(value) + "%"

    def words(self, long_words: list[str], short_words: str) -> tuple[str, dict]:
        """Entries whose name holds a long word and whose name or places hold every word.

        Written so the GIN indexes can AND the long words' matches together; `short_words`
        checks the others row by row.
        """
        params = {f"lw{i}": "%" + _escape_like(w) + "%" for i, w in enumerate(long_words)}
        anywhere = " AND ".join(
            f"(e.compact_key LIKE :{name} OR e.context_key LIKE :{name})" for name in params
        )
        in_name = " OR ".join(f"e.compact_key LIKE :{name}" for name in params)
        sql = (
            "SELECT e.id, 2 AS tier FROM search_entry AS e "
            f"WHERE {anywhere} AND ({in_name}){short_words}"
        )
        return self.cap(sql), params

    def contains(self, column: str, param: str) -> str:
        """A plain condition: `column` contains the value of `param` (any length)."""
        return f"strpos({column}, :{param}) > 0"

    def fuzzy_terms(self, session, grams: frozenset[str]) -> tuple[str, dict]:
        """(term_id, score) of every term at least SIMILARITY_THRESHOLD similar to the query."""
        session.execute(
            text("SELECT set_config('pg_trgm.similarity_threshold', :t, true)"),
            {"t": str(SIMILARITY_THRESHOLD)},
        )
        sql = (
            "SELECT id AS term_id, round(similarity(term, :query)::numeric, 4) AS score "
            "FROM search_term WHERE term % :query AND similarity(term, :query) >= :threshold"
        )
        return sql, {}

    def bind_fuzzy(self, statement):
        """Nothing to expand on PostgreSQL."""
        return statement

    uses_grams = False

    def clear_index(self, session) -> None:
        """Nothing to do: the GIN indexes follow the table."""

    def finish_index(self, session) -> None:
        """Move the GIN pending lists into the indexes and count rows for the planner.

        A bulk load leaves new entries in each GIN index's pending list, which every query
        would otherwise read through from start to end.
        """
        session.execute(
            text(
                "SELECT gin_clean_pending_list(c.oid) FROM pg_class AS c "
                "WHERE c.relkind = 'i' AND c.relname LIKE 'ix\\_search\\_trgm\\_%'"
            )
        )
        for table in SEARCH_TABLES:
            session.execute(text(f"ANALYZE {table}"))

    def check(self, connection) -> None:
        """pg_trgm must see Persian letters, which it cannot under a C or POSIX ctype."""
        installed = connection.exec_driver_sql(
            "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"
        ).scalar()
        if not installed:
            return  # before the migration; the migration installs it and runs this check
        grams = connection.exec_driver_sql("SELECT show_trgm('تهران')").scalar()
        if not grams:
            ctype = connection.exec_driver_sql(
                "SELECT datctype FROM pg_database WHERE datname = current_database()"
            ).scalar()
            raise RuntimeError(
                f"PostgreSQL's pg_trgm cannot see Persian letters in this database (LC_CTYPE "
                f"{ctype!r}), so search would find nothing typed in Persian. Create the database "
                "with a UTF-8 ctype, for example: CREATE DATABASE raynama TEMPLATE template0 "
                "ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'."
            )


def _escape_like(value: str) -> str:
    """Escape LIKE wildcards (PostgreSQL's default escape character is the backslash)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def backend_for(dialect_name: str):
    """The backend for a SQLAlchemy dialect name."""
    return PostgresBackend() if dialect_name == "postgresql" else SqliteBackend()
