"""candidates: listings with status history, channels, campaign spaces, broadcast slots,
private self-check access, moderators, correction requests, ownership claims and a change log

Revision ID: e4b7c2a9d15f
Revises: c5a1f0e7b9d2
Create Date: 2026-12-03 17:10:00

Written by hand (checked against autogenerate); batch operations so it runs on SQLite and
PostgreSQL alike. Tables are created parents first and dropped children first.
"""
from alembic import op
import sqlalchemy as sa


revision = "e4b7c2a9d15f"
down_revision = "c5a1f0e7b9d2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('moderator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderator')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_moderator_token_hash'))
    )
    op.create_table('campaign_space',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=12), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['constituency_id'], ['constituency.id'], name=op.f('fk_campaign_space_constituency_id_constituency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_space')),
    sa.UniqueConstraint('constituency_id', 'platform', name=op.f('uq_campaign_space_constituency_id'))
    )
    op.create_table('candidate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('election_id', sa.Integer(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('official_name', sa.String(length=200), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('surname', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('sort_name', sa.String(length=200), nullable=False),
    sa.Column('sort_key', sa.String(length=400), nullable=False),
    sa.Column('search_key', sa.String(length=240), nullable=False),
    sa.Column('compact_key', sa.String(length=240), nullable=False),
    sa.Column('ballot_code', sa.String(length=10), nullable=True),
    sa.Column('list_name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('status_source', sa.String(length=300), nullable=False),
    sa.Column('incumbent', sa.Boolean(), nullable=False),
    sa.Column('photo_path', sa.String(length=300), nullable=False),
    sa.Column('photo_source', sa.String(length=300), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('statement_updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('statement_author', sa.String(length=120), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['constituency_id'], ['constituency.id'], name=op.f('fk_candidate_constituency_id_constituency')),
    sa.ForeignKeyConstraint(['election_id'], ['election.id'], name=op.f('fk_candidate_election_id_election')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate')),
    sa.UniqueConstraint('constituency_id', 'ballot_code', name=op.f('uq_candidate_constituency_id')),
    sa.UniqueConstraint('election_id', 'ref', name=op.f('uq_candidate_election_id'))
    )
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.create_index('ix_candidate_list', ['constituency_id', 'sort_key'], unique=False)
        batch_op.create_index('ix_candidate_status', ['constituency_id', 'status', 'sort_key'], unique=False)
        batch_op.create_index('ix_candidate_find', ['constituency_id', 'compact_key'], unique=False)

    op.create_table('broadcast_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('constituency_id', sa.Integer(), nullable=False),
    sa.Column('broadcaster', sa.String(length=200), nullable=False),
    sa.Column('frequency', sa.String(length=40), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_broadcast_slot_candidate_id_candidate')),
    sa.ForeignKeyConstraint(['constituency_id'], ['constituency.id'], name=op.f('fk_broadcast_slot_constituency_id_constituency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_broadcast_slot')),
    sa.UniqueConstraint('constituency_id', 'frequency', 'starts_at', name=op.f('uq_broadcast_slot_constituency_id'))
    )
    with op.batch_alter_table('broadcast_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_broadcast_slot_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index('ix_broadcast_slot_when', ['constituency_id', 'starts_at'], unique=False)

    op.create_table('candidate_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_candidate_access_candidate_id_candidate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_access')),
    sa.UniqueConstraint('candidate_id', name=op.f('uq_candidate_access_candidate_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_candidate_access_token_hash'))
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=True),
    sa.Column('constituency_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old', sa.Text(), nullable=False),
    sa.Column('new', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('changed_by', sa.String(length=80), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_change_log_candidate_id_candidate')),
    sa.ForeignKeyConstraint(['constituency_id'], ['constituency.id'], name=op.f('fk_change_log_constituency_id_constituency')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('channel',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=12), nullable=False),
    sa.Column('owner', sa.String(length=10), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('handle', sa.String(length=64), nullable=False),
    sa.Column('verification', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('last_checked', sa.Date(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_channel_candidate_id_candidate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channel')),
    sa.UniqueConstraint('candidate_id', 'url', name=op.f('uq_channel_candidate_id'))
    )
    with op.batch_alter_table('channel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_channel_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('channel_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=12), nullable=False),
    sa.Column('owner', sa.String(length=10), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('code', sa.String(length=24), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_channel_claim_candidate_id_candidate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channel_claim')),
    sa.UniqueConstraint('code', name=op.f('uq_channel_claim_code'))
    )
    with op.batch_alter_table('channel_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_channel_claim_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_channel_claim_state'), ['state'], unique=False)

    op.create_table('correction_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=20), nullable=False),
    sa.Column('platform', sa.String(length=12), nullable=False),
    sa.Column('proposed', sa.Text(), nullable=False),
    sa.Column('evidence', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=80), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_correction_request_candidate_id_candidate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_request'))
    )
    with op.batch_alter_table('correction_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_request_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_request_state'), ['state'], unique=False)

    op.create_table('status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_status_change_candidate_id_candidate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_change'))
    )
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_change_candidate_id'), ['candidate_id'], unique=False)



def downgrade():
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_candidate_id'))

    op.drop_table('status_change')
    with op.batch_alter_table('correction_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_request_state'))
        batch_op.drop_index(batch_op.f('ix_correction_request_candidate_id'))

    op.drop_table('correction_request')
    with op.batch_alter_table('channel_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channel_claim_state'))
        batch_op.drop_index(batch_op.f('ix_channel_claim_candidate_id'))

    op.drop_table('channel_claim')
    with op.batch_alter_table('channel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channel_candidate_id'))

    op.drop_table('channel')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_candidate_id'))

    op.drop_table('change_log')
    op.drop_table('candidate_access')
    with op.batch_alter_table('broadcast_slot', schema=None) as batch_op:
        batch_op.drop_index('ix_broadcast_slot_when')
        batch_op.drop_index(batch_op.f('ix_broadcast_slot_candidate_id'))

    op.drop_table('broadcast_slot')
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.drop_index('ix_candidate_find')
        batch_op.drop_index('ix_candidate_status')
        batch_op.drop_index('ix_candidate_list')

    op.drop_table('candidate')
    op.drop_table('campaign_space')
    op.drop_table('moderator')
