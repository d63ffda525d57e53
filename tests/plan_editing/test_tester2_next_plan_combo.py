"""tester2 at 1366×768 (Xvfb): after 次期計画を作成 the editor shows the new plan, but its 計画 box kept
the old plan's width and read 「中期的な施策の取組方針・実行プログラム」, the old plan's name, its
「（令和7年度～令和11年度）」 cut off: the targets typed next look as if typed into the old program.
Reopened, the box is wide enough. The box must show the whole name of the plan being edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton, QStyle, QStyleOptionComboBox

from plan_editing.editor_kit import open_editor

OLD = "中期的な施策の取組方針・実行プログラム"


def _shown_whole(combo: QComboBox) -> bool:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return combo.fontMetrics().horizontalAdvance(combo.currentText()) <= field.width()


def test_the_plan_box_shows_the_new_plan_s_whole_name_after_it_is_made(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1268, 700))  # the editor as it opens at 1366×768
    combo = editor.findChild(QComboBox, "planCombo")
    combo.setCurrentIndex(combo.findText(OLD))
    qtbot.waitUntil(lambda: _shown_whole(combo), timeout=10000)  # the old name fits
    qtbot.mouseClick(editor.findChild(QPushButton, "nextPeriodButton"), Qt.MouseButton.LeftButton)
    dialog = editor.findChild(QDialog, "newPlanDialog")
    ident = dialog.findChild(QLineEdit, "newPlanId")
    ident.clear()
    qtbot.keyClicks(ident, "program-2025")
    qtbot.mouseClick(dialog.findChild(QPushButton, "newPlanCreate"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.plan_id() == "program-2025", timeout=30000)
    qtbot.wait(200)  # the layout settles
    assert combo.currentText() == f"{OLD}（令和7年度～令和11年度）"
    assert _shown_whole(combo), (combo.width(), combo.fontMetrics().horizontalAdvance(combo.currentText()))
    editor.close()
