"""workbook returns: a hand-out's returned workbooks keep their own line, apart from its .kdesk

A "both" hand-out gives a department a .kdesk and a workbook of one hand-out. The .kdesk counts its
saves; a workbook does not, so its returns are numbered by arrival. Sharing one counter and one base
made the .kdesk's first save look "already collected" after a workbook's first return (its edits
were dropped), and merged it against the workbook's values (it would have reverted them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        # the number of the last returned workbook collected (None: none yet)
        batch_op.add_column(sa.Column("workbook_revision", sa.Integer(), nullable=True))
        # the fields of that workbook (None: the snapshot the hand-out was cut from)
        batch_op.add_column(sa.Column("workbook_snapshot", sa.String(), sa.ForeignKey("snapshots.id", name="fk_handouts_workbook_snapshot"),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        batch_op.drop_column("workbook_snapshot")
        batch_op.drop_column("workbook_revision")
