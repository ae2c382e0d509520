"""The search index: one row per findable thing, its fuzzy terms and (on SQLite) their trigrams.

Besides these tables the index has, per database, what SQLAlchemy cannot declare (created by
the migration): on SQLite the FTS5 `trigram` table `search_fts` over the entry keys, kept in step
by triggers; on PostgreSQL pg_trgm GIN indexes on the same keys and on the terms.
"""

from sqlalchemy import Boolean, Index, Integer, PrimaryKeyConstraint, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


def _sortable(length: int):
    """A string whose index orders by code point on every database, for prefix ranges."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class SearchEntry(db.Model):
    """One findable thing (a constituency, a city, a station, …) with its display and keys.

    Ids are given in rank order when the index is rebuilt (places first, then by weight), so
    taking the first N matches by id takes the N most important.
    """

    __tablename__ = "search_entry"
    __table_args__ = (
        Index("ix_search_entry_kind_ref", "kind", "ref_id", unique=True),
        Index("ix_search_entry_grp_compact", "grp", "compact_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))
    ref_id: Mapped[int] = mapped_column(Integer)
    grp: Mapped[int] = mapped_column(SmallInteger)
    weight: Mapped[int] = mapped_column(Integer, default=0)
    display: Mapped[str] = mapped_column(String(300))
    display_en: Mapped[str] = mapped_column(String(300), default="")
    context_fa: Mapped[str] = mapped_column(String(300), default="")
    context_en: Mapped[str] = mapped_column(String(300), default="")
    code: Mapped[str | None] = mapped_column(_sortable(20), index=True)
    number: Mapped[int | None] = mapped_column(Integer)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(String(300))
    compact_key: Mapped[str] = mapped_column(_sortable(300), index=True)
    skeleton_key: Mapped[str] = mapped_column(String(300))
    context_key: Mapped[str] = mapped_column(String(600), default="")
    latin_key: Mapped[str] = mapped_column(_sortable(300), default="", index=True)
    translit_key: Mapped[str] = mapped_column(_sortable(300), default="", index=True)


class SearchTerm(db.Model):
    """A distinct compact term (a whole name or one word of it) with its trigram count."""

    __tablename__ = "search_term"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    term: Mapped[str] = mapped_column(String(300), unique=True)
    grams: Mapped[int] = mapped_column(SmallInteger)


class SearchEntryTerm(db.Model):
    """Which entries a term belongs to."""

    __tablename__ = "search_entry_term"
    __table_args__ = (
        PrimaryKeyConstraint("term_id", "entry_id"),
        {"sqlite_with_rowid": False},
    )

    term_id: Mapped[int] = mapped_column(Integer)
    entry_id: Mapped[int] = mapped_column(Integer)


class SearchTranslit(db.Model):
    """The consonant skeleton of each word of a name of several words, for Latin input.

    A Latin query names one word as often as the whole name: a surname ("Karizinezhad" finds
    «پروین کاریزنژاد»), a school's name ("Ferdowsi" finds «دبستان فردوسی»).
    """

    __tablename__ = "search_translit"
    __table_args__ = (
        PrimaryKeyConstraint("skeleton", "entry_id"),
        {"sqlite_with_rowid": False},
    )

    skeleton: Mapped[str] = mapped_column(_sortable(300))
    entry_id: Mapped[int] = mapped_column(Integer)


class SearchGram(db.Model):
    """Trigram postings of the terms, by term size: SQLite's fuzzy tier (PostgreSQL uses pg_trgm).

    Keyed by (gram, size) so a lookup reads only terms whose size can reach the threshold.
    """

    __tablename__ = "search_gram"
    __table_args__ = (
        PrimaryKeyConstraint("gram", "size", "term_id"),
        {"sqlite_with_rowid": False},
    )

    gram: Mapped[str] = mapped_column(String(3))
    size: Mapped[int] = mapped_column(SmallInteger)
    term_id: Mapped[int] = mapped_column(Integer)
