"""the round as a year runs: deadlines, the department head's check, the division's lock (確定),
corrections with a reason, next year's file started from this year's texts, 課 mail addresses

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "round_settings",
        sa.Column("fiscal_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("deadline", sa.String(), nullable=True),
        sa.Column("head_check_required", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("updated_at", sa.String(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("fiscal_year"),
    )
    op.create_table(
        "year_locks",
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("locked_at", sa.String(), nullable=False),
        sa.Column("locked_by", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("plan_id", "fiscal_year"),
    )
    op.create_table(
        "carried_texts",
        sa.Column("field_key", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("from_year", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.String(), nullable=True),
        sa.Column("confirmed_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("field_key"),
    )
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deadline", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("issued_path", sa.Text(), nullable=True))
    with op.batch_alter_table("imports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("saved_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("head_check_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("head_check_at", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("unchanged", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("carried", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("flags", sa.String(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("acknowledged_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("acknowledged_at", sa.String(), nullable=True))
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("department_details", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("department_details", schema=None) as batch_op:
        batch_op.drop_column("email")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("imports", schema=None) as batch_op:
        for name in ("acknowledged_at", "acknowledged_by", "flags", "carried", "unchanged", "head_check_at",
                     "head_check_by", "saved_by"):
            batch_op.drop_column(name)
    with op.batch_alter_table("handouts", schema=None) as batch_op:
        batch_op.drop_column("issued_path")
        batch_op.drop_column("deadline")
    op.drop_table("carried_texts")
    op.drop_table("year_locks")
    op.drop_table("round_settings")
