"""plan editing: department details (reading, code) and reorganisation history

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('department_details',
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('reading', sa.Text(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('retired_from', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], ),
    sa.PrimaryKeyConstraint('department_id')
    )
    op.create_table('department_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('sources', sa.Text(), nullable=False),
    sa.Column('targets', sa.Text(), nullable=False),
    sa.Column('links', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('department_events')
    op.drop_table('department_details')
