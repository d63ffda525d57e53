"""次期計画を作成 names the new plan as `plan copy` does (tester): the old title with the new period,
「…（令和7年度～令和11年度）」, never the old title itself (two plans of one name everywhere); the
title follows the period chosen until the person types one; a copy of a copy replaces the period."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton

from kodaira_desk.cli import main
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_plan
from plan_editing.editor_kit import open_editor

TITLE = "小平市まち・ひと・しごと創生総合戦略"


def test_the_next_plan_is_named_with_its_period(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    db = editor.workspace.db
    combo = editor.findChild(QComboBox, "planCombo")
    combo.setCurrentIndex(combo.findText(TITLE))
    old = load_plan(db, "strategy-2015").plan
    qtbot.mouseClick(editor.findChild(QPushButton, "nextPeriodButton"), Qt.MouseButton.LeftButton)
    dialog = editor.findChild(QDialog, "newPlanDialog")
    assert dialog is not None
    title = dialog.findChild(QLineEdit, "newPlanTitle")
    first, last = old.period_to.next(), old.period_to.next().year + 4
    from kodaira_desk.domain.fiscal_year import FiscalYear

    assert title.text() == f"{TITLE}（{first.era_label()}～{FiscalYear(last).era_label()}）"
    end = dialog.findChild(QComboBox, "newPlanLast")
    end.setCurrentIndex(end.findText(FiscalYear(last + 1).era_label()))  # a longer period chosen
    assert title.text() == f"{TITLE}（{first.era_label()}～{FiscalYear(last + 1).era_label()}）"
    ident = dialog.findChild(QLineEdit, "newPlanId")
    ident.clear()
    qtbot.keyClicks(ident, "strategy-next")
    qtbot.mouseClick(dialog.findChild(QPushButton, "newPlanCreate"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.plan_id() == "strategy-next", timeout=30000)
    assert load_plan(db, "strategy-next").plan.title == title.text() != TITLE
    editor.close()


def test_a_copy_of_a_copy_replaces_the_period(db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                 "--period", "R7-R10"]) == 0
    assert main(["--db", str(db_path), "plan", "copy", "--plan", "program-2025", "--to", "program-2029",
                 "--period", "R11-R14"]) == 0
    capsys.readouterr()
    db = open_database(db_path, create=False)
    try:
        assert load_plan(db, "program-2025").plan.title == "中期的な施策の取組方針・実行プログラム（令和7年度～令和10年度）"
        assert load_plan(db, "program-2029").plan.title == "中期的な施策の取組方針・実行プログラム（令和11年度～令和14年度）"
    finally:
        db.dispose()
