"""計画の編集: a new indicator saved, then Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z pressed as a person does
everywhere else in the app (tester 2026-12-07, on a real X server): the keys do nothing in the editor,
only its buttons 元に戻す(U) / やり直す(R) undo and redo. The database is checked after each key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kodaira_desk.services.plans import load_plan
from plan_editing.editor_kit import open_editor, rename_first_item, save_new_indicator

NAME = "高齢者サロンの参加者数"


def _held(editor) -> bool:  # type: ignore[no-untyped-def]
    pid = editor.plan_id()
    return any(i.name == NAME for i in load_plan(editor.workspace.db, pid).indicators)


def _press(qtbot, editor, key, mods=Qt.KeyboardModifier.ControlModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget() or editor.view
    qtbot.keyClick(target, key, mods)
    qtbot.wait(300)  # (the undo's write runs on the worker)


def test_ctrl_z_and_ctrl_y_undo_and_redo_in_the_plan_editor(qtbot, window, type_text) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    tree = editor.tree
    assert tree is not None
    node = next(n for n in tree.nodes if len(tree.indicators_of(n.key)) >= 1)
    editor.select(node.key)
    save_new_indicator(qtbot, editor, type_text, NAME, "人", "高齢者支援課")
    qtbot.waitUntil(lambda: _held(editor), timeout=5000)
    editor.view.setFocus()
    _press(qtbot, editor, Qt.Key.Key_Z)
    assert not _held(editor), "Ctrl+Z undoes the new indicator (元に戻す)"
    _press(qtbot, editor, Qt.Key.Key_Y)
    assert _held(editor), "Ctrl+Y redoes it (やり直す)"
    _press(qtbot, editor, Qt.Key.Key_Z)
    _press(qtbot, editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _held(editor), "Ctrl+Shift+Z redoes it too"
    redone = [i for i in load_plan(editor.workspace.db, editor.plan_id()).indicators if i.name == NAME]
    assert len(redone) == 1 and redone[0].unit == "人" and redone[0].node_key == node.key  # the one saved
    assert [d.department for d in redone[0].departments] == ["高齢者支援課"]
    editor.close()


def test_ctrl_z_in_a_box_undoes_its_typing_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """In a text box with typing of its own, Ctrl+Z undoes that typing (as in any editor), not the
    plan's last step; with nothing left in the box, the next Ctrl+Z undoes the step."""
    editor = open_editor(qtbot, window, size=(1366, 768))
    key, original, box = rename_first_item(qtbot, editor)  # a step: the rename

    def title() -> str:
        return load_plan(editor.workspace.db, editor.plan_id()).node(key).title
    assert title() == original + " A"
    box.setFocus()
    qtbot.keyClicks(box, "B")
    _press(qtbot, editor, Qt.Key.Key_Z)
    assert box.text() == original + " A" and title() == original + " A", "the box's typing undone, not the step"
    assert editor.undo_stack.index() == 1
    _press(qtbot, editor, Qt.Key.Key_Z)  # nothing of the box's own left: the plan's step
    assert title() == original and box.text() == original
    _press(qtbot, editor, Qt.Key.Key_Y)
    assert title() == original + " A"
    editor.close()
