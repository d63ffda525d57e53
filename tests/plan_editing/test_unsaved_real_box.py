"""Typing left in the item form, then a move the editor asks about, answered 「いいえ」 in the real
question box by its key as a person does (not a replaced `editor.ask`): the box's own event loop must
not run anything that drops the typing before the answer (it did in the indicator combo: tester
2026-12-07). The item list by key and by mouse, the plan list, 元に戻す and closing (Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from plan_editing.editor_kit import answer_when_asked, open_editor


def _typed_in_first_item(qtbot, window) -> tuple[PlanEditorDialog, str, QLineEdit]:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window, size=(1366, 768))
    assert editor.tree is not None and len(editor.tree.nodes) >= 2
    key = editor.tree.nodes[0].key
    editor.select(key)
    box = editor.findChild(QLineEdit, "nodeTitle")
    assert box is not None
    box.setFocus()
    qtbot.keyClicks(box, " typed")
    return editor, key, box


def _kept(editor: PlanEditorDialog, key: str, box: QLineEdit, seen: list[str]) -> None:
    assert seen and "項目「" in seen[-1]
    assert editor.isVisible() and editor.current_key() == key
    assert editor.tree is not None and box.text() == editor.tree.node(key).title + " typed"


def _close(editor: PlanEditorDialog) -> None:
    editor.ask = lambda *_a: True  # type: ignore[method-assign]
    editor.close()


def test_no_keeps_the_typing_when_another_item_is_chosen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor, key, box = _typed_in_first_item(qtbot, window)
    seen: list[str] = []
    answer_when_asked(qtbot, seen)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(50)  # (the way back is a turn later)
    _kept(editor, key, box, seen)

    answer_when_asked(qtbot, seen)  # by mouse: another item's row clicked
    second = editor.view.visualRect(editor.model.index_of(editor.tree.nodes[1].key))  # type: ignore[union-attr]
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=second.center())
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    qtbot.wait(50)
    _kept(editor, key, box, seen)
    _close(editor)


def test_no_keeps_the_typing_when_another_plan_is_chosen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor, key, box = _typed_in_first_item(qtbot, window)
    plan = editor.plan_id()
    seen: list[str] = []
    answer_when_asked(qtbot, seen)
    editor.plan_combo.setFocus()
    qtbot.keyClick(editor.plan_combo, Qt.Key.Key_Down if editor.plan_combo.currentIndex() == 0 else Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.wait(50)
    assert editor.plan_id() == plan
    _kept(editor, key, box, seen)
    _close(editor)


def test_no_keeps_the_typing_on_undo_and_on_closing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor, key, box = _typed_in_first_item(qtbot, window)
    title = box.text()
    apply_node = editor.findChild(QPushButton, "nodeApply")
    assert apply_node is not None
    qtbot.mouseClick(apply_node, Qt.MouseButton.LeftButton)  # saved: one step to undo
    pid = editor.plan_id()
    assert load_plan(window.db, pid).node(key).title == title
    box.setFocus()
    qtbot.keyClicks(box, " typed")
    seen: list[str] = []
    answer_when_asked(qtbot, seen)
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert load_plan(window.db, pid).node(key).title == title  # nothing undone
    assert box.text() == title + " typed" and editor.undo_stack.index() == 1

    answer_when_asked(qtbot, seen)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # closing
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    qtbot.wait(50)
    assert editor.isVisible() and box.text() == title + " typed"
    _close(editor)
