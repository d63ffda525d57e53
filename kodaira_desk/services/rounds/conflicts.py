"""Conflicts and held changes: listed, resolved by a person (keep / take / type another), undone."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from kodaira_desk.domain.annotations import ATTACHMENT, AnnotationKey, is_annotation_key
from kodaira_desk.domain.entry import read_entry
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.limits import MAX_NOTE_CHARS, LimitError, check_text
from kodaira_desk.domain.merge import ConflictKind, FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_records import ConflictRecord
from kodaira_desk.domain.round_year import lock_of_key
from kodaira_desk.services.editing import Content, content_of, content_to_field, target_of, write_edits
from kodaira_desk.services.rounds import removed
from kodaira_desk.services.rounds.common import OpenConflict, RoundError, describe, now, trees_by_id
from kodaira_desk.store.database import Database
from kodaira_desk.store.round_repository import RoundRepository
from kodaira_desk.store.unit_of_work import UnitOfWork

CHOICES = ("keep", "take", "typed")


class ResolutionValueError(RoundError):
    """A typed value the grid would refuse; the message is the grid's own."""


class MasterChangedError(RoundError):
    """The master's value is no longer the one the person was shown: nothing was written; the
    conflicts read again show the value now (`current`), and a choice made against it is applied."""

    current: FieldValue = None


class _Recorded(Enum):
    VALUE = "recorded"


RECORDED: Literal[_Recorded.VALUE] = _Recorded.VALUE  # `shown` not given: the value the conflict recorded


def open_conflicts(db: Database) -> list[OpenConflict]:
    """The open conflicts, each with the master's value as it is now (a save since the conflict was
    recorded shows there; `recorded` keeps the value it was recorded against)."""
    trees = trees_by_id(db)
    with db.reading() as uow:
        rows = uow.rounds.conflicts(status="open")
        now_values = uow.fields.current([c.key for c in rows]) if rows else {}
        # an item removed since is named as it was (the master's record of its removal)
        return [OpenConflict.of(c, removed.words(uow, trees, c.key), now_values.get(c.key)) for c in rows]


def parse_typed(trees: dict[str, PlanTree], key: str, text: str | None) -> Content:
    """What a person typed for a field, read by the same parser as the grid (read_entry for an
    indicator's value: "5件" for a 人 indicator is refused with the grid's message)."""
    target = target_of(key)
    value = (text or "").strip() or None
    if value is None:
        return None
    if is_annotation_key(key):
        if AnnotationKey.parse(key).layer == ATTACHMENT:
            raise ResolutionValueError("添付ファイルは「親の値」か「課の値」から選んでください（入力はできません）。")
        try:
            return check_text("", value, max_chars=MAX_NOTE_CHARS)
        except LimitError as exc:
            raise ResolutionValueError(exc.message.removeprefix(": ")) from exc
    try:
        fk = FieldKey.parse(key)
        tree = trees.get(fk.plan_id)
        if fk.kind == "value" and tree is not None:
            return read_entry(tree.indicator(fk.item), value)
        return content_of(target, value)
    except DomainError as exc:
        raise ResolutionValueError(exc.message) from exc


def resolve(db: Database, conflict_id: int, choice: str, typed: str | None = None,
            actor: str | None = None, reason: str | None = None,
            shown: FieldValue | Literal[_Recorded.VALUE] = RECORDED) -> dict[str, FieldValue]:
    """keep: the master's value stays; take: the department's value; typed: another value.
    Returns the field written (key → its new value; empty when the master's value stays).

    `shown`: the master's value the person decided against (open_conflicts' `master`; by default
    the value the conflict recorded). When the master holds another value now, nothing is written
    (MasterChangedError, naming the value now: never overwrite what changed since the person
    looked); when it holds the value shown, even one saved after the conflict was recorded, the
    choice is applied against it (keep: the value now stays) and the conflict records it.

    A field of a year the division fixed (確定) keeps its value unless the resolution is a
    correction: with a `reason` it is written and audited as one (source "correction"); without,
    it is refused, naming the field (issue 24)."""
    if choice not in CHOICES:
        raise RoundError(f"選択が正しくありません: {choice}")
    trees = trees_by_id(db) if choice == "typed" else {}
    with db.unit_of_work() as uow:
        c = uow.rounds.conflict(conflict_id)
        if c is None or c.status != "open":
            raise RoundError("この競合はすでに解決されています。")
        master_value, dept_value = c.master, c.department_value
        current = uow.fields.current([c.key])[c.key]
        if current != (master_value if shown is RECORDED else shown):
            error = MasterChangedError.of("{item}: 表示した後に親の値が変わっています（今の値: {now}）。何も書き込んでいません。",
                                          item=describe(trees or trees_by_id(db), c.key), now=current or "空欄")
            error.current = current
            raise error
        if current != master_value:  # saved after the conflict was recorded, and shown: decided against it
            uow.rounds.rebase_conflict(c.id, current)
            master_value = current
        if c.kind == ConflictKind.REMOVED.value and choice != "keep" and not removed.has_place(trees or trees_by_id(db), c.key):
            raise RoundError(f"{removed.words(uow, trees or trees_by_id(db), c.key)}: この項目は計画から削除されたため、"
                             "課の値は書き込めません（「親の値を残す」を選んでください）。")
        target = target_of(c.key)
        if choice == "typed":
            content = parse_typed(trees, c.key, typed)
            new: FieldValue = content_to_field(content)
        else:
            new = master_value if choice == "keep" else dept_value
            content = None if new is None else content_of(target, new)
        why = " ".join((reason or "").split())
        if new != master_value and _locked(uow, c.key):
            if not why:
                raise RoundError(f"{describe(trees or trees_by_id(db), c.key)}: この年度は確定済みのため、"
                                 "課の値にするには修正の理由が必要です（「親の値を残す」はそのまま選べます）。")
        else:
            why = ""
        uow.rounds.resolve_conflict(c.id, choice, new, actor, now())
        return _settle(uow, c, master_value, new, content, "correction" if why else "resolution", actor, why)


def undo_resolution(db: Database, conflict_id: int, actor: str | None = None) -> dict[str, FieldValue]:
    """Put a resolved conflict back as it was: the master's value before it, the conflict open.
    Refused once the field has changed since (a later save or collection). Returns the field
    written (key → its value again; empty when the resolution had kept the master's value)."""
    with db.unit_of_work() as uow:
        c = uow.rounds.conflict(conflict_id)
        if c is None or c.status != "resolved":
            raise RoundError("この競合は解決されていません。")
        resolved, before = c.resolved_value, c.master
        current = uow.fields.current([c.key])[c.key]
        if current != resolved:
            raise RoundError("解決した後にこの項目が変更されたため、元に戻せません。")
        if before != resolved and _locked(uow, c.key):
            raise RoundError("この項目の年度は確定済みのため、解決を元に戻せません（変えるときは修正として記録してください）。")
        uow.rounds.reopen_conflict(c.id)
        content = None if before is None else content_of(target_of(c.key), before)
        return _settle(uow, c, resolved, before, content, "resolution_undone", actor)


def _settle(uow: UnitOfWork, c: ConflictRecord, old: FieldValue, new: FieldValue, content: Content,
            source: str, actor: str | None, why: str = "") -> dict[str, FieldValue]:
    """The tail a resolution and its undo share: the field written when it changes, the audit row,
    the hand-out's status settled; returns the fields written."""
    if new != old:
        write_edits(uow.fields, {target_of(c.key): content}, actor)
    uow.audit.add(c.key, old, new, source, str(c.id), actor, why or None)
    _update_handout(uow.rounds, c.import_id)
    return dict(uow.changed)


def _locked(uow: UnitOfWork, key: str) -> bool:
    return lock_of_key(key, uow.year.locked()) is not None


def _update_handout(rounds: RoundRepository, import_id: int) -> None:
    """The hand-out's status from all its open conflicts and its last return's open flags (issue 24:
    a return without the required head check stays 要確認 after its conflicts are resolved)."""
    imp = rounds.import_record(import_id)
    if imp.handout_id is not None:
        rounds.settle(imp.handout_id)
