"""What every job of the round shares: its errors, its results, fields in words, the master's id."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.domain.round import BOARD_LABELS, BoardState, Outcome
from kodaira_desk.domain.round_records import ReturnRecord
from kodaira_desk.store.database import Database

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

Progress = Callable[[int, int], None]

# kept for the window and the command line: state value → label
STATE_LABELS = {s.value: label for s, label in BOARD_LABELS.items()}


class RoundError(DomainError):
    """A hand-out or collection that cannot be done as asked."""


@dataclass(frozen=True)
class HandoutFile:
    handout_id: str
    department: str
    path: Path


@dataclass(frozen=True)
class FileOutcome:
    file: str
    code: str  # an Outcome value: merged | needs_review | already_collected | unfilled | a refusal
    message: str
    department: str | None = None
    applied: int = 0
    conflicts: int = 0
    held: int = 0  # of the conflicts, changes held because they are another year's or not the 課's
    unchanged: int = 0  # carried texts the clerk confirmed (変更なし), applied
    carried: int = 0  # carried texts left untouched and unconfirmed: not applied (未記入)
    flags: tuple[str, ...] = ()  # why else the return is 要確認 (no_head_check)

    @property
    def refused(self) -> bool:
        return Outcome(self.code).refused


@dataclass(frozen=True)
class DepartmentState:
    department: str
    state: str  # a BoardState value
    label: str
    returned_at: str | None
    handout_id: str
    file_name: str
    open_conflicts: int
    reason: str | None = None  # why the last file was refused (stored, so it survives a reopen)
    revision: int | None = None  # the last collected revision of the department's file
    # issue 24: the last merged return (revision, when, by whom, the head's check), why it is
    # 要確認 in words (open conflicts by kind, no head check), when the file was issued
    last_return: ReturnRecord | None = None
    reasons: tuple[str, ...] = ()
    issued_at: str = ""


@dataclass(frozen=True)
class CollectReport:
    outcomes: tuple[FileOutcome, ...]
    states: tuple[DepartmentState, ...]
    # every entry field the collection wrote in the master, with its new value (domain.fields keys)
    changed: Mapping[str, FieldValue] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [s.department for s in self.states if s.state in (BoardState.ISSUED.value, BoardState.UNFILLED.value)]

    @property
    def needs_a_person(self) -> bool:
        return any(o.refused or o.conflicts for o in self.outcomes) or any(
            s.state == BoardState.NEEDS_REVIEW.value for s in self.states)


@dataclass(frozen=True)
class OpenConflict:
    id: int
    department: str
    file_name: str
    key: str
    kind: str
    base: FieldValue
    master: FieldValue
    department_value: FieldValue
    label: str  # what the field is, in words


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def describe(trees: Mapping[str, PlanTree], key: str) -> str:
    """A field in words: 市内体験農園の区画数 令和2年度 実績 (のメモ, への質問, …)."""
    from kodaira_desk.domain.annotations import is_annotation_key

    if is_annotation_key(key):
        return _describe_annotation(trees, key)
    try:
        fk = FieldKey.parse(key)
    except ValueError:
        return _describe_record(trees, key)
    tree = trees.get(fk.plan_id)
    if tree is None:
        return key
    try:
        year = FiscalYear(fk.year).era_label()
    except DomainError:
        year = f"{fk.year}年度"
    if fk.kind == "value":
        try:
            name = tree.indicator(fk.item).name
        except KeyError:
            return key
        return f"{name} {year} {ValueKind(fk.part).label}"
    if not tree.has_node(fk.item):
        return key
    node = tree.node(fk.item)
    if fk.kind == "progress":
        what = "進捗状況" if fk.part == "status" else "実施等状況"
    else:
        what = "費用" if fk.kind == "cost" else "年次計画"
    return f"{node.number} {node.title} {year} {what}"


def _describe_record(trees: Mapping[str, PlanTree], key: str) -> str:
    """An audit row of the round's year that is not a field (issue 24) in words."""
    parts = key.split(":")
    if len(parts) != 3 or parts[0] not in ("head-check", "lock", "round"):
        return key
    kind, what, number = parts if parts[0] != "round" else (parts[0], parts[2], parts[1])
    try:
        year = FiscalYear(int(number)).era_label()
    except (ValueError, DomainError):
        return key
    if kind == "head-check":
        return f"課長確認（{what} {year}）"
    if kind == "lock":
        tree = trees.get(what)
        return f"確定（{tree.plan.title if tree else what} {year}）"
    return f"{'提出期限' if what == 'deadline' else '課長確認の要否'}（{year}）"
def _describe_annotation(trees: Mapping[str, PlanTree], key: str) -> str:
    from kodaira_desk.domain.annotations import (
        ATTACHMENT,
        NOTE,
        QUESTION_ANSWER,
        QUESTION_TEXT,
        AnnotationKey,
    )

    try:
        ak = AnnotationKey.parse(key)
    except ValueError:
        return key
    field = describe(trees, ak.field_key)
    if ak.layer == NOTE:
        return f"{field} のメモ"
    if ak.layer == ATTACHMENT:
        return f"{field} の添付ファイル"
    part = {QUESTION_TEXT: "質問", QUESTION_ANSWER: "質問への回答"}.get(ak.part, "質問の完了")
    return f"{field} への{part}"


def trees_by_id(db: Database) -> dict[str, PlanTree]:
    from kodaira_desk.services.plans import load_all

    return {t.plan.id: t for t in load_all(db)}


def master_id_in(uow: UnitOfWork) -> str:
    """The master's own id (written the first time it is asked for), inside the caller's transaction."""
    mid = uow.meta.get("master_id")
    if not mid:
        mid = str(uuid.uuid4())
        uow.meta.set("master_id", mid)
    return mid


def master_id(db: Database) -> str:
    with db.unit_of_work() as uow:
        return master_id_in(uow)
