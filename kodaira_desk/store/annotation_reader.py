"""Notes, questions and evidence files in the tables (issue 25): read as domain objects and as
fields, and pruned from a department file, with the sqlite3 API only (the window reads every plan
at start-up without SQLAlchemy; the writes are in store/annotations.py).

Reading speaks the sqlite3 API the reader uses (a sqlite3 connection, the ORM session's own, or
server.PgConnection); a department file made before these tables existed reads as having none.
Reading a returned (untrusted) file checks every row against domain.limits and every evidence file
against its hash and its declared type (domain.evidence), one file's content in memory at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from kodaira_desk.domain.annotations import (
    CLOSED,
    QUESTION_ANSWER,
    QUESTION_CLOSED,
    QUESTION_TEXT,
    AnnotationKey,
    Annotations,
    Attachment,
    Note,
    Question,
    annotation_fields,
    is_question_id,
    is_sha256,
)
from kodaira_desk.domain.errors import DomainError
from kodaira_desk.domain.evidence import EvidenceError, check_content, clean_name, sha256_hex
from kodaira_desk.domain.limits import (
    MAX_NOTE_CHARS,
    MAX_PERSON_CHARS,
    MAX_VALUE_CHARS,
    LimitError,
    check_attachment_size,
    check_attachments_per_field,
    check_attachments_total,
    check_text,
)
from kodaira_desk.store.first_plans import FirstPlans, first_plans
from kodaira_desk.store.server import PgConnection

TABLES = ("field_notes", "questions", "evidence_files", "attachments")
_MAX_KEY_CHARS = 400


class MissingEvidence(ValueError):
    """An attachment of an untrusted file whose content is not in it (its reference is broken: the
    file is refused as damaged, as for any other missing parent row)."""

    def __init__(self, sha256: str) -> None:
        super().__init__(f"attachments.sha256 = {sha256[:16]}…: no such evidence file")


def has_tables(con: Any) -> bool:
    """Whether the database has the annotation tables (a file made before migration 0009 has not)."""
    if isinstance(con, PgConnection):  # a master on a server an earlier version made, before its upgrade
        row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'attachments' "
                          "AND table_schema = current_schema()").fetchone()
        return bool(row[0])
    row = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").fetchone()
    return bool(row[0])


def plan_of(field_key: str) -> str:
    """The plan id of an entry field's key (its second part)."""
    parts = field_key.split(":")
    if len(parts) < 3 or not parts[1]:
        raise DomainError(f"項目の指定が正しくありません: {field_key[:80]}")
    return parts[1]


# ---------------------------------------------------------------- reading


def load_annotations(con: Any, plan_id: str) -> Annotations:
    """One plan's notes, questions and attachments (without the files' content)."""
    return annotations_by_plan(con, [plan_id]).get(plan_id, Annotations())


def annotations_by_plan(con: Any, plan_ids: Sequence[str] | None = None) -> dict[str, Annotations]:
    """The notes, questions and attachments of the plans asked (None: every plan), by plan: one
    query per table however many plans (store.tree_reader reads them in its own batch)."""
    if plan_ids == [] or not has_tables(con):
        return {}
    return group_annotations(*(list(con.execute(sql, tuple(params))) for sql, params in annotation_queries(plan_ids)))


def annotation_queries(plan_ids: Sequence[str] | int | FirstPlans | None,
                       present: bool = True) -> list[tuple[str, Sequence[Any]]]:
    """The three queries of the plans' notes, questions and attachments (rows for
    group_annotations); without `present` (a file made before the tables) three that return none."""
    if not present:
        return [("SELECT NULL WHERE 1 = 0", [])] * 3
    where, params = ("", []) if plan_ids is None else (  # an int, FirstPlans: the first plans (tree_reader.Asked)
        ("WHERE {col} IN (" + first_plans(plan_ids).ids_sql() + ")", [])
        if isinstance(plan_ids, int | FirstPlans)
        else ("WHERE {col} IN (" + ", ".join("?" * len(plan_ids)) + ")", list(plan_ids)))
    return [
        ("SELECT plan_id, field_key, text, author, updated_at FROM field_notes "
         + where.format(col="plan_id") + " ORDER BY field_key", params),
        ("SELECT plan_id, id, field_key, text, asked_by, asked_at, answer, answered_by, answered_at, "
         "closed_by, closed_at FROM questions " + where.format(col="plan_id") + " ORDER BY asked_at, id", params),
        ("SELECT a.plan_id, a.field_key, a.sha256, a.name, e.kind, e.size, a.added_by, a.added_at "
         "FROM attachments a JOIN evidence_files e ON e.sha256 = a.sha256 "
         + where.format(col="a.plan_id") + " ORDER BY a.field_key, a.added_at", params),
    ]


def group_annotations(note_rows: Iterable[Sequence[Any]], question_rows: Iterable[Sequence[Any]],
                      attachment_rows: Iterable[Sequence[Any]]) -> dict[str, Annotations]:
    """The rows of annotation_queries as each plan's Annotations."""
    notes: dict[str, list[Note]] = {}
    for r in note_rows:
        notes.setdefault(r[0], []).append(Note(r[1], r[2], r[3], r[4]))
    questions: dict[str, list[Question]] = {}
    for r in question_rows:
        questions.setdefault(r[0], []).append(Question(*r[1:]))
    attachments: dict[str, list[Attachment]] = {}
    for r in attachment_rows:
        attachments.setdefault(r[0], []).append(Attachment(r[1], r[2], r[3], r[4], int(r[5]), r[6], r[7]))
    return {p: Annotations(tuple(notes.get(p, ())), tuple(questions.get(p, ())), tuple(attachments.get(p, ())))
            for p in {*notes, *questions, *attachments}}


def read_annotation_fields(con: Any, *, untrusted: bool = False) -> dict[str, str]:
    """Every note, question and attachment as fields (domain.annotations keys). With `untrusted`
    (a returned department file) every row is checked first: texts against domain.limits, ids
    and hashes by their form, each evidence file's size, hash and declared type; the first
    problem raises (LimitError, EvidenceError, a DomainError), naming the field or the file."""
    if not has_tables(con):
        return {}
    cur = con.cursor()
    cur.row_factory = None
    notes = [Note(*r) for r in cur.execute("SELECT field_key, text, author, updated_at FROM field_notes")]
    questions = [Question(*r) for r in cur.execute(
        "SELECT id, field_key, text, asked_by, asked_at, answer, answered_by, answered_at, closed_by, closed_at "
        "FROM questions")]
    rows = list(cur.execute("SELECT field_key, sha256, name, added_by, added_at FROM attachments"))
    if untrusted:
        for n in notes:
            _check_note(n)
        for question in questions:
            _check_question(question)
        _check_attachments(con, rows)
    attachments = [Attachment(r[0], r[1], r[2], "", 0, r[3], r[4]) for r in rows]
    return annotation_fields(notes, questions, attachments)


def _check_key(what: str, key: object) -> str:
    return check_text(what, key, max_chars=_MAX_KEY_CHARS)


def _check_person(what: str, *values: object) -> None:
    for v in values:
        if v is not None:
            check_text(what, v, max_chars=MAX_PERSON_CHARS)


def _check_note(n: Note) -> None:
    key = _check_key("メモ", n.field_key)
    what = str(AnnotationKey.note(key))
    check_text(what, n.text, max_chars=MAX_NOTE_CHARS)
    _check_person(what, n.author, n.at)


def _check_question(q: Question) -> None:
    if not isinstance(q.id, str) or not is_question_id(q.id):
        raise DomainError(f"質問の番号が正しくありません: {str(q.id)[:40]}")
    key = _check_key("質問", q.field_key)
    what = str(AnnotationKey.question(key, q.id, QUESTION_TEXT))
    check_text(what, q.text, max_chars=MAX_NOTE_CHARS)
    if q.answer is not None:
        check_text(str(AnnotationKey.question(key, q.id, QUESTION_ANSWER)), q.answer, max_chars=MAX_NOTE_CHARS)
    _check_person(what, q.asked_by, q.asked_at, q.answered_by, q.answered_at, q.closed_by, q.closed_at)


def _check_attachments(con: Any, rows: list[Any]) -> None:
    """Each attachment's row, then each evidence file it names: present, of the size and hash
    recorded, and of the type its name declares. One file's content is read at a time."""
    sizes = {r[0]: r[1] for r in con.execute("SELECT sha256, length(content) FROM evidence_files")}
    check_attachments_total("添付ファイル", sum(int(s or 0) for s in sizes.values()))
    per_field: dict[str, int] = {}
    checked: set[tuple[str, str]] = set()
    for field_key, sha, name, added_by, added_at in rows:
        key = _check_key("添付ファイル", field_key)
        shown = check_text("添付ファイル", name, max_chars=MAX_VALUE_CHARS * 2)
        if not isinstance(sha, str) or not is_sha256(sha):
            raise DomainError(f"添付ファイル「{shown[:40]}」: ハッシュ値の形式が正しくありません。")
        if clean_name(shown) != shown:
            raise EvidenceError(shown[:40], "ファイル名に使えない文字が含まれています。")
        _check_person(f"添付ファイル「{shown}」", added_by, added_at)
        per_field[key] = per_field.get(key, 0) + 1
        check_attachments_per_field(f"添付ファイル（{key[:60]}）", per_field[key])
        if sha not in sizes:
            raise MissingEvidence(sha)
        if (sha, shown) in checked:
            continue
        checked.add((sha, shown))
        check_attachment_size(f"添付ファイル「{shown}」", int(sizes[sha] or 0))  # named, before SQLite reads it
        row = con.execute("SELECT kind, size, content FROM evidence_files WHERE sha256 = ?", (sha,)).fetchone()
        content = row[2]
        if not isinstance(content, (bytes, memoryview)):
            raise EvidenceError(shown, "中身がファイルとして保存されていません。")
        data = bytes(content)
        if sha256_hex(data) != sha or row[1] != len(data):
            raise EvidenceError(shown, "中身が添付したときと違います（Kodaira Desk 以外で変更されたか、壊れています）。",
                                "tampered")
        checked_file = check_content(shown, data)
        if row[0] != checked_file.kind.value:
            raise EvidenceError(shown, f"記録された種類（{str(row[0])[:20]}）と名前の種類が違います。")


def read_annotation_field(con: Any, key: str) -> str | None:
    """One annotation field as read_annotation_fields gives it (None: nothing there)."""
    if not has_tables(con):
        return None
    ak = AnnotationKey.parse(key)
    if ak.layer == "note":
        row = con.execute("SELECT text FROM field_notes WHERE field_key = ?", (ak.field_key,)).fetchone()
        return (row[0] or None) if row else None
    if ak.layer == "attachment":
        row = con.execute("SELECT name FROM attachments WHERE field_key = ? AND sha256 = ?",
                          (ak.field_key, ak.ref)).fetchone()
        return row[0] if row else None
    row = con.execute("SELECT text, answer, closed_at FROM questions WHERE id = ? AND field_key = ?",
                      (ak.ref, ak.field_key)).fetchone()
    if row is None:
        return None
    if ak.part == QUESTION_TEXT:
        return str(row[0])
    if ak.part == QUESTION_ANSWER:
        return row[1] or None
    return CLOSED if row[2] else None


def evidence_content(con: Any, sha256: str) -> bytes | None:
    """The content of one evidence file (None: not in this database)."""
    if not has_tables(con):
        return None
    row = con.execute("SELECT content FROM evidence_files WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else bytes(row[0])


def annotation_authors(con: Any) -> dict[str, tuple[str | None, str | None]]:
    """Who wrote each annotation field of a file, and when: key → (who, when). The merge takes a
    department's note or answer with the name and time the file gave it."""
    if not has_tables(con):
        return {}
    out: dict[str, tuple[str | None, str | None]] = {}
    for key, author, at in con.execute("SELECT field_key, author, updated_at FROM field_notes"):
        out[str(AnnotationKey.note(key))] = (author, at)
    for qid, key, by, at, aby, aat, cby, cat in con.execute(
            "SELECT id, field_key, asked_by, asked_at, answered_by, answered_at, closed_by, closed_at FROM questions"):
        out[str(AnnotationKey.question(key, qid, QUESTION_TEXT))] = (by, at)
        out[str(AnnotationKey.question(key, qid, QUESTION_ANSWER))] = (aby, aat)
        out[str(AnnotationKey.question(key, qid, QUESTION_CLOSED))] = (cby, cat)
    for key, sha, by, at in con.execute("SELECT field_key, sha256, added_by, added_at FROM attachments"):
        out[str(AnnotationKey.attachment(key, sha))] = (by, at)
    return out


# ---------------------------------------------------------------- a department file


def prune_department_file(con: sqlite3.Connection, keep: Callable[[str], bool]) -> list[str]:
    """Inside the caller's transaction on a department file being written: every note, question and
    attachment whose entry field `keep` refuses is removed, then every evidence file no
    attachment names any more (secure_delete leaves no trace of them). Returns the annotation
    fields removed (the file's content hash is stamped from what it holds)."""
    if not has_tables(con):
        return []
    was = read_annotation_fields(con)
    removed = False
    for table, column in (("field_notes", "field_key"), ("questions", "field_key"), ("attachments", "field_key")):
        keys = {r[0] for r in con.execute(f"SELECT DISTINCT {column} FROM {table}")}
        gone = [(k,) for k in keys if not keep(k)]
        con.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)
        removed = removed or bool(gone)
    if not removed:
        return []
    con.execute("DELETE FROM evidence_files WHERE sha256 NOT IN (SELECT sha256 FROM attachments)")
    now = read_annotation_fields(con)
    return [k for k in was if k not in now]


def prune_after(con: sqlite3.Connection, keep: Callable[[str], bool],
                before: Callable[[sqlite3.Connection], Iterable[str] | None] | None = None) -> list[str] | None:
    """A department file's prefill (store.department_image): `before` (another prefill, the carried
    texts), then every annotation of a field `keep` refuses removed. Returns the fields both
    changed, or None when `before` cannot say which it wrote."""
    written = before(con) if before is not None else []
    removed = prune_department_file(con, keep)
    return None if written is None else [*written, *removed]


def evidence_total(con: sqlite3.Connection) -> int:
    """The bytes of every evidence file a (department) file holds."""
    if not has_tables(con):
        return 0
    return int(con.execute("SELECT coalesce(sum(length(content)), 0) FROM evidence_files").fetchone()[0])


__all__ = ["TABLES", "LimitError", "annotation_authors", "evidence_content", "evidence_total", "has_tables",
           "load_annotations", "plan_of", "prune_department_file", "read_annotation_fields"]
