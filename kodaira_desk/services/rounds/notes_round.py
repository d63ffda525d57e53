"""The round's side of notes, questions and evidence files (issue 25): what a department's file
carries, and what a collection does with a returned file's evidence and authors.

Notes, questions and attachments are fields (domain.annotations), so the hand-out snapshots them,
the merge compares them three ways and holds their conflicts, and every change is audited, with no
code of its own. What is theirs alone:

- a department's file carries only the annotations of the items the department leads (the
  others are removed when the file is written), so a returned file lacking them has not deleted
  them (`drop_not_carried`);
- an attachment's content travels beside its field: before the merge writes an attachment (or
  holds it in a conflict) its content is copied from the returned file into the master, checked
  once more (`store_evidence_of`);
- a note or an answer keeps the name and time the department's file gave it (`set_authors`).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kodaira_desk.domain import annotation_scope
from kodaira_desk.domain.annotations import (
    ATTACHMENT,
    QUESTION,
    AnnotationKey,
    is_annotation_key,
    plan_id_of,
)
from kodaira_desk.domain.evidence import EvidenceError, check_content, sha256_hex
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.limits import MAX_PERSON_CHARS, LimitError, check_attachments_total
from kodaira_desk.domain.merge import Conflict, FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.services.rounds.common import RoundError
from kodaira_desk.store.annotation_reader import prune_after
from kodaira_desk.store.department_file import FileRefused, authors_of_returned, evidence_of_returned

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

ScopeOf = Callable[[str], DepartmentScope | None]  # plan id → the department's scope in it


# ---------------------------------------------------------------- hand-out


def carries(trees: Sequence[PlanTree], department: str) -> Callable[[str], bool]:
    """Which entry fields' annotations the department's file keeps: those of items it leads. A
    plan's scope is built when one of its annotations is first asked about (a hand-out asks this
    of every department: most plans have none)."""
    by_id = {t.plan.id: t for t in trees}
    scopes: dict[str, DepartmentScope] = {}

    def keep(field_key: str) -> bool:
        plan_id = plan_id_of(field_key)
        scope = scopes.get(plan_id)
        if scope is None:
            tree = by_id.get(plan_id)
            if tree is None:
                return False
            scope = scopes[plan_id] = DepartmentScope(tree, department)
        return annotation_scope.leads_item(scope, field_key)

    return keep


def prefill(trees: Sequence[PlanTree], department: str,
            before: Callable[[sqlite3.Connection], Iterable[str] | None] | None,
            ) -> Callable[[sqlite3.Connection], list[str] | None]:
    """What a department's file is written with (store.department_image): `before` (the texts carried
    into next year's file, when any), then the annotations of other departments' items removed."""
    return functools.partial(prune_after, keep=carries(trees, department), before=before)


def check_carried_evidence(trees: Sequence[PlanTree], departments: Iterable[str]) -> None:
    """The evidence files each department's file would carry fit in one file (domain.limits); raises
    RoundError naming the department."""
    for department in departments:
        keep = carries(trees, department)
        sizes = {a.sha256: a.size for t in trees for a in t.annotations.attachments if keep(a.field_key)}
        try:
            check_attachments_total(f"{department}の提出用ファイル", sum(sizes.values()))
        except LimitError as exc:
            raise RoundError(f"{exc.message} 添付ファイルを減らしてから配布してください。") from exc


# ---------------------------------------------------------------- merge


def owns(scope: DepartmentScope, key: str) -> bool:
    """Whether the department may change the field (entry field or annotation)."""
    return annotation_scope.owns(scope, key) if is_annotation_key(key) else scope.owns_field(key)


def in_year(key: str, year: int) -> bool:
    if is_annotation_key(key):
        return annotation_scope.in_year(key, year)
    try:
        return bool(FieldKey.parse(key).year == year)
    except ValueError:
        return False


def drop_not_carried(changes: dict[str, FieldValue], returned: Mapping[str, FieldValue],
                     scope_of: ScopeOf) -> dict[str, FieldValue]:
    """The changes of a returned file without the annotations its file never carried: an annotation
    of another department's item is absent from the file because the hand-out left it out, not
    because the department removed it. (One the file does hold is a change, held as not the
    department's.)"""
    def absent_by_design(key: str, value: FieldValue) -> bool:
        return (value is None and key not in returned and is_annotation_key(key)
                and not annotation_scope.carried(scope_of(plan_id_of(key)), key))

    return {k: v for k, v in changes.items() if not absent_by_design(k, v)}


def exists(trees: Mapping[str, PlanTree], key: str, field_exists: Callable[[Mapping[str, PlanTree], str], bool]) -> bool:
    """Whether the master has what an annotation field names: its entry field, and for a question
    the question itself (a department cannot start one)."""
    try:
        ak = AnnotationKey.parse(key)
    except ValueError:
        return False
    if not field_exists(trees, ak.field_key):
        return False
    if ak.layer == QUESTION:
        tree = trees.get(plan_id_of(key))
        question = tree.annotations.question(ak.ref) if tree is not None else None
        return question is not None and question.field_key == ak.field_key
    return True


def store_evidence_of(uow: UnitOfWork, returned_file: Path, name: str, applied: Mapping[str, FieldValue],
                      conflicts: Iterable[Conflict]) -> None:
    """Copy into the master the content of every attachment the merge writes or holds, from the
    returned file (read-only, checked: its hash and declared type once more). Raises FileRefused
    naming the attachment when its content is missing or not what it says."""
    wanted: dict[str, str] = {}
    for key, value in [*applied.items(), *((c.key, c.department) for c in conflicts)]:
        if value is not None and is_annotation_key(key):
            ak = AnnotationKey.parse(key)
            if ak.layer == ATTACHMENT:
                wanted.setdefault(ak.ref, value)
    missing = sorted(sha for sha in wanted if not uow.notes.has_evidence(sha))
    if not missing:
        return
    contents = evidence_of_returned(returned_file, missing)
    for sha in missing:
        shown, data = wanted[sha], contents.get(sha)
        try:
            if data is None or sha256_hex(data) != sha:
                raise EvidenceError(shown, "中身がファイルに入っていません。", "tampered")
            checked = check_content(shown, data)
        except (EvidenceError, LimitError) as exc:
            code = exc.code if isinstance(exc, EvidenceError) else "limit"
            raise FileRefused(code, f"{name}: {exc.message} このファイルは取り込みません。") from exc
        uow.notes.store_evidence(sha, checked.kind.value, data)


def set_authors(uow: UnitOfWork, returned_file: Path, applied: Iterable[str]) -> None:
    """Who wrote each note and answer the merge applied, and when, as the department's file says."""
    keys = [k for k in applied if is_annotation_key(k)]
    if not keys:
        return
    authors = authors_of_returned(returned_file)
    for key in keys:
        who, at = authors.get(key, (None, None))
        if who or at:
            uow.notes.set_author(key, (who or "")[:MAX_PERSON_CHARS] or None, (at or "")[:40] or None)
