"""The plan editor opened as a person opens it (計画 > 計画の編集), for the tests of tests/plan_editing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog


def open_editor(qtbot, window, *, size: tuple[int, int] | None = None) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    window.act_plan_editor.trigger()
    editor = window.findChild(PlanEditorDialog)
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
