"""Notes, questions and evidence files on entry fields (issue 25): the user actions.

A note and an answer are typed into a form like a value and saved with it (services.editing writes
them through `write_annotations`). Asking a question, closing it, attaching and removing a file
are actions of their own, each one transaction with its audit row (and, in a department file, one
more revision of the file, like a save). Opening an evidence file writes a private read-only copy
after checking its content once more; the window hands that copy to the system's viewer.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kodaira_desk.domain.annotation_scope import addressed_to, leads_item
from kodaira_desk.domain.annotations import (
    CLOSED,
    QUESTION_CLOSED,
    QUESTION_TEXT,
    AnnotationKey,
    Attachment,
    Question,
    QuestionState,
    is_annotation_key,
    plan_id_of,
)
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.evidence import EvidenceError, EvidenceKind, check_content, sha256_hex
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.limits import (
    MAX_ATTACHMENT_BYTES,
    check_attachment_size,
    check_attachments_per_field,
    check_attachments_total,
)
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.os_reasons import os_reason
from kodaira_desk.domain.scope import DepartmentScope
from kodaira_desk.io.atomic import write_bytes
from kodaira_desk.services.editing import record_save
from kodaira_desk.services.note_text import AnnotationError, author, checked, checked_text
from kodaira_desk.store.database import Database

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

VIEW_PREFIX = "kd-evidence-"
VIEW_KEEP_S = 24 * 3600  # copies opened for viewing are removed a day later (the viewer may hold them)


def write_annotations(uow: UnitOfWork, fields: Mapping[str, str | None], actor: str | None) -> None:
    """Notes, questions' parts and answers, inside the caller's unit of work (recorded as changed)."""
    who = author(uow, actor)
    for key, value in fields.items():
        try:
            uow.notes.write(key, checked_text(key, value), who)
        except DomainError as exc:
            raise AnnotationError(exc.message) from exc


def _finish(uow: UnitOfWork, key: str, old: str | None, new: str | None, actor: str | None) -> dict[str, FieldValue]:
    """The audit row of one annotation change, and in a department file one more revision; what the
    operation wrote."""
    uow.audit.add(key, old, new, "typed", None, actor)
    record_save(uow, actor)
    return dict(uow.changed)


def with_annotations(db: Database, trees: dict[str, PlanTree], keys: Iterable[str]) -> dict[str, PlanTree]:
    """The plans whose notes, questions or attachments an operation wrote, with their annotations read
    again (they carry who and when, which the written values do not); the others as given."""
    plans = {plan_id_of(k) for k in keys if is_annotation_key(k)}
    plans = {p for p in plans if p in trees}
    if not plans:
        return trees
    with db.reading() as uow:
        fresh = {p: uow.notes.of_plan(p) for p in plans}
    return {**trees, **{p: dataclasses.replace(trees[p], annotations=a) for p, a in fresh.items()}}


# ---------------------------------------------------------------- questions


def ask_question(db: Database, field_key: str, text: str, actor: str | None = None) -> dict[str, FieldValue]:
    """The policy division asks about one field; returns what it wrote (the question's text field).
    It reaches the department in its next hand-out (or a re-hand-out)."""
    FieldKey.parse(field_key)  # raises ValueError for something that is not an entry field
    body = checked("質問", (text or "").strip())
    if not body:
        raise AnnotationError("質問の文を入力してください。")
    key = str(AnnotationKey.question(field_key, uuid.uuid4().hex, QUESTION_TEXT))
    with db.unit_of_work() as uow:
        write_annotations(uow, {key: body}, actor)
        return _finish(uow, key, None, body, actor)


def close_question(db: Database, question: Question, closed: bool = True,
                   actor: str | None = None) -> dict[str, FieldValue]:
    """The division takes the answer (or withdraws the question): 完了. `closed=False` opens it again."""
    key = question.key(QUESTION_CLOSED)
    with db.unit_of_work() as uow:
        stored = uow.notes.question(question.id)
        if stored is None:
            raise AnnotationError("質問が見つかりません。")
        old = CLOSED if stored.closed_at else None
        write_annotations(uow, {key: CLOSED if closed else None}, actor)
        return _finish(uow, key, old, CLOSED if closed else None, actor)


def questions_for(trees: Iterable[PlanTree], department: str | None,
                  states: Iterable[QuestionState] = (QuestionState.OPEN, QuestionState.ANSWERED)) -> list[Question]:
    """The questions about fields whose items `department` leads (None: every question), in the
    order they were asked, of the given states."""
    wanted = set(states)
    out: list[Question] = []
    for tree in trees:
        if not tree.annotations.questions:  # (a scope is not made for a plan nobody asked about)
            continue
        scope = DepartmentScope(tree, department) if department else None
        for q in tree.annotations.questions:
            if q.state in wanted and (scope is None or leads_item(scope, q.field_key)):
                out.append(q)
    return sorted(out, key=lambda q: (q.asked_at or "", q.id))


@dataclass(frozen=True)
class QuestionCount:
    open: int = 0
    answered: int = 0


def question_counts(trees: Iterable[PlanTree], departments: Iterable[str]) -> dict[str, QuestionCount]:
    """Per department: its unanswered questions and its answers the division has not taken yet."""
    trees = list(trees)
    out: dict[str, QuestionCount] = {}
    for d in departments:
        qs = questions_for(trees, d)
        out[d] = QuestionCount(sum(q.state is QuestionState.OPEN for q in qs),
                               sum(q.state is QuestionState.ANSWERED for q in qs))
    return out


# ---------------------------------------------------------------- evidence files


@dataclass(frozen=True)
class Attached:
    key: str  # the attachment's field key
    name: str
    size: int
    kind: EvidenceKind
    changed: dict[str, FieldValue]  # what the operation wrote


def read_evidence_file(path: Path) -> tuple[str, bytes]:
    """A file chosen to attach, read at most one byte past the limit (a huge file is not read whole)."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_ATTACHMENT_BYTES + 1)
            if len(data) > MAX_ATTACHMENT_BYTES:  # refused with its own size, not the part read
                check_attachment_size(f"添付ファイル「{path.name}」", max(os.fstat(f.fileno()).st_size, len(data)))
    except IsADirectoryError as exc:
        raise AnnotationError(f"{path.name}: フォルダは添付できません。") from exc
    except OSError as exc:
        raise AnnotationError(f"{path.name}: ファイルを読めません（{os_reason(exc)}）。") from exc
    return path.name, data


def attach(db: Database, field_key: str, name: str, data: bytes, actor: str | None = None,
           trees: Mapping[str, PlanTree] | None = None) -> Attached:
    """Attach an evidence file to a field, after its one check (domain.evidence: its declared type,
    its size); refused by name (EvidenceError, LimitError) with nothing written. The limits per
    field and per department file are checked inside the transaction."""
    FieldKey.parse(field_key)
    checked = check_content(name, data)
    key = str(AnnotationKey.attachment(field_key, checked.sha256))
    with db.unit_of_work() as uow:
        notes = uow.notes
        check_attachments_per_field(f"添付ファイル「{checked.name}」", notes.attachment_count(field_key) + 1)
        if uow.meta.is_department_file:
            total = notes.evidence_total() + (0 if notes.has_evidence(checked.sha256) else checked.size)
            check_attachments_total(f"添付ファイル「{checked.name}」", total)
        elif trees is not None:
            _check_departments_total(trees, field_key, checked)
        notes.store_evidence(checked.sha256, checked.kind.value, data)
        notes.write(key, checked.name, author(uow, actor))
        changed = _finish(uow, key, None, checked.name, actor)
    return Attached(key, checked.name, checked.size, checked.kind, changed)


def _check_departments_total(trees: Mapping[str, PlanTree], field_key: str, checked: Any) -> None:
    """In the master: each department that leads the field's item must still be able to carry
    every evidence file of its items in one department file."""
    tree = trees.get(FieldKey.parse(field_key).plan_id)
    if tree is None:
        return
    for department in addressed_to(tree, field_key):
        sizes: dict[str, int] = {}
        for t in trees.values():
            scope = DepartmentScope(t, department)
            sizes.update((a.sha256, a.size) for a in t.annotations.attachments if leads_item(scope, a.field_key))
        total = sum(sizes.values()) + (0 if checked.sha256 in sizes else checked.size)
        check_attachments_total(f"添付ファイル「{checked.name}」（{department}の提出用ファイル）", total)


def detach(db: Database, attachment: Attachment, actor: str | None = None) -> dict[str, FieldValue]:
    """Remove an attachment from its field (the content stays in the database: the audit log and
    a conflict may still name it)."""
    key = attachment.key
    with db.unit_of_work() as uow:
        uow.notes.write(key, None, author(uow, actor))
        return _finish(uow, key, attachment.name, None, actor)


def evidence_bytes(db: Database, attachment: Attachment) -> bytes:
    """An attachment's content, checked again (its hash, its declared type) before anyone opens it."""
    with db.reading() as uow:
        data = uow.notes.evidence(attachment.sha256)
    if data is None:
        raise AnnotationError(f"添付ファイル「{attachment.name}」の中身がこのファイルにありません。")
    if sha256_hex(data) != attachment.sha256:
        raise EvidenceError(attachment.name, "中身が添付したときと違います（壊れています）。開きません。", "tampered")
    check_content(attachment.name, data)
    return data


def viewing_copy(db: Database, attachment: Attachment, folder: Path | None = None) -> Path:
    """A private, read-only copy of an attachment to open with the system's viewer: in a folder of
    its own (only this user may enter it), under its own name with its type's extension, never
    executable. Copies older than a day are removed first."""
    data = evidence_bytes(db, attachment)
    kind = EvidenceKind(attachment.kind) if attachment.kind else check_content(attachment.name, data).kind
    base = folder or Path(tempfile.gettempdir())
    base.mkdir(parents=True, exist_ok=True)
    _sweep_views(base)
    place = Path(tempfile.mkdtemp(prefix=VIEW_PREFIX, dir=base))
    stem = attachment.name.rsplit(".", 1)[0] if "." in attachment.name else attachment.name
    target = place / f"{stem}{kind.suffix}"
    write_bytes(target, data, mode=0o400)  # read-only, never executable
    return target


def _sweep_views(base: Path) -> None:
    cutoff = time.time() - VIEW_KEEP_S
    try:
        for p in base.glob(f"{VIEW_PREFIX}*"):
            if p.is_dir() and p.stat().st_mtime < cutoff:
                for f in p.iterdir():
                    os.chmod(f, 0o600)
                shutil.rmtree(p, ignore_errors=True)
    except OSError:
        pass


def save_copy(db: Database, attachment: Attachment, out: Path) -> Path:
    """An attachment written out where the person chose (名前を付けて保存), whole or not at all."""
    write_bytes(out, evidence_bytes(db, attachment))
    return out
