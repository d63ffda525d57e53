"""The plan editor keeps to the screen whichever plan it shows: a plan of many years (the targets'
rows) or a long line above the tabs (計画期間・階層・年次の報告) does not make it larger than the
screen, nor resize it (and repaint all of it) when another plan is chosen (issue 27)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kodaira_desk.ui import screen_fit
from plan_editing.editor_kit import open_editor


def test_choosing_another_plan_keeps_the_editor_within_the_screen_and_its_size(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window)
    room = screen_fit.room(editor)
    for plan_id in [editor.plan_combo.itemData(i) for i in range(editor.plan_combo.count())]:
        size = editor.size()
        editor.plan_combo.setFocus()
        while editor.plan_id() != plan_id:  # chosen as a person does: the arrow keys in the combo
            qtbot.keyClick(editor.plan_combo, Qt.Key.Key_Down if editor.plan_combo.currentIndex()
                           < editor.plan_combo.findData(plan_id) else Qt.Key.Key_Up)
        QApplication.processEvents()
        assert editor.tree is not None and editor.tree.plan.id == plan_id
        hint = editor.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), (plan_id, hint, room)
        assert editor.size() == size, plan_id
