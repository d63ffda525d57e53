"""yearly round setting: what each plan asks each year, and a project's 決算額 in its yearly report

What a plan's yearly round asks (which level reports, and what: 進捗状況, 実施等状況 / 実施内容,
決算額, indicators' 実績) becomes a setting of the plan (plan_rounds), instead of following from
the documents it was transcribed from. An existing plan gets the round it had: a plan with a
progress list (or progress entries) asks its lowest level for 進捗状況 and 実施等状況; a plan printed
as a program asks its 主要事業 (the lowest level) for 進捗状況, 実施内容 and 決算額; any other plan asks
only its indicators, as before.

An item's yearly report (progress_entries) gains the 決算額 (settled, as printed, in the budget's
unit) and the reason it differs from the planned 費用 (settled_note).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_rounds",
        sa.Column("plan_id", sa.String(), sa.ForeignKey("plans.id"), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("status", sa.Boolean(), nullable=False),
        sa.Column("narrative", sa.Text(), nullable=True),
        sa.Column("settlement", sa.Boolean(), nullable=False),
        sa.Column("indicators", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    with op.batch_alter_table("progress_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settled", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("settled_note", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    plans = conn.execute(sa.text("SELECT id FROM plans")).scalars().all()
    for plan_id in plans:
        depth = conn.execute(sa.text("SELECT MAX(depth) FROM nodes WHERE plan_id = :p"), {"p": plan_id}).scalar()
        kinds = set(conn.execute(sa.text("SELECT kind FROM documents WHERE plan_id = :p"), {"p": plan_id}).scalars())
        entries = conn.execute(sa.text(
            "SELECT COUNT(*) FROM progress_entries e JOIN nodes n ON n.id = e.node_id WHERE n.plan_id = :p"),
            {"p": plan_id}).scalar()
        row = {"p": plan_id, "level": None, "status": False, "narrative": None, "settlement": False}
        if "program" in kinds and depth:
            row.update(level=depth, status=True, narrative="実施内容", settlement=True)
        elif ("progress_list" in kinds or entries) and depth:
            row.update(level=depth, status=True, narrative="実施等状況")
        conn.execute(sa.text(
            "INSERT INTO plan_rounds (plan_id, level, status, narrative, settlement, indicators) "
            "VALUES (:p, :level, :status, :narrative, :settlement, :indicators)"), {**row, "indicators": True})


def downgrade() -> None:
    with op.batch_alter_table("progress_entries", schema=None) as batch_op:
        batch_op.drop_column("settled_note")
        batch_op.drop_column("settled")
    op.drop_table("plan_rounds")
