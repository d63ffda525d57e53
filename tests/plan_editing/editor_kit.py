"""The plan editor opened as a person opens it (計画 > 計画の編集), for the tests of tests/plan_editing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog


def open_editor(qtbot, window, *, size: tuple[int, int] | None = None) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    window.act_plan_editor.trigger()
    # the one opened now (one closed before in the test may not be deleted yet: its buttons are no one's)
    editor = next((e for e in window.findChildren(PlanEditorDialog) if e.isVisible()), None)
    assert editor is not None
    qtbot.waitExposed(editor)
    if size is not None:
        editor.resize(*size)
    return editor


def answer_when_asked(qtbot, seen: list[str], key: Qt.Key = Qt.Key.Key_N,  # type: ignore[no-untyped-def]
                      mods: Qt.KeyboardModifier = Qt.KeyboardModifier.AltModifier) -> None:
    """The next real question box, once shown and active (a key before that is lost), is answered by
    `key` (いいえ(N) by default) as a person does; its text goes to `seen`."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        qtbot.keyClick(box, key, mods)
    QTimer.singleShot(20, press)


def rename_first_item(qtbot, editor: PlanEditorDialog, typed: str = " A") -> tuple[str, str, QLineEdit]:  # type: ignore[no-untyped-def]
    """The first item chosen, `typed` added to its name and 項目を保存 clicked (one step to undo):
    its key, its name before, and the name box."""
    assert editor.tree is not None
    key = editor.tree.nodes[0].key
    original = editor.tree.node(key).title
    editor.select(key)
    box = editor.findChild(QLineEdit, "nodeTitle")
    apply_node = editor.findChild(QPushButton, "nodeApply")
    assert box is not None and apply_node is not None
    box.setFocus()
    qtbot.keyClicks(box, typed)
    qtbot.mouseClick(apply_node, Qt.MouseButton.LeftButton)  # a write: the rename
    return key, original, box


def save_new_indicator(qtbot, editor: PlanEditorDialog, type_text, name: str, unit: str,  # type: ignore[no-untyped-def]
                       lead: str) -> None:
    """（新しい指標） chosen under the item shown, its name, unit and 所管課 typed, 指標を保存 clicked."""
    combo = editor.indicator_combo
    combo.setCurrentIndex(combo.count() - 1)  # （新しい指標）, nothing typed yet
    qtbot.wait(10)
    form = editor.indicator_form
    for box, text in (("indicatorName", name), ("indicatorUnit", unit)):
        edit = form.findChild(QLineEdit, box)
        assert edit is not None
        edit.clear()
        type_text(qtbot, edit, text)
    type_text(qtbot, form.lead.lineEdit(), lead)
    save = editor.findChild(QPushButton, "indicator_save")
    assert save is not None
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
