"""search: consonant skeletons of each word of a name, so Latin input finds one word (a surname)

Revision ID: 0b6e3d8a4f21
Revises: f1a2c3d4e5b6
Create Date: 2026-12-04 18:00:00

The table starts empty; `flask data ensure` (make run) rebuilds the index when it is.
"""
from alembic import op
import sqlalchemy as sa


revision = "0b6e3d8a4f21"
down_revision = "f1a2c3d4e5b6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_translit",
        sa.Column(
            "skeleton",
            sa.String(length=300).with_variant(sa.String(length=300, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("skeleton", "entry_id", name=op.f("pk_search_translit")),
        sqlite_with_rowid=False,
    )


def downgrade():
    op.drop_table("search_translit")
