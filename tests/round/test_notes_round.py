"""Notes, questions and evidence files travel with the round (issue 25): typed in a department's
file they arrive with the value; a question asked in the master reaches the clerk, is answered and
comes back; the same note changed on both sides is a conflict; an attachment comes back byte for
byte; a hostile attachment is refused by name and changes nothing. On both backends."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from notes_helpers import (
    EXE,
    PDF,
    annotation_fields,
    annotations_of,
    evidence_rows,
    lying_zip_xlsx,
    macro_xlsx,
    png,
    smuggle_attachment,
    xlsx,
    zip_bomb_xlsx,
)
from round_helpers import FARM, HALL, PROGRESS_TEXT, R2, S, edit, field_value, value_cell

from kodaira_desk.domain.annotations import QUESTION_ANSWER, AnnotationKey, QuestionState
from kodaira_desk.domain.evidence import EvidenceError, sha256_hex
from kodaira_desk.domain.limits import LimitError
from kodaira_desk.services import notes
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField, content_of, key_of
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.conflicts import open_conflicts, resolve
from kodaira_desk.services.rounds.handout import handout
from kodaira_desk.services.workspace import Workspace

FARM_KEY = key_of(FARM)  # 市内体験農園の区画数 R2 実績, 産業振興課
FARM_NOTE = AnnotationField(str(AnnotationKey.note(FARM_KEY)))
TEXT_NOTE = AnnotationField(str(AnnotationKey.note(key_of(PROGRESS_TEXT))))


def _handout(master: Path | str, folder: Path, *departments: str) -> dict[str, Path]:
    db = open_database(master, create=False)
    try:
        return {f.department: f.path for f in handout(db, R2, folder, list(departments) or ["産業振興課"])}
    finally:
        db.dispose()


def _collect(master: Path | str, *paths: Path):  # type: ignore[no-untyped-def]
    db = open_database(master, create=False)
    try:
        return collect(db, list(paths), actor="政策課 山田")
    finally:
        db.dispose()


def _attach(path: Path | str, field_key: str, name: str, data: bytes, actor: str = "田中") -> str:
    db = open_database(path, create=False)
    try:
        return notes.attach(db, field_key, name, data, actor).key
    finally:
        db.dispose()


def test_a_note_typed_in_the_department_file_arrives_with_the_value(master: Path | str, tmp_path: Path) -> None:
    f = _handout(master, tmp_path / "配布")["産業振興課"]
    clerk = Workspace.open(f, create=False, actor="田中")
    try:
        clerk.load_plans()
        clerk.session.put(FARM, content_of(FARM, "365区画"))
        clerk.session.put(FARM_NOTE, "R2は区画を5つ増設したため増加。")
        clerk.save_session()
    finally:
        clerk.close()
    outcome = _collect(master, f).outcomes[0]
    assert outcome.code == "merged", outcome.message
    assert field_value(master, FARM) == "365区画"
    note = annotations_of(master)[S].note(FARM_KEY)
    assert note is not None and note.text == "R2は区画を5つ増設したため増加。"
    assert note.author == "産業振興課 田中" and note.at  # who and when, as the clerk's file said
    db = open_database(master, create=False)
    trail = [(a["field"], a["new"], a["source"], a["item"]) for a in audit_entries(db) if a["field"].startswith("note:")]
    db.dispose()
    assert trail == [(FARM_NOTE.key, "R2は区画を5つ増設したため増加。", "import",
                      "市内体験農園の区画数 令和2年度 実績 のメモ")]


def test_a_question_asked_in_the_master_reaches_the_clerk_is_answered_and_comes_back(
        master: Path | str, tmp_path: Path) -> None:
    db = open_database(master, create=False)
    (asked,) = notes.ask_question(db, FARM_KEY, "R2の実績が前年から大きく増えた理由を教えてください。", "政策課 山田")
    db.dispose()
    files = _handout(master, tmp_path / "配布", "産業振興課", "子育て支援課")
    qid = AnnotationKey.parse(asked).ref
    # the department that leads the indicator gets it; the other one's file does not carry it
    other = annotations_of(files["子育て支援課"])[S]
    assert other.question(qid) is None
    clerk = Workspace.open(files["産業振興課"], create=False, actor="田中")
    try:
        trees = clerk.load_plans().trees
        (question,) = notes.questions_for(trees.values(), "産業振興課")
        assert question.id == qid and question.state is QuestionState.OPEN
        assert question.asked_by == "政策課 山田"
        answer = AnnotationField(question.key(QUESTION_ANSWER))
        assert clerk.session.lock_of(answer) is None  # the clerk may answer it
        assert clerk.session.lock_of(AnnotationField(asked)) is not None  # but not rewrite the question
        clerk.session.put(answer, "市民農園を5区画増設しました（令和2年6月）。")
        clerk.save_session()
    finally:
        clerk.close()
    assert _collect(master, files["産業振興課"], files["子育て支援課"]).outcomes[0].code == "merged"
    back = annotations_of(master)[S].question(qid)
    assert back is not None and back.answer == "市民農園を5区画増設しました（令和2年6月）。"
    assert back.answered_by == "産業振興課 田中" and back.state is QuestionState.ANSWERED
    assert back.text == "R2の実績が前年から大きく増えた理由を教えてください。"  # the other file removed nothing
    db = open_database(master, create=False)
    counts = notes.question_counts(load_all(db), ["産業振興課", "子育て支援課"])
    notes.close_question(db, back, actor="政策課 山田")
    db.dispose()
    assert counts["産業振興課"] == notes.QuestionCount(open=0, answered=1)
    assert counts["子育て支援課"] == notes.QuestionCount()
    assert annotations_of(master)[S].question(qid).state is QuestionState.CLOSED  # type: ignore[union-attr]


def test_a_question_about_last_years_value_is_answered_in_this_years_file(db_path: Path, tmp_path: Path) -> None:
    last_year = key_of(value_cell("g1.a1.k3", year=2019))
    db = open_database(db_path, create=False)
    (asked,) = notes.ask_question(db, last_year, "R1の実績の出典は？")
    db.dispose()
    f = _handout(db_path, tmp_path / "配布")["産業振興課"]
    question = annotations_of(f)[S].question(AnnotationKey.parse(asked).ref)
    assert question is not None
    edit(f, {AnnotationField(question.key(QUESTION_ANSWER)): "農政課の台帳（R2.3.31時点）"})
    outcome = _collect(db_path, f).outcomes[0]
    assert outcome.code == "merged", outcome.message  # an answer is not held as another year's change
    assert annotations_of(db_path)[S].question(question.id).answer == "農政課の台帳（R2.3.31時点）"  # type: ignore[union-attr]


def test_the_same_note_changed_on_both_sides_is_a_conflict_never_overwritten(
        master: Path | str, tmp_path: Path) -> None:
    f = _handout(master, tmp_path / "配布")["産業振興課"]
    edit(master, {FARM_NOTE: "政策課: 出典を確認中"})
    edit(f, {FARM_NOTE: "増設5区画を含む"})
    outcome = _collect(master, f).outcomes[0]
    assert outcome.code == "needs_review" and outcome.conflicts == 1
    assert annotations_of(master)[S].note(FARM_KEY).text == "政策課: 出典を確認中"  # type: ignore[union-attr]
    db = open_database(master, create=False)
    (c,) = open_conflicts(db)
    assert (c.key, c.kind, c.base, c.master, c.department_value) == (
        FARM_NOTE.key, "both_changed", None, "政策課: 出典を確認中", "増設5区画を含む")
    assert c.label == "市内体験農園の区画数 令和2年度 実績 のメモ"
    resolve(db, c.id, "take", actor="政策課 山田")
    db.dispose()
    assert annotations_of(master)[S].note(FARM_KEY).text == "増設5区画を含む"  # type: ignore[union-attr]


def test_a_note_on_another_departments_field_is_held_and_the_same_note_on_both_sides_is_no_conflict(
        db_path: Path, tmp_path: Path) -> None:
    files = _handout(db_path, tmp_path / "配布", "産業振興課")
    hall_note = AnnotationField(str(AnnotationKey.note(key_of(HALL))))  # 子育て支援課's indicator
    edit(files["産業振興課"], {hall_note: "よその課のメモ", TEXT_NOTE: "同じメモ"})
    edit(db_path, {TEXT_NOTE: "同じメモ"})
    outcome = _collect(db_path, files["産業振興課"]).outcomes[0]
    assert outcome.code == "needs_review" and outcome.held == 1 and outcome.conflicts == 1
    fields = annotation_fields(db_path)
    assert hall_note.key not in fields and fields[TEXT_NOTE.key] == "同じメモ"


@pytest.mark.parametrize(("name", "data"), [("区画台帳.pdf", PDF), ("現地写真.png", png()),
                                            ("集計表.xlsx", xlsx())], ids=["pdf", "png", "xlsx"])
def test_an_attachment_round_trips_byte_for_byte(master: Path | str, tmp_path: Path, name: str, data: bytes) -> None:
    f = _attach_in_file(master, tmp_path, name, data)
    outcome = _collect(master, f).outcomes[0]
    assert outcome.code == "merged", outcome.message
    (att,) = annotations_of(master)[S].attachments_on(FARM_KEY)
    assert (att.name, att.size, att.sha256) == (name, len(data), sha256_hex(data))
    assert att.added_by == "産業振興課 田中"
    db = open_database(master, create=False)
    try:
        assert notes.evidence_bytes(db, att) == data  # the same bytes, checked again
        copy = notes.viewing_copy(db, att, tmp_path / "view")
    finally:
        db.dispose()
    assert copy.read_bytes() == data and copy.name == name
    assert not copy.stat().st_mode & 0o222 and not copy.stat().st_mode & 0o111  # read-only, never executable


def _attach_in_file(master: Path | str, tmp_path: Path, name: str, data: bytes) -> Path:
    f = _handout(master, tmp_path / "配布")["産業振興課"]
    _attach(f, FARM_KEY, name, data)
    return f


def test_a_file_over_the_limit_is_refused_with_its_own_size_before_it_is_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "調査票の写し.pdf"
    with big.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(12_345_678)  # 12.3 MB on disk
    with pytest.raises(LimitError) as refused:
        notes.read_evidence_file(big)
    assert refused.value.message == ("添付ファイル「調査票の写し.pdf」: 大きすぎます（12.3 MB。1 ファイルの上限 10.0 MB）。")


@pytest.mark.parametrize(("name", "data", "words"), [
    ("調査結果.pdf", EXE, "Windows の実行ファイル"),
    ("写真.png", PDF, "PDFのよう"),
    ("集計表.xlsx", zip_bomb_xlsx(), "異常に大きく"),
    ("集計表.xlsx", lying_zip_xlsx(), "異常に大きく"),
    ("集計表.xlsx", macro_xlsx(), "マクロ"),
    ("集計表.xlsx", b"a,b\n1,2\n", "テキストファイル（CSV など）のよう"),
    ("setup.exe", EXE, "添付できません（.exe）"),
    ("大きすぎる.pdf", b"%PDF-1.4\n" + b"0" * 10_000_000, "大きすぎます"),
], ids=["exe-as-pdf", "pdf-as-png", "zip-bomb", "lying-directory", "macros", "csv-as-xlsx", "exe", "oversized"])
def test_a_hostile_attachment_is_refused_by_name_and_nothing_is_written(
        db_path: Path, name: str, data: bytes, words: str) -> None:
    before = annotation_fields(db_path)
    with pytest.raises((EvidenceError, LimitError)) as refused:
        _attach(db_path, FARM_KEY, name, data)
    assert name in refused.value.message and words in refused.value.message
    assert annotation_fields(db_path) == before and evidence_rows(db_path) == {}


def _smuggle(f: Path, name: str, data: bytes, *, sha: str | None = None, kind: str = "pdf") -> None:
    smuggle_attachment(f, FARM_KEY, name, data, kind=kind, sha=sha)


@pytest.mark.parametrize(("name", "data", "sha", "code"), [
    ("調査結果.pdf", EXE, None, "attachment_type"),
    ("集計表.xlsx", zip_bomb_xlsx(), None, "zip_bomb"),
    ("調査結果.pdf", PDF + b"changed", sha256_hex(PDF), "tampered"),
    ("調査結果.exe", EXE, None, "attachment_type"),
    ("大きすぎる.pdf", b"%PDF-1.4\n" + b"0" * 10_000_001, None, "limit"),
], ids=["exe-as-pdf", "zip-bomb", "content-changed", "exe", "oversized"])
def test_a_returned_file_with_a_hostile_attachment_is_refused_by_name_and_changes_nothing(
        db_path: Path, tmp_path: Path, name: str, data: bytes, sha: str | None, code: str) -> None:
    f = _handout(db_path, tmp_path / "配布")["産業振興課"]
    edit(f, {FARM: "365区画"})
    _smuggle(f, name, data, sha=sha)
    before = annotation_fields(db_path)
    outcome = _collect(db_path, f).outcomes[0]
    assert outcome.code == code, outcome.message
    assert f.name in outcome.message and (name in outcome.message or code == "limit")
    assert field_value(db_path, FARM) is None  # the value came with it: not applied either
    assert annotation_fields(db_path) == before and evidence_rows(db_path) == {}


def test_evidence_of_other_departments_items_is_not_carried_and_its_absence_deletes_nothing(
        db_path: Path, tmp_path: Path) -> None:
    hall = key_of(HALL)
    _attach(db_path, hall, "利用者数.pdf", PDF, "政策課")
    _attach(db_path, FARM_KEY, "区画台帳.png", png(), "政策課")
    files = _handout(db_path, tmp_path / "配布", "産業振興課", "子育て支援課")
    mine = evidence_rows(files["産業振興課"])
    assert list(mine.values()) == [png()]  # only its own item's evidence travels in its file
    edit(files["産業振興課"], {FARM: "365区画"})
    assert _collect(db_path, files["産業振興課"]).outcomes[0].code == "merged"
    assert {a.name for a in annotations_of(db_path)[S].attachments} == {"利用者数.pdf", "区画台帳.png"}


def test_an_attachment_removed_in_the_department_file_is_removed_from_the_master(db_path: Path, tmp_path: Path) -> None:
    _attach(db_path, FARM_KEY, "区画台帳.pdf", PDF, "政策課")
    f = _handout(db_path, tmp_path / "配布")["産業振興課"]
    (att,) = annotations_of(f)[S].attachments_on(FARM_KEY)
    db = open_database(f, create=False)
    notes.detach(db, att, "田中")
    db.dispose()
    assert _collect(db_path, f).outcomes[0].code == "merged"
    assert annotations_of(db_path)[S].attachments_on(FARM_KEY) == []
    assert evidence_rows(db_path)  # the content stays (the audit log names it)


def test_an_older_department_file_without_the_notes_tables_collects_with_nothing_lost(
        db_path: Path, tmp_path: Path) -> None:
    """A .kdesk written by the version before notes (schema 8) is upgraded on a private copy and
    merged: its values arrive, and the master's notes stay."""
    f = _handout(db_path, tmp_path / "配布")["産業振興課"]
    edit(f, {FARM: "365区画", PROGRESS_TEXT: "・区画を拡充した"})
    edit(db_path, {TEXT_NOTE: "政策課のメモ"})
    old = tmp_path / "旧版" / f.name
    old.parent.mkdir()
    shutil.copyfile(f, old)
    con = sqlite3.connect(old)
    for table in ("attachments", "evidence_files", "questions", "field_notes"):
        con.execute(f"DROP TABLE {table}")
    con.execute("UPDATE alembic_version SET version_num = '0008'")
    con.execute("PRAGMA user_version = 8")
    con.commit()
    con.close()
    outcome = _collect(db_path, old).outcomes[0]
    assert outcome.code == "merged", outcome.message
    assert field_value(db_path, FARM) == "365区画" and field_value(db_path, PROGRESS_TEXT) == "・区画を拡充した"
    assert annotation_fields(db_path) == {TEXT_NOTE.key: "政策課のメモ"}


def test_a_note_typed_in_the_workbook_beside_its_value_arrives_with_it(db_path: Path, tmp_path: Path) -> None:
    """The workbook round carries notes in a column beside each value (evidence stays with .kdesk)."""
    import openpyxl
    from workbook_helpers import clerk_edit, find_cell
    from workbook_helpers import hand_out as hand_out_books

    edit(db_path, {TEXT_NOTE: "政策課: 前年の記載を参照"})
    book = hand_out_books(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"]
    ws = openpyxl.load_workbook(book)["実施状況"]
    shown = ws[find_cell(ws, "農にふれあえる場の提供", "令和2年度 実施等状況のメモ")]
    assert shown.value == "政策課: 前年の記載を参照" and not shown.protection.locked  # the master's note, typed over
    clerk_edit(book, {("成果指標", "市内体験農園の区画数", "令和2年度 実績"): 365,
                      ("成果指標", "市内体験農園の区画数", "令和2年度 実績のメモ"): "5区画を増設",
                      ("実施状況", "農にふれあえる場の提供", "令和2年度 実施等状況のメモ"): None})
    outcome = _collect(db_path, book).outcomes[0]
    assert outcome.code == "merged", outcome.message
    assert field_value(db_path, FARM) == "365区画"
    notes_now = annotations_of(db_path)[S]
    assert notes_now.note(FARM_KEY).text == "5区画を増設"  # type: ignore[union-attr]
    assert notes_now.note(key_of(PROGRESS_TEXT)) is None  # cleared in the workbook: removed in the master


def test_the_workspaces_operations_bring_the_plans_notes_up_to_date(master: Path | str, tmp_path: Path) -> None:
    """A save, a question, an attachment and its removal come back with the plans as the database now
    holds them (the window takes these in without reading everything again)."""
    from kodaira_desk.services.plans import load_plan

    ws = Workspace.open(master, create=False, actor="政策課 山田")
    try:
        ws.load_plans()
        ws.session.put(FARM_NOTE, "出典: 農政課の台帳")
        applied = ws.save_session()
        assert applied.changes.keys == {FARM_NOTE.key}
        evidence = tmp_path / "台帳.pdf"
        evidence.write_bytes(PDF)

        def up_to_date(step: object) -> None:
            ws.session.take_in(step.trees)  # type: ignore[attr-defined]
            assert step.trees[S].annotations == load_plan(ws.db, S).annotations  # type: ignore[attr-defined]

        up_to_date(applied)
        up_to_date(ws.ask_question(FARM_KEY, "確定はいつですか？"))
        up_to_date(ws.attach(FARM_KEY, evidence))
        (att,) = ws.session.trees[S].annotations.attachments_on(FARM_KEY)
        (question,) = ws.session.trees[S].annotations.questions_on(FARM_KEY)
        up_to_date(ws.close_question(question))
        up_to_date(ws.detach(att))
    finally:
        ws.close()
