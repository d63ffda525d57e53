"""round revisions: the last collected revision per hand-out, who and which department per import

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        # the department file's own save counter at the last collection (None: nothing collected)
        batch_op.add_column(sa.Column("collected_revision", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("collected_saved_at", sa.String(), nullable=True))
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("saved_at", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("actor", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("held", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("imports", schema=None) as batch_op:
        for name in ("held", "actor", "saved_at", "revision", "department"):
            batch_op.drop_column(name)
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        batch_op.drop_column("collected_saved_at")
        batch_op.drop_column("collected_revision")
