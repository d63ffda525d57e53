"""The workbook round (issue 15): departments without the app return an Excel workbook, which goes
through the same checks, merge, conflicts, audit and board as a .kdesk."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from round_helpers import (
    FARM,
    HALL,
    PROGRESS_STATUS,
    PROGRESS_TEXT,
    R2,
    edit,
    export,
    field_value,
    value_cell,
)
from workbook_helpers import (
    INDICATORS,
    MEASURES,
    clerk_edit,
    find_cell,
    hand_out,
    like_excel_desktop,
    like_excel_online,
    saved,
    soffice,
    through_libreoffice,
)

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.conflicts import open_conflicts, resolve
from kodaira_desk.services.rounds.status import import_results, round_status

R2_ACTUAL = "令和2年度 実績"
R2_FORECAST = "令和2年度 実績（見込）"
R1_ACTUAL = "令和元年度 実績"
FARM_NAME = "市内体験農園の区画数"
HALL_NAME = "児童館の利用者数"
FARMERS = value_cell("g1.a1.k1")  # 新規就農者数 (人)
VOLUNTEERS = value_cell("g1.a1.k4")  # 援農ボランティア講座修了者数 (人)
MEMBERS_FORECAST = value_cell("g1.a3.k2", ValueKind.FORECAST)
MEASURE = "農にふれあえる場の提供"


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def _collect(db_path: Path, files: list[Path]):  # type: ignore[no-untyped-def]
    db = open_database(db_path, create=False)
    try:
        return collect(db, files, actor="政策課 山田")
    finally:
        db.dispose()


def test_one_department_returns_a_kdesk_and_another_a_workbook(db_path: Path, tmp_path: Path) -> None:
    kdesk = hand_out(db_path, tmp_path / "k", ["産業振興課"], "kdesk")["産業振興課"]
    book = hand_out(db_path, tmp_path / "x", ["子育て支援課"], "xlsx")["子育て支援課"]
    edit(kdesk, {FARM: "365区画"})
    clerk_edit(book, {(INDICATORS, HALL_NAME, R2_ACTUAL): 36000})
    report = _collect(db_path, [kdesk, book])  # one collection, both kinds
    assert [o.code for o in report.outcomes] == ["merged", "merged"]
    assert field_value(db_path, FARM) == "365区画"
    assert field_value(db_path, HALL) == "36,000人"
    db = open_database(db_path, create=False)
    states = {s.department: s.label for s in round_status(db, R2)}
    audit = [a for a in audit_entries(db, source="import") if a["field"] == "value:strategy-2015:g2.a3.k4:actual:2020:"]
    files = {str(r.id): r.file_name for r in import_results(db)}
    db.dispose()
    assert states == {"産業振興課": "取込済", "子育て支援課": "取込済"}
    assert [(a["old"], a["new"], a["actor"]) for a in audit] == [(None, "36,000人", "政策課 山田")]
    assert files[str(audit[0]["source_id"])] == "提出用_令和2年度_子育て支援課.xlsx"  # the audit names the workbook
    assert audit[0]["file"] == "提出用_令和2年度_子育て支援課.xlsx"


def test_a_conflict_from_a_workbook_is_resolved_like_any_other(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "x", ["子育て支援課"])["子育て支援課"]
    edit(db_path, {HALL: "37,000人"})  # the policy division typed a figure meanwhile
    clerk_edit(book, {(INDICATORS, HALL_NAME, R2_ACTUAL): 36000})
    report = _collect(db_path, [book])
    assert report.outcomes[0].code == "needs_review" and report.outcomes[0].conflicts == 1
    assert field_value(db_path, HALL) == "37,000人"
    db = open_database(db_path, create=False)
    conflicts = open_conflicts(db)
    assert [(c.base, c.master, c.department_value, c.file_name) for c in conflicts] == [
        (None, "37,000人", "36,000人", "提出用_令和2年度_子育て支援課.xlsx")]
    assert {s.department: s.label for s in round_status(db, R2)}["子育て支援課"] == "要確認"
    resolve(db, conflicts[0].id, "take", actor="政策課 山田")
    assert open_conflicts(db) == []
    assert {s.department: s.label for s in round_status(db, R2)}["子育て支援課"] == "取込済"
    db.dispose()
    assert field_value(db_path, HALL) == "36,000人"


CLERK_EDITS = {
    (INDICATORS, FARM_NAME, R2_ACTUAL): 365,  # a number
    (INDICATORS, "新規就農者数", R2_ACTUAL): "５人",  # full-width digits with the unit, as text
    (INDICATORS, "援農ボランティア講座修了者数", R2_ACTUAL): "-",  # no survey this year
    (INDICATORS, "「（仮称）小平観光まちづくり連絡会」会員数", R2_FORECAST): "（※4）",
    (MEASURES, MEASURE, "令和2年度 進捗状況"): "実施中",
    (MEASURES, MEASURE, "令和2年度 実施等状況"): "・体験農園の区画を拡充しました。",
    # typed into locked cells: another year's figure, an official target, a heading
    (INDICATORS, FARM_NAME, R1_ACTUAL): "999区画",
    (INDICATORS, FARM_NAME, "目標値"): "400区画",
    (INDICATORS, FARM_NAME, "単位"): "坪",
}
EXPECTED = {FARM: "365区画", FARMERS: "5人", VOLUNTEERS: "-", MEMBERS_FORECAST: "（※4）",
            PROGRESS_STATUS: "実施中", PROGRESS_TEXT: "・体験農園の区画を拡充しました。"}


def _expected_master(db_path: Path, tmp_path: Path) -> str:
    """The master as if the same values had been typed in the window."""
    reference = tmp_path / "reference.sqlite"
    shutil.copyfile(db_path, reference)
    edit(reference, EXPECTED)  # type: ignore[arg-type]
    return export(reference)


def _check_clerk_round(db_path: Path, tmp_path: Path, book: Path) -> None:
    expected = _expected_master(db_path, tmp_path)
    report = _collect(db_path, [book])
    o = report.outcomes[0]
    assert o.code == "needs_review", o.message
    assert (o.applied, o.held) == (6, 2)
    assert "成果指標!" in o.message and "保護されたセル" in o.message  # the heading typed over is reported
    assert json.loads(export(db_path)) == json.loads(expected)
    db = open_database(db_path, create=False)
    held = sorted((c.key, c.kind, c.department_value) for c in open_conflicts(db))
    db.dispose()
    assert held == [("value:strategy-2015:g1.a1.k3:actual:2019:", "other_year", "999区画"),
                    ("value:strategy-2015:g1.a1.k3:target:2020:revised", "out_of_scope", "400区画")]


def test_a_workbook_edited_as_a_clerk_would_gives_exactly_the_expected_master(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    clerk_edit(book, CLERK_EDITS)
    _check_clerk_round(db_path, tmp_path, book)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: installer/system-deps.sh installs it")
def test_a_workbook_saved_by_libreoffice_collects_the_same(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    clerk_edit(book, CLERK_EDITS)
    saved = through_libreoffice(book, tmp_path / "lo")
    assert b"LibreOffice" in _part(saved, "docProps/app.xml")  # really written by LibreOffice
    _check_clerk_round(db_path, tmp_path, saved)


@pytest.mark.parametrize("habits", ["desktop", "online", "online after desktop"])
def test_a_workbook_with_another_writers_xml_habits_collects_the_same(db_path: Path, tmp_path: Path,
                                                                       habits: str) -> None:
    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    clerk_edit(book, CLERK_EDITS)
    (tmp_path / "w").mkdir()
    desktop = like_excel_desktop(book, tmp_path / "desktop.xlsx")
    sheet = _part(desktop, "xl/worksheets/sheet2.xml")
    assert b't="s"' in sheet and b"inlineStr" not in sheet  # Excel's shared strings
    if habits == "desktop":
        rewritten = desktop
    else:
        rewritten = like_excel_online(desktop if habits == "online after desktop" else book, tmp_path / "w" / book.name)
        sheet = _part(rewritten, "xl/worksheets/sheet2.xml")
        assert "xl/sharedStrings.xml" not in zipfile.ZipFile(rewritten).namelist()
        assert b'<x:c r="C3"' in sheet and b't="inlineStr"' in sheet and b"<x:dimension" not in sheet
    _check_clerk_round(db_path, tmp_path, rewritten)


def test_an_untouched_workbook_is_unfilled(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    before = export(db_path)
    report = _collect(db_path, [book])
    assert report.outcomes[0].code == "unfilled"
    assert export(db_path) == before
    # opened and saved in Excel without typing anything: still nothing to take, and said so
    saved_again = saved(book, tmp_path / book.name, at=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    (again,) = _collect(db_path, [saved_again]).outcomes
    assert again.code == "unfilled" and "配布したときのまま、何も入力されていません" in again.message
    assert "保存されていません" not in again.message and export(db_path) == before


def test_a_second_workbook_merges_against_the_first(db_path: Path, tmp_path: Path) -> None:
    book = hand_out(db_path, tmp_path / "x", ["産業振興課"])["産業振興課"]
    first = clerk_edit(book, {(INDICATORS, FARM_NAME, R2_ACTUAL): 365}, out=tmp_path / "first.xlsx")
    assert _collect(db_path, [first]).outcomes[0].code == "merged"
    second = clerk_edit(first, {(MEASURES, MEASURE, "令和2年度 進捗状況"): "実施済"}, out=tmp_path / "second.xlsx")
    again = _collect(db_path, [second, second])
    assert [o.code for o in again.outcomes] == ["merged", "already_collected"]
    assert again.outcomes[0].applied == 1
    assert field_value(db_path, FARM) == "365区画" and field_value(db_path, PROGRESS_STATUS) == "実施済"


def test_handout_both_writes_two_files_of_one_handout(db_path: Path, tmp_path: Path) -> None:
    hand_out(db_path, tmp_path / "b", ["産業振興課"], "both")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "提出用_令和2年度_産業振興課.kdesk", "提出用_令和2年度_産業振興課.xlsx"]
    wb = openpyxl.load_workbook(tmp_path / "b" / "提出用_令和2年度_産業振興課.xlsx")
    assert wb["kd_identity"].sheet_state == "veryHidden"
    ws = wb[INDICATORS]
    assert ws.protection.sheet
    entry = ws[find_cell(ws, FARM_NAME, R2_ACTUAL)]
    context = ws[find_cell(ws, FARM_NAME, R1_ACTUAL)]
    assert not entry.protection.locked and context.protection.locked and context.value == "325区画"
    unit = ws.cell(row=entry.row, column=entry.column + 1).value
    assert unit == "区画"
    assert any(entry.coordinate in str(dv.sqref) for dv in ws.data_validations.dataValidation)
    db = open_database(db_path, create=False)
    states = round_status(db, R2)
    db.dispose()
    assert [(s.department, s.label) for s in states] == [("産業振興課", "未返却")]
    # another department's indicator is shown for context only: locked
    other = hand_out(db_path, tmp_path / "c", ["子育て支援課"])["子育て支援課"]
    ws2 = openpyxl.load_workbook(other)[INDICATORS]
    with pytest.raises(KeyError):
        find_cell(ws2, FARM_NAME, R2_ACTUAL)


def test_a_kdesk_of_a_both_handout_returned_after_its_workbook_loses_neither(db_path: Path,
                                                                             tmp_path: Path) -> None:
    """One hand-out, two files: one clerk fills the workbook, a colleague the app file, both are
    returned. The workbook's 365 stays, the .kdesk's other edits are added, and where the two typed
    different values into the same cell the policy division is asked (a conflict), not overwritten."""
    hand_out(db_path, tmp_path / "b", ["産業振興課"], "both")
    book = tmp_path / "b" / "提出用_令和2年度_産業振興課.xlsx"
    kdesk = tmp_path / "b" / "提出用_令和2年度_産業振興課.kdesk"
    clerk_edit(book, {(INDICATORS, FARM_NAME, R2_ACTUAL): 365, (MEASURES, MEASURE, "令和2年度 進捗状況"): "実施済"})
    first = _collect(db_path, [book])
    assert [o.code for o in first.outcomes] == ["merged"]
    assert field_value(db_path, FARM) == "365区画"
    edit(kdesk, {FARM: "370区画", FARMERS: "4人", PROGRESS_TEXT: "体験農園を1か所増設した。"})
    second = _collect(db_path, [kdesk])
    assert (second.outcomes[0].code, second.outcomes[0].applied, second.outcomes[0].conflicts) == (
        "needs_review", 2, 1), second.outcomes[0]
    # the colleague's edits the workbook did not touch are in
    assert field_value(db_path, FARMERS) == "4人"
    assert field_value(db_path, PROGRESS_TEXT) == "体験農園を1か所増設した。"
    assert field_value(db_path, PROGRESS_STATUS) == "実施済"
    # the one cell both typed: the master keeps the workbook's value until someone decides
    assert field_value(db_path, FARM) == "365区画"
    db = open_database(db_path, create=False)
    try:
        conflicts = open_conflicts(db)
    finally:
        db.dispose()
    assert [(c.master, c.department_value) for c in conflicts] == [("365区画", "370区画")]


def test_a_workbook_of_a_both_handout_returned_after_its_kdesk_reverts_nothing(db_path: Path,
                                                                               tmp_path: Path) -> None:
    """The other order: the .kdesk first, then the workbook filled from the same hand-out. What the
    workbook leaves as handed out is not a change (the .kdesk's values stay), what it adds is added."""
    hand_out(db_path, tmp_path / "b", ["産業振興課"], "both")
    book = tmp_path / "b" / "提出用_令和2年度_産業振興課.xlsx"
    kdesk = tmp_path / "b" / "提出用_令和2年度_産業振興課.kdesk"
    edit(kdesk, {FARMERS: "4人", PROGRESS_TEXT: "体験農園を1か所増設した。"})
    assert _collect(db_path, [kdesk]).outcomes[0].code == "merged"
    clerk_edit(book, {(INDICATORS, FARM_NAME, R2_ACTUAL): 365})
    late = _collect(db_path, [book]).outcomes[0]
    assert (late.code, late.applied, late.conflicts) == ("merged", 1, 0), late
    assert field_value(db_path, FARM) == "365区画"
    assert field_value(db_path, FARMERS) == "4人"
    assert field_value(db_path, PROGRESS_TEXT) == "体験農園を1か所増設した。"
    # each file keeps its own order: the .kdesk saved again is its second version, not stale
    edit(kdesk, {FARMERS: "5人"})
    again = _collect(db_path, [kdesk]).outcomes[0]
    assert (again.code, again.applied) == ("merged", 1), again
    assert field_value(db_path, FARMERS) == "5人" and field_value(db_path, FARM) == "365区画"
