"""notes, questions and evidence files on entry fields (issue 25)

A note per entry field, the policy division's questions with the department's answers, and
evidence files (content stored once by SHA-256) attached to a field. Each names its field by the
field's key and its plan.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "field_notes",
        sa.Column("field_key", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("field_key"),
    )
    op.create_index("ix_field_notes_plan_id", "field_notes", ["plan_id"])
    op.create_table(
        "questions",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("field_key", sa.Text(), nullable=False),
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("asked_by", sa.Text(), nullable=True),
        sa.Column("asked_at", sa.String(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.String(), nullable=True),
        sa.Column("closed_by", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_questions_plan_id", "questions", ["plan_id"])
    op.create_table(
        "evidence_files",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "attachments",
        sa.Column("field_key", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("plan_id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=True),
        sa.Column("added_at", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["sha256"], ["evidence_files.sha256"]),
        sa.PrimaryKeyConstraint("field_key", "sha256"),
    )
    op.create_index("ix_attachments_plan_id", "attachments", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_attachments_plan_id", table_name="attachments")
    op.drop_table("attachments")
    op.drop_table("evidence_files")
    op.drop_index("ix_questions_plan_id", table_name="questions")
    op.drop_table("questions")
    op.drop_index("ix_field_notes_plan_id", table_name="field_notes")
    op.drop_table("field_notes")
