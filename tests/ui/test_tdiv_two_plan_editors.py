"""Two people of the policy division at once (tester tdiv at Xvfb, 2026-12-08): both have 計画の編集 open on
the next program's 施策4, its first indicator 週1回以上フレイル予防に取り組むグループ数 shown. The first types
its 令和8年度 目標 20 and presses 指標を保存. The second, whose form still shows the target blank, types
調査・出典 and presses 指標を保存: the first one's saved target is deleted without a word (the form's
blank target was written over it), and the 達成状況 of that indicator goes back to 判定不能: lost edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from next_program import master_with_next_program
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from roundkit import close_window, open_window
from test_clerk import type_text

from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from kodaira_desk.ui.window.main_window import MainWindow

P = "program-2025"


def _editor_on_p4(qtbot, w: MainWindow) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    w.show_plan_editor()
    qtbot.waitUntil(lambda: w.findChild(PlanEditorDialog) is not None, timeout=30000)
    editor = w.findChild(PlanEditorDialog)
    qtbot.waitExposed(editor)
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData(P))
    index = editor.model.index_of("p4")
    editor.view.scrollTo(index)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=editor.view.visualRect(index).center())
    assert editor.current_key() == "p4"
    return editor


def _type(qtbot, editor: PlanEditorDialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    box = editor.findChild(QLineEdit, name)
    assert box is not None, name
    box.setFocus()
    box.selectAll()
    type_text(qtbot, box, text)


def _save(qtbot, editor: PlanEditorDialog) -> None:  # type: ignore[no-untyped-def]
    button = editor.findChild(QPushButton, "indicator_save")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)


def _target(master: Path) -> str | None:
    with sqlite3.connect(master) as c:
        row = c.execute("SELECT v.text FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
                        "WHERE i.plan_id = ? AND i.key = 'p4.k1' AND v.kind = 'target' AND v.fiscal_year = 2026",
                        (P,)).fetchone()
    return None if row is None else str(row[0])


def test_a_second_plan_editor_does_not_blank_the_target_the_first_saved(  # type: ignore[no-untyped-def]
        qtbot, built_db_template: Path, tmp_path: Path) -> None:
    master = master_with_next_program(built_db_template, tmp_path)
    first, second = open_window(master, "政策課 山田"), open_window(master, "政策課 鈴木")
    try:
        qtbot.waitExposed(second)
        later = _editor_on_p4(qtbot, second)  # open first, shows p4.k1 with no target
        qtbot.waitExposed(first)
        sooner = _editor_on_p4(qtbot, first)
        _type(qtbot, sooner, "target_2026", "20")
        _save(qtbot, sooner)
        qtbot.waitUntil(lambda: _target(master) is not None, timeout=10000)
        assert _target(master) == "20グループ"

        later.activateWindow()
        _type(qtbot, later, "indicatorSource", "高齢者支援課調べ")
        _save(qtbot, later)
        qtbot.wait(1000)
        sooner.close()
        later.close()
    finally:
        close_window(first)
        close_window(second)
    with sqlite3.connect(master) as c:  # the second save did happen
        assert c.execute("SELECT source FROM indicators WHERE plan_id = ? AND key = 'p4.k1'", (P,)).fetchone() == (
            "高齢者支援課調べ",)
    assert _target(master) == "20グループ"
