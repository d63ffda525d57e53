"""Notes, questions and evidence files in the unit of work (`uow.notes`): written inside its
transaction, each annotation field recorded as changed (the operation's Changes), and the few reads
the services need. Reading whole plans is in store/annotation_reader.py (no SQLAlchemy: the
window's start-up path)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kodaira_desk.domain.annotations import (
    ATTACHMENT,
    CLOSED,
    NOTE,
    QUESTION_ANSWER,
    QUESTION_TEXT,
    AnnotationKey,
    Annotations,
    Question,
    is_question_id,
)
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.store import models as m
from kodaira_desk.store.annotation_reader import load_annotations, plan_of
from kodaira_desk.store.reader import raw_connection


class ChangeRecorder(Protocol):
    """Where the unit of work records the fields an operation wrote (its FieldRepository)."""

    changed: dict[str, str | None]


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class AnnotationRepository:
    """Notes, questions and attachments inside the unit of work's session (its transaction). Every
    annotation field written is recorded in the field repository's `changed` (with `fields`)."""

    def __init__(self, session: Session, fields: ChangeRecorder | None = None) -> None:
        self.s = session
        self._fields = fields

    def write(self, key: str, value: str | None, who: str | None, at: str | None = None) -> None:
        """Put one annotation field (as the merge and a resolution write any field)."""
        self._write(key, value, who, at or now())
        if self._fields is not None:
            self._fields.changed[key] = value

    def _write(self, key: str, value: str | None, who: str | None, at: str) -> None:
        ak = AnnotationKey.parse(key)
        if ak.layer == NOTE:
            self.put_note(ak.field_key, value, who, at)
        elif ak.layer == ATTACHMENT:
            if value is None:
                self.remove_attachment(ak.field_key, ak.ref)
            else:
                self.put_attachment(ak.field_key, ak.ref, value, who, at)
        elif ak.part == QUESTION_TEXT:
            self.put_question(ak.ref, ak.field_key, value, who, at)
        elif ak.part == QUESTION_ANSWER:
            self.answer(ak.ref, value, who, at)
        else:
            self.close(ak.ref, value == CLOSED, who, at)

    # notes
    def put_note(self, field_key: str, text: str | None, who: str | None, at: str) -> None:
        row = self.s.get(m.FieldNoteRow, field_key)
        if not text:
            if row is not None:
                self.s.delete(row)
            return
        if row is None:
            self.s.add(m.FieldNoteRow(field_key=field_key, plan_id=plan_of(field_key), text=text, author=who,
                                      updated_at=at))
        else:
            row.text, row.author, row.updated_at = text, who, at

    # questions
    def put_question(self, question_id: str, field_key: str, text: str | None, who: str | None, at: str) -> None:
        if not is_question_id(question_id):
            raise DomainError(f"質問の番号が正しくありません: {question_id[:40]}")
        row = self.s.get(m.QuestionRow, question_id)
        if not text:
            raise DomainError("質問の文は空にできません（取り下げるときは「完了」にしてください）。")
        if row is None:
            self.s.add(m.QuestionRow(id=question_id, field_key=field_key, plan_id=plan_of(field_key), text=text,
                                     asked_by=who, asked_at=at))
        elif row.field_key != field_key:
            raise DomainError("質問の項目は変えられません。")
        else:
            row.text = text

    def _question(self, question_id: str) -> m.QuestionRow:
        row = self.s.get(m.QuestionRow, question_id)
        if row is None:
            raise DomainError("質問が見つかりません（取り下げられたか、別のデータベースの質問です）。")
        return row

    def answer(self, question_id: str, text: str | None, who: str | None, at: str) -> None:
        row = self._question(question_id)
        row.answer = text or None
        row.answered_by, row.answered_at = (who, at) if text else (None, None)

    def close(self, question_id: str, closed: bool, who: str | None, at: str) -> None:
        row = self._question(question_id)
        row.closed_by, row.closed_at = (who, at) if closed else (None, None)

    # evidence and attachments
    def store_evidence(self, sha256: str, kind: str, content: bytes) -> None:
        """Keep a file's content once (by its hash); the caller has checked it (domain.evidence)."""
        if self.s.get(m.EvidenceFileRow, sha256) is None:
            self.s.add(m.EvidenceFileRow(sha256=sha256, kind=kind, size=len(content), content=content))
            self.s.flush()

    def has_evidence(self, sha256: str) -> bool:
        return self.s.scalar(select(m.EvidenceFileRow.sha256).where(m.EvidenceFileRow.sha256 == sha256)) is not None

    def put_attachment(self, field_key: str, sha256: str, name: str, who: str | None, at: str) -> None:
        if not self.has_evidence(sha256):
            raise DomainError(f"添付ファイル「{name}」の中身がこのデータベースにありません。")
        row = self.s.get(m.AttachmentRow, (field_key, sha256))
        if row is None:
            self.s.add(m.AttachmentRow(field_key=field_key, sha256=sha256, plan_id=plan_of(field_key), name=name,
                                       added_by=who, added_at=at))
        else:
            row.name = name

    def remove_attachment(self, field_key: str, sha256: str) -> None:
        self.s.execute(delete(m.AttachmentRow).where(m.AttachmentRow.field_key == field_key,
                                                     m.AttachmentRow.sha256 == sha256))

    def question(self, question_id: str) -> Question | None:
        row = self.s.get(m.QuestionRow, question_id)
        if row is None:
            return None
        return Question(row.id, row.field_key, row.text, row.asked_by, row.asked_at, row.answer, row.answered_by,
                        row.answered_at, row.closed_by, row.closed_at)

    def evidence(self, sha256: str) -> bytes | None:
        content = self.s.scalar(select(m.EvidenceFileRow.content).where(m.EvidenceFileRow.sha256 == sha256))
        return None if content is None else bytes(content)

    def evidence_total(self) -> int:
        """The bytes of every evidence file this database holds (a department file's limit)."""
        return int(self.s.scalar(select(func.coalesce(func.sum(m.EvidenceFileRow.size), 0))) or 0)

    def of_plan(self, plan_id: str) -> Annotations:
        """One plan's notes, questions and attachments as this transaction sees them."""
        self.s.flush()
        return load_annotations(raw_connection(self.s), plan_id)

    def attachment_count(self, field_key: str) -> int:
        return len(self.s.scalars(select(m.AttachmentRow.sha256).where(m.AttachmentRow.field_key == field_key)).all())

    def evidence_bytes_of(self, field_keys: Iterable[str]) -> int:
        """The total size of the distinct evidence files attached to any of these fields."""
        keys = list(field_keys)
        if not keys:
            return 0
        shas = set(self.s.scalars(select(m.AttachmentRow.sha256).where(m.AttachmentRow.field_key.in_(keys))))
        if not shas:
            return 0
        return sum(self.s.scalars(select(m.EvidenceFileRow.size).where(m.EvidenceFileRow.sha256.in_(shas))))

    def set_author(self, key: str, who: str | None, at: str | None) -> None:
        """Who wrote an annotation field and when, as a returned file says (after the merge applied it)."""
        ak = AnnotationKey.parse(key)
        if ak.layer == NOTE:
            note = self.s.get(m.FieldNoteRow, ak.field_key)
            if note is not None:
                note.author, note.updated_at = who, at
        elif ak.layer == ATTACHMENT:
            att = self.s.get(m.AttachmentRow, (ak.field_key, ak.ref))
            if att is not None:
                att.added_by, att.added_at = who, at
        elif ak.part == QUESTION_ANSWER:
            q = self.s.get(m.QuestionRow, ak.ref)
            if q is not None and q.answer:
                q.answered_by, q.answered_at = who, at
