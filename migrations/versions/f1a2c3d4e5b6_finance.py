"""finance: load batches, transactions with versions and reconciliation, counterparties,
descriptions, spending caps, per-candidate summaries and the roll-up cubes behind the totals

Revision ID: f1a2c3d4e5b6
Revises: e4b7c2a9d15f
Create Date: 2026-12-03 17:30:00

Written by hand (checked against autogenerate); batch operations so it runs on SQLite and
PostgreSQL alike. Tables are created parents first and dropped children first.
"""
from alembic import op
import sqlalchemy as sa


revision = "f1a2c3d4e5b6"
down_revision = "e4b7c2a9d15f"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('finance_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('as_of', sa.DateTime(timezone=True), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('rows_read', sa.Integer(), nullable=False),
    sa.Column('rows_created', sa.Integer(), nullable=False),
    sa.Column('rows_amended', sa.Integer(), nullable=False),
    sa.Column('rows_unchanged', sa.Integer(), nullable=False),
    sa.Column('rows_matched', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_batch'))
    )
    with op.batch_alter_table('finance_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finance_batch_checksum'), ['checksum'], unique=False)

    op.create_table('finance_counterparty',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('search_key', sa.String(length=240), nullable=False),
    sa.Column('compact_key', sa.String(length=240), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_counterparty')),
    sa.UniqueConstraint('kind', 'name', name=op.f('uq_finance_counterparty_kind'))
    )
    with op.batch_alter_table('finance_counterparty', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finance_counterparty_compact_key'), ['compact_key'], unique=False)

    op.create_table('finance_cube_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=True),
    sa.Column('province_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.SmallInteger(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_cube_day'))
    )
    with op.batch_alter_table('finance_cube_day', schema=None) as batch_op:
        batch_op.create_index('ix_finance_cube_day_constituency', ['level', 'constituency_id', 'day'], unique=False)
        batch_op.create_index('ix_finance_cube_day_province', ['level', 'province_id', 'day'], unique=False)

    op.create_table('finance_cube_month',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=True),
    sa.Column('province_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.SmallInteger(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_cube_month'))
    )
    with op.batch_alter_table('finance_cube_month', schema=None) as batch_op:
        batch_op.create_index('ix_finance_cube_month_constituency', ['level', 'constituency_id', 'month'], unique=False)
        batch_op.create_index('ix_finance_cube_month_province', ['level', 'province_id', 'month'], unique=False)

    op.create_table('finance_description',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('compact_key', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_description')),
    sa.UniqueConstraint('text', name=op.f('uq_finance_description_text'))
    )
    with op.batch_alter_table('finance_description', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finance_description_compact_key'), ['compact_key'], unique=False)

    op.create_table('finance_cap',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=False),
    sa.Column('cap_rial', sa.BigInteger(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['constituency_id'], ['constituency.id'], name=op.f('fk_finance_cap_constituency_id_constituency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_cap')),
    sa.UniqueConstraint('constituency_id', name=op.f('uq_finance_cap_constituency_id'))
    )
    op.create_table('finance_summary',
    sa.Column('candidate_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('income', sa.BigInteger(), nullable=False),
    sa.Column('spending', sa.BigInteger(), nullable=False),
    sa.Column('cap_spending', sa.BigInteger(), nullable=False),
    sa.Column('small_gifts', sa.Integer(), nullable=False),
    sa.Column('small_gifts_total', sa.BigInteger(), nullable=False),
    sa.Column('mismatches', sa.Integer(), nullable=False),
    sa.Column('report_only_spending', sa.Integer(), nullable=False),
    sa.Column('report_only_total', sa.BigInteger(), nullable=False),
    sa.Column('bank_only', sa.Integer(), nullable=False),
    sa.Column('late_reports', sa.Integer(), nullable=False),
    sa.Column('by_category', sa.Text(), nullable=False),
    sa.Column('by_month', sa.Text(), nullable=False),
    sa.Column('top_counterparties', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['finance_batch.id'], name=op.f('fk_finance_summary_batch_id_finance_batch')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_finance_summary_candidate_id_candidate'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('candidate_id', name=op.f('pk_finance_summary'))
    )
    with op.batch_alter_table('finance_summary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finance_summary_constituency_id'), ['constituency_id'], unique=False)

    op.create_table('finance_txn',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('ended_batch_id', sa.Integer(), nullable=True),
    sa.Column('live', sa.Boolean(), nullable=False),
    sa.Column('listed', sa.Boolean(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=True),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('category', sa.String(length=12), nullable=True),
    sa.Column('kind', sa.SmallInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reported_amount', sa.BigInteger(), nullable=True),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('counterparty_kind', sa.String(length=12), nullable=False),
    sa.Column('counterparty_id', sa.Integer(), nullable=True),
    sa.Column('description_id', sa.Integer(), nullable=True),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.Column('bank_ref', sa.String(length=40), nullable=True),
    sa.Column('source', sa.String(length=6), nullable=False),
    sa.Column('reconciliation', sa.String(length=12), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['finance_batch.id'], name=op.f('fk_finance_txn_batch_id_finance_batch')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_finance_txn_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['constituency_id'], ['constituency.id'], name=op.f('fk_finance_txn_constituency_id_constituency')),
    sa.ForeignKeyConstraint(['counterparty_id'], ['finance_counterparty.id'], name=op.f('fk_finance_txn_counterparty_id_finance_counterparty')),
    sa.ForeignKeyConstraint(['description_id'], ['finance_description.id'], name=op.f('fk_finance_txn_description_id_finance_description')),
    sa.ForeignKeyConstraint(['ended_batch_id'], ['finance_batch.id'], name=op.f('fk_finance_txn_ended_batch_id_finance_batch')),
    sa.ForeignKeyConstraint(['province_id'], ['province.id'], name=op.f('fk_finance_txn_province_id_province')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['finance_txn.id'], name=op.f('fk_finance_txn_supersedes_id_finance_txn'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finance_txn'))
    )
    with op.batch_alter_table('finance_txn', schema=None) as batch_op:
        batch_op.create_index('ix_finance_txn_amount', ['live', 'amount', 'id', 'kind', 'date', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_candidate', ['candidate_id', 'ended_batch_id', 'live', 'date', 'id'], unique=False)
        batch_op.create_index('ix_finance_txn_constituency_amount', ['live', 'constituency_id', 'amount', 'id', 'kind', 'date', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_constituency_date', ['live', 'constituency_id', 'date', 'id', 'kind', 'amount', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_counterparty', ['live', 'counterparty_id', 'date', 'id', 'kind', 'amount', 'constituency_id', 'province_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_date', ['live', 'date', 'id', 'kind', 'amount', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_description', ['live', 'description_id', 'date', 'id', 'kind', 'amount', 'constituency_id', 'province_id'], unique=False)
        batch_op.create_index('ix_finance_txn_kind_amount', ['live', 'kind', 'amount', 'id', 'date', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_kind_date', ['live', 'kind', 'date', 'id', 'amount', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_province_amount', ['live', 'province_id', 'amount', 'id', 'kind', 'date', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_province_date', ['live', 'province_id', 'date', 'id', 'kind', 'amount', 'counterparty_id', 'description_id'], unique=False)
        batch_op.create_index('ix_finance_txn_public_id', ['public_id'], unique=True)
        batch_op.create_index('ix_finance_txn_ref', ['bank_ref', 'candidate_id'], unique=False)
        batch_op.create_index('ix_finance_txn_supersedes_id', ['supersedes_id'], unique=False)


def downgrade():
    for table in (
        "finance_txn",
        "finance_summary",
        "finance_cap",
        "finance_description",
        "finance_cube_month",
        "finance_cube_day",
        "finance_counterparty",
        "finance_batch",
    ):
        op.drop_table(table)
