"""queue reports: staff reporting links, queue reports, rate-limit state

Revision ID: c5a1f0e7b9d2
Revises: 7d3e9a51c2b4
Create Date: 2026-12-03 18:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c5a1f0e7b9d2"
down_revision = "7d3e9a51c2b4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "station_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
            name=op.f("fk_station_token_station_id_station"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_station_token_token_hash")),
    )
    with op.batch_alter_table("station_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_station_token_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "queue_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("source", sa.String(length=6), nullable=False),
        sa.Column("people", sa.Integer(), nullable=True),
        sa.Column("simulated", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["station.id"],
            name=op.f("fk_queue_report_station_id_station"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_report")),
    )
    with op.batch_alter_table("queue_report", schema=None) as batch_op:
        batch_op.create_index(
            "ix_queue_report_station_time", ["station_id", "reported_at"], unique=False
        )

    op.create_table(
        "queue_rate",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("tat", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_queue_rate")),
    )


def downgrade():
    op.drop_table("queue_rate")
    with op.batch_alter_table("queue_report", schema=None) as batch_op:
        batch_op.drop_index("ix_queue_report_station_time")
    op.drop_table("queue_report")
    with op.batch_alter_table("station_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_token_station_id"))
    op.drop_table("station_token")
