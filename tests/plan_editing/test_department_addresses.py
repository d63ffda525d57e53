"""A 課's mail addresses (issue 24: where the round's reminders go), kept in the 課 list: typed in
the plan editor, carried by the plan workbook's 課 sheet, checked as addresses on both paths."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kodaira_desk.domain.departments import Department
from kodaira_desk.services.plan_editing import PlanEditError, list_departments, save_department
from kodaira_desk.services.plan_editing.workbook import (
    apply_plan_import,
    export_plan_workbook,
    preview_plan_import,
)
from kodaira_desk.store.database import Database

PLAN = "strategy-2015"


def _address(db: Database, name: str) -> str | None:
    return next(d.email for d in list_departments(db) if d.name == name)


def test_addresses_are_checked_and_kept_in_one_form(db: Database) -> None:
    save_department(db, Department("産業振興課", email="sangyo@city.kodaira.lg.jp； nogyo@city.kodaira.lg.jp"))
    assert _address(db, "産業振興課") == "sangyo@city.kodaira.lg.jp, nogyo@city.kodaira.lg.jp"
    with pytest.raises(PlanEditError) as refused:
        save_department(db, Department("産業振興課", email="産業振興課あて"))
    assert "メールアドレスとして読めません: 産業振興課あて" in refused.value.message
    assert _address(db, "産業振興課") == "sangyo@city.kodaira.lg.jp, nogyo@city.kodaira.lg.jp"


def test_the_workbooks_department_sheet_carries_the_addresses(db: Database, tmp_path: Path) -> None:
    save_department(db, Department("産業振興課", email="sangyo@city.kodaira.lg.jp"))
    out = export_plan_workbook(db, PLAN, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(out)
    sheet = wb["課"]
    assert [c.value for c in sheet[1]] == ["課名", "よみ", "コード", "メールアドレス"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "産業振興課")
    assert row[3].value == "sangyo@city.kodaira.lg.jp"
    row[3].value = "sangyo2@city.kodaira.lg.jp"
    wb.save(out)
    preview = preview_plan_import(db, out, PLAN)
    assert [c.describe() for c in preview.changes if "産業振興課" in c.describe()]
    apply_plan_import(db, preview)
    assert _address(db, "産業振興課") == "sangyo2@city.kodaira.lg.jp"


def test_a_workbook_without_the_addresses_column_keeps_them(db: Database, tmp_path: Path) -> None:
    save_department(db, Department("産業振興課", email="sangyo@city.kodaira.lg.jp"))
    out = export_plan_workbook(db, PLAN, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(out)
    wb["課"].delete_cols(4)  # as an earlier version wrote it
    wb.save(out)
    preview = preview_plan_import(db, out, PLAN)
    assert preview.changes == ()
    apply_plan_import(db, preview)
    assert _address(db, "産業振興課") == "sangyo@city.kodaira.lg.jp"


def test_a_wrong_address_in_the_workbook_is_named_by_its_cell(db: Database, tmp_path: Path) -> None:
    from kodaira_desk.io.plan_workbook import PlanWorkbookError

    out = export_plan_workbook(db, PLAN, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(out)
    sheet = wb["課"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "産業振興課")
    row[3].value = "さんぎょう"
    wb.save(out)
    with pytest.raises(PlanWorkbookError) as refused:
        preview_plan_import(db, out, PLAN)
    assert f"{row[3].row}行目 D列" in str(refused.value) and "メールアドレスとして読めません" in str(refused.value)


def test_the_address_is_typed_in_the_plan_editor(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_plan_editor()
    panel = dialog.departments
    panel.reload()
    row = next(i for i, d in enumerate(panel.model.rows) if d.name == "産業振興課")
    panel.view.selectRow(row)
    assert panel.name.text() == "産業振興課"
    panel.email.clear()
    type_text(qtbot, panel.email, "sangyo@city.kodaira.lg.jp")
    qtbot.mouseClick(panel.findChild(QPushButton, "departmentSave"), Qt.MouseButton.LeftButton)
    assert _address(window.db, "産業振興課") == "sangyo@city.kodaira.lg.jp"
    dialog.close()
