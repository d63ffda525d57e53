"""workbook save order: returned workbooks ordered by their own save (issue 26)

Excel and LibreOffice write, at each save, when (dcterms:modified), who (cp:lastModifiedBy) and with
what (Application, AppVersion). A hand-out keeps the save of the returned workbook whose save is
the latest known (its "head", domain/save_order.py): a later save is merged against it, an older
one is refused as 古い版, one whose order cannot be known is merged without overwriting. Each
import records with which program the file was saved (who saved it: imports.saved_by, 0006).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        # JSON: the head's save (at, by, app, rev) and whether its time could be trusted (None: none yet,
        # or collected before this version: the next return's order is then unknown)
        batch_op.add_column(sa.Column("workbook_saved", sa.Text(), nullable=True))
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("saved_with", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.drop_column("saved_with")
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        batch_op.drop_column("workbook_saved")
