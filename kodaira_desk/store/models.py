"""SQLAlchemy tables. The schema itself is created by the Alembic migrations in db/migrations;
a test checks that these classes and the migrations agree."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    is_all: Mapped[bool] = mapped_column(default=False)


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    period_from: Mapped[int]
    period_to: Mapped[int]
    levels: Mapped[str] = mapped_column(Text)  # names of the levels, one per line
    position: Mapped[int]


class EditionRow(Base):
    __tablename__ = "editions"
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), primary_key=True)
    id: Mapped[str] = mapped_column(String, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int]


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    kind: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    edition_id: Mapped[str] = mapped_column(String)
    committee: Mapped[str | None] = mapped_column(Text)
    handout: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String)  # ISO date
    draft: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]


class SectionRow(Base):
    __tablename__ = "plan_sections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


class NodeRow(Base):
    __tablename__ = "nodes"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    key: Mapped[str] = mapped_column(String)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id"))
    depth: Mapped[int]
    position: Mapped[int]


class AppearanceRow(Base):
    __tablename__ = "node_appearances"
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    number: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int]


class NodeTextRow(Base):
    __tablename__ = "node_texts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    label: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    position: Mapped[int]


class NodeDepartmentRow(Base):
    __tablename__ = "node_departments"
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int]


class IndicatorRow(Base):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    key: Mapped[str] = mapped_column(String)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), index=True)
    kind: Mapped[str] = mapped_column(String)
    number: Mapped[str | None] = mapped_column(String)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String)
    cumulative: Mapped[bool] = mapped_column(default=False)
    part_of_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id"))
    source: Mapped[str | None] = mapped_column(Text)
    marks: Mapped[str] = mapped_column(String, default="")  # space separated
    position: Mapped[int]


class IndicatorNameRow(Base):
    __tablename__ = "indicator_names"
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class IndicatorDepartmentRow(Base):
    __tablename__ = "indicator_departments"
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int]


class IndicatorValueRow(Base):
    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "kind", "fiscal_year", "revision"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    kind: Mapped[str] = mapped_column(String)
    fiscal_year: Mapped[int]
    revision: Mapped[str] = mapped_column(String, default="")
    text: Mapped[str] = mapped_column(Text)  # the value as printed (canonical form)
    number: Mapped[str | None] = mapped_column(String)  # exact decimal, for queries
    marks: Mapped[str] = mapped_column(String, default="")
    as_of: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))


class FootnoteRow(Base):
    __tablename__ = "footnotes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    scope_key: Mapped[str] = mapped_column(String)
    table_name: Mapped[str | None] = mapped_column(String)
    mark: Mapped[str | None] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int]


class CorrectionRow(Base):
    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    location: Mapped[str] = mapped_column(Text)
    extracted: Mapped[str | None] = mapped_column(Text)
    printed: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int]


class ProgressRow(Base):
    __tablename__ = "progress_entries"
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str | None] = mapped_column(Text)
    narrative: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    # the year's 決算額 of a project, as printed in the budget's unit, and why it differs from the plan
    settled: Mapped[str | None] = mapped_column(Text)  # migration 0006
    settled_note: Mapped[str] = mapped_column(Text, default="", server_default="")


class ScheduleYearRow(Base):
    __tablename__ = "schedule_years"
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(primary_key=True)


class ScheduleRowRow(Base):
    __tablename__ = "schedule_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), index=True)
    position: Mapped[int]
    label: Mapped[str] = mapped_column(Text)


class ScheduleCellRow(Base):
    __tablename__ = "schedule_cells"
    row_id: Mapped[int] = mapped_column(ForeignKey("schedule_rows.id"), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class BudgetRow(Base):
    __tablename__ = "budgets"
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id"), primary_key=True)
    unit: Mapped[str] = mapped_column(String)


class BudgetCostRow(Base):
    __tablename__ = "budget_costs"
    node_id: Mapped[int] = mapped_column(ForeignKey("budgets.node_id"), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String)


class BudgetSummaryRow(Base):
    __tablename__ = "budget_summaries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("budgets.node_id"), index=True)
    first_year: Mapped[int]
    last_year: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int]


Index("ix_values_year", IndicatorValueRow.fiscal_year)


class SnapshotRow(Base):
    """Field values at one moment, stored once however many hand-outs share them."""

    __tablename__ = "snapshots"
    id: Mapped[str] = mapped_column(String, primary_key=True)  # sha256 of parent and fields_json
    # A snapshot is either whole (no parent) or the changes to its parent (null = no value).
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("snapshots.id"))
    fields_json: Mapped[str] = mapped_column(Text)


class HandoutRow(Base):
    """One issued department file of a yearly round."""

    __tablename__ = "handouts"
    id: Mapped[str] = mapped_column(String, primary_key=True)  # uuid, also written into the file
    department: Mapped[str] = mapped_column(Text)
    fiscal_year: Mapped[int] = mapped_column(index=True)
    issued_at: Mapped[str] = mapped_column(String)
    file_name: Mapped[str] = mapped_column(Text)
    # the field snapshot the file was cut from (after a return: that return's fields)
    base_snapshot: Mapped[str] = mapped_column(ForeignKey("snapshots.id"))
    status: Mapped[str] = mapped_column(String)  # domain.round.HandoutStatus
    returned_at: Mapped[str | None] = mapped_column(String)
    # the department file's save counter and save time at the last collection (None: none yet)
    collected_revision: Mapped[int | None] = mapped_column(Integer)
    collected_saved_at: Mapped[str | None] = mapped_column(String)
    # A returned workbook's own line (a "both" hand-out returns either file, or both): workbooks keep
    # no save counter, so their returns are numbered by arrival, each merged against the workbook
    # collected before it (None: against the snapshot the hand-out was cut from), never against
    # the .kdesk's returns, which keep collected_revision and base_snapshot.
    workbook_revision: Mapped[int | None] = mapped_column(Integer)
    workbook_snapshot: Mapped[str | None] = mapped_column(ForeignKey("snapshots.id", name="fk_handouts_workbook_snapshot"))
    # the deadline the file was issued with, and where it was written (a reminder attaches it)
    deadline: Mapped[str | None] = mapped_column(String)  # ISO date
    issued_path: Mapped[str | None] = mapped_column(Text)
    # The save of the returned workbook whose save is the latest known (JSON, domain.save_order.Head):
    # returns of the hand-out are ordered by the workbook's own save (migration 0007).
    workbook_saved: Mapped[str | None] = mapped_column(Text)


class ImportRow(Base):
    """Every received file, merged or refused."""

    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handout_id: Mapped[str | None] = mapped_column(ForeignKey("handouts.id"))
    sha256: Mapped[str] = mapped_column(String, index=True)
    file_name: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String)
    result: Mapped[str] = mapped_column(String)  # merged | refused
    reason_code: Mapped[str | None] = mapped_column(String)
    message: Mapped[str | None] = mapped_column(Text)
    applied: Mapped[int] = mapped_column(default=0)
    conflicts: Mapped[int] = mapped_column(default=0)
    stored_copy: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)  # the 課 that sent it, when known
    revision: Mapped[int | None] = mapped_column(Integer)  # the file's save counter
    saved_at: Mapped[str | None] = mapped_column(String)  # when the clerk last saved it
    actor: Mapped[str | None] = mapped_column(Text)  # who collected it
    held: Mapped[int] = mapped_column(default=0, server_default="0")  # values held for a person
    # the year's round (issue 24, migration 0006): who saved the file last, the department head's
    # check the file carried, 変更なし confirmed and carried texts left untouched (not applied), and
    # why the return is held as 要確認 besides its conflicts (space separated words, e.g.
    # "no_head_check"), until a person of the division accepts it (acknowledged_*)
    saved_by: Mapped[str | None] = mapped_column(Text)
    head_check_by: Mapped[str | None] = mapped_column(Text)
    head_check_at: Mapped[str | None] = mapped_column(String)
    unchanged: Mapped[int] = mapped_column(default=0, server_default="0")
    carried: Mapped[int] = mapped_column(default=0, server_default="0")
    flags: Mapped[str] = mapped_column(String, default="", server_default="")
    acknowledged_by: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[str | None] = mapped_column(String)
    saved_with: Mapped[str | None] = mapped_column(Text)  # a returned workbook: the program that saved it (0007)


class ConflictRow(Base):
    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id"), index=True)
    field_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)  # domain.merge.ConflictKind
    base: Mapped[str | None] = mapped_column(Text)  # JSON of the field value (null = nothing)
    master: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String, default="open")  # open | resolved
    resolution: Mapped[str | None] = mapped_column(String)  # keep | take | typed
    resolved_value: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[str | None] = mapped_column(String)


class AuditRow(Base):
    """Append-only: one row per changed field, written in the same transaction as the change."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String)
    field_key: Mapped[str] = mapped_column(Text, index=True)
    old: Mapped[str | None] = mapped_column(Text)  # JSON
    new: Mapped[str | None] = mapped_column(Text)  # JSON
    source: Mapped[str] = mapped_column(String)  # typed | import | resolution | migration
    source_id: Mapped[str | None] = mapped_column(String)  # import id or conflict id
    actor: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)  # a correction's reason, a head check's name (issue 24)


# --------------------------------------------------------------------------- plan editing (issue 13)
# Kept in one block: other work adds its own tables above. Schema in migration 0004.


class DepartmentDetailRow(Base):
    """What the policy division keeps about a 課 beside its name: reading (五十音), code, and the
    fiscal year from which it no longer exists (after a merge or split)."""

    __tablename__ = "department_details"
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True)
    reading: Mapped[str] = mapped_column(Text, default="")
    code: Mapped[str] = mapped_column(String, default="")
    retired_from: Mapped[int | None] = mapped_column(default=None)
    email: Mapped[str] = mapped_column(Text, default="", server_default="")  # 催促 goes here (issue 24)


class DepartmentEventRow(Base):
    """One reorganisation (rename, merge, split) effective from a fiscal year, oldest first."""

    __tablename__ = "department_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fiscal_year: Mapped[int]
    kind: Mapped[str] = mapped_column(String)  # rename | merge | split
    sources: Mapped[str] = mapped_column(Text)  # JSON list of names before
    targets: Mapped[str] = mapped_column(Text)  # JSON list of names after
    links: Mapped[str] = mapped_column(Text, default="{}")  # JSON {item: [[name, role], …]} before
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[str] = mapped_column(String)
    actor: Mapped[str | None] = mapped_column(Text)


# --------------------------------------------------------------------------- the round's year (issue 24)
# Kept in one block: other work adds its own tables above. Schema in migration 0006.


class RoundSettingRow(Base):
    """One fiscal year's round: its deadline (提出期限) and whether a file must carry the department
    head's check (課長確認)."""

    __tablename__ = "round_settings"
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    deadline: Mapped[str | None] = mapped_column(String)  # ISO date, inclusive
    head_check_required: Mapped[bool] = mapped_column(default=False, server_default="0")
    updated_at: Mapped[str | None] = mapped_column(String)
    updated_by: Mapped[str | None] = mapped_column(Text)


class YearLockRow(Base):
    """A plan's year fixed by the policy division (確定): its entry fields no longer change except
    by a correction (修正) with a reason. Carried into department files handed out afterwards."""

    __tablename__ = "year_locks"
    plan_id: Mapped[str] = mapped_column(String, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    locked_at: Mapped[str] = mapped_column(String)
    locked_by: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")


class CarriedTextRow(Base):
    """In a department file: a 実施等状況 started from the year before's (a hand-out for the next
    year), and whether the clerk confirmed it unchanged (変更なし). Empty in a master."""

    __tablename__ = "carried_texts"
    field_key: Mapped[str] = mapped_column(Text, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    from_year: Mapped[int]
    confirmed_at: Mapped[str | None] = mapped_column(String)
    confirmed_by: Mapped[str | None] = mapped_column(Text)


# --------------------------------------------------------------------------- the yearly round's setting (issue 31)


class PlanRoundRow(Base):
    """What a plan's yearly round asks (domain.round_setting.RoundSetting). Migration 0008."""

    __tablename__ = "plan_rounds"
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), primary_key=True)
    level: Mapped[int | None] = mapped_column(Integer)  # the depth whose items report; null: none
    status: Mapped[bool] = mapped_column(default=False)
    narrative: Mapped[str | None] = mapped_column(Text)  # 実施等状況 / 実施内容; null: not asked
    settlement: Mapped[bool] = mapped_column(default=False)
    indicators: Mapped[bool] = mapped_column(default=True)


# --------------------------------------------------------------------------- notes, questions, evidence (issue 25)
# Kept in one block. Schema in migration 0009. Each row names its entry field by the field's key
# (domain.fields) and its plan (for reading one plan's annotations without parsing every key).


class FieldNoteRow(Base):
    """A note on one entry field."""

    __tablename__ = "field_notes"
    field_key: Mapped[str] = mapped_column(Text, primary_key=True)
    plan_id: Mapped[str] = mapped_column(String, index=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[str | None] = mapped_column(String)


class QuestionRow(Base):
    """A question of the policy division about one entry field, and the department's answer."""

    __tablename__ = "questions"
    id: Mapped[str] = mapped_column(String, primary_key=True)  # 32 hex digits
    field_key: Mapped[str] = mapped_column(Text)
    plan_id: Mapped[str] = mapped_column(String, index=True)
    text: Mapped[str] = mapped_column(Text)
    asked_by: Mapped[str | None] = mapped_column(Text)
    asked_at: Mapped[str] = mapped_column(String)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[str | None] = mapped_column(String)
    closed_by: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[str | None] = mapped_column(String)


class EvidenceFileRow(Base):
    """The content of an evidence file, stored once by its SHA-256 however many fields it backs."""

    __tablename__ = "evidence_files"
    sha256: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)  # domain.evidence.EvidenceKind
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRow(Base):
    """An evidence file attached to one entry field, under the name it was attached with."""

    __tablename__ = "attachments"
    field_key: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"), primary_key=True)
    plan_id: Mapped[str] = mapped_column(String, index=True)
    name: Mapped[str] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[str | None] = mapped_column(String)
