"""search index: entries, terms, trigram postings; FTS5 trigram (SQLite) or pg_trgm GIN (PostgreSQL)

Revision ID: 7d3e9a51c2b4
Revises: ad2b2abef8d4
Create Date: 2026-12-03 18:00:00

Written by hand. The FTS5 table (SQLite) and the GIN indexes (PostgreSQL) are not in the
models; migrations/env.py leaves them out of `flask db check`.
"""
from alembic import op
import sqlalchemy as sa


revision = "7d3e9a51c2b4"
down_revision = "ad2b2abef8d4"
branch_labels = None
depends_on = None

FTS_COLUMNS = ("compact_key", "context_key", "skeleton_key", "latin_key")
TRGM_COLUMNS = FTS_COLUMNS


def _sortable(length):
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _create_tables():
    op.create_table(
        "search_entry",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("grp", sa.SmallInteger(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("display", sa.String(length=300), nullable=False),
        sa.Column("display_en", sa.String(length=300), nullable=False),
        sa.Column("context_fa", sa.String(length=300), nullable=False),
        sa.Column("context_en", sa.String(length=300), nullable=False),
        sa.Column("code", _sortable(20), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        sa.Column("compact_key", _sortable(300), nullable=False),
        sa.Column("skeleton_key", sa.String(length=300), nullable=False),
        sa.Column("context_key", sa.String(length=600), nullable=False),
        sa.Column("latin_key", _sortable(300), nullable=False),
        sa.Column("translit_key", _sortable(300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entry")),
    )
    with op.batch_alter_table("search_entry", schema=None) as batch_op:
        batch_op.create_index("ix_search_entry_kind_ref", ["kind", "ref_id"], unique=True)
        batch_op.create_index("ix_search_entry_grp_compact", ["grp", "compact_key"], unique=False)
        for column in ("code", "compact_key", "latin_key", "translit_key"):
            batch_op.create_index(f"ix_search_entry_{column}", [column], unique=False)
    op.create_table(
        "search_term",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("term", sa.String(length=300), nullable=False),
        sa.Column("grams", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_term")),
        sa.UniqueConstraint("term", name=op.f("uq_search_term_term")),
    )
    op.create_table(
        "search_entry_term",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term_id", "entry_id", name=op.f("pk_search_entry_term")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "search_gram",
        sa.Column("gram", sa.String(length=3), nullable=False),
        sa.Column("size", sa.SmallInteger(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("gram", "size", "term_id", name=op.f("pk_search_gram")),
        sqlite_with_rowid=False,
    )


def _sqlite_fts():
    # External content: the table reads the keys from search_entry; the index rebuild fills it
    # with the 'rebuild' command, so no per-row triggers slow the bulk load down.
    op.execute(
        f"CREATE VIRTUAL TABLE search_fts USING fts5({', '.join(FTS_COLUMNS)}, "
        "content='search_entry', content_rowid='id', tokenize='trigram')"
    )


def _postgres_trgm():
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    grams = op.get_bind().exec_driver_sql("SELECT show_trgm('تهران')").scalar()
    if not grams:
        raise RuntimeError(
            "pg_trgm cannot see Persian letters in this database (its LC_CTYPE is C or POSIX). "
            "Create it with a UTF-8 ctype, e.g. LC_CTYPE 'C.UTF-8', and migrate again."
        )
    for column in TRGM_COLUMNS:
        op.execute(
            f"CREATE INDEX ix_search_trgm_{column} ON search_entry "
            f"USING gin ({column} gin_trgm_ops)"
        )
    op.execute("CREATE INDEX ix_search_trgm_term ON search_term USING gin (term gin_trgm_ops)")


def upgrade():
    _create_tables()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fts()
    elif dialect == "postgresql":
        _postgres_trgm()


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    for table in ("search_gram", "search_entry_term", "search_term", "search_entry"):
        op.drop_table(table)
