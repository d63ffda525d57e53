"""The plan editor's small edits are written on the window's one worker, never on the GUI thread,
and the editor is not closed while one is being written (issue 23)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services.plans import load_plan
from kodaira_desk.ui.plan_editor.editor import PlanEditorDialog
from kodaira_desk.ui.plan_editor.workbook import taking_edits
from plan_editing.editor_kit import open_editor


def _open(qtbot, window) -> PlanEditorDialog:  # type: ignore[no-untyped-def]
    editor = open_editor(qtbot, window)
    editor.plan_combo.setCurrentIndex(editor.plan_combo.findData("strategy-2015"))
    return editor


def _spy(monkeypatch, name: str, on_call: Callable[[], None] = lambda: None) -> list[bool]:  # type: ignore[no-untyped-def]
    """Whether each call of the service `name` ran on the GUI thread."""
    real = getattr(pe, name)
    on_gui: list[bool] = []

    def spied(*args: Any, **kwargs: Any) -> Any:
        app = QApplication.instance()
        on_gui.append(app is not None and QThread.currentThread() is app.thread())
        on_call()
        return real(*args, **kwargs)

    monkeypatch.setattr(pe, name, spied)
    return on_gui


def _rename(qtbot, editor: PlanEditorDialog, key: str, title: str) -> None:  # type: ignore[no-untyped-def]
    editor.select(key)
    box = editor.findChild(QLineEdit, "nodeTitle")
    assert box is not None
    box.setText(title)  # typed, not committed with Enter: 適用 takes it as it stands
    button = editor.findChild(QPushButton, "nodeApply")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_rename_its_undo_and_redo_are_written_on_the_worker(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    on_gui = _spy(monkeypatch, "rename_node")
    was = load_plan(editor.workspace.db, "strategy-2015").node("g1.a1").title
    _rename(qtbot, editor, "g1.a1", "名前を変えた施策")
    assert load_plan(editor.workspace.db, "strategy-2015").node("g1.a1").title == "名前を変えた施策"
    assert editor.undo_stack.count() == 1  # one step to undo
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert load_plan(editor.workspace.db, "strategy-2015").node("g1.a1").title == was
    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert load_plan(editor.workspace.db, "strategy-2015").node("g1.a1").title == "名前を変えた施策"
    assert on_gui == [False, False, False]  # the edit, its undo, its redo: none on the GUI thread
    assert taking_edits(editor)  # taking input again after each write
    editor.close()


def test_the_editor_is_not_closed_while_an_edit_is_written(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = _open(qtbot, window)
    release = threading.Event()
    seen: list[tuple[bool, bool]] = []

    def close_meanwhile() -> None:  # on the GUI thread, while the worker holds the write
        editor.reject()  # Esc, or the window's close button
        seen.append((editor.isVisible(), taking_edits(editor)))
        release.set()

    _spy(monkeypatch, "rename_node", lambda: release.wait(10))
    QTimer.singleShot(50, close_meanwhile)
    _rename(qtbot, editor, "g1.a1", "閉じる前の名前")
    assert seen == [(True, False)]  # still open, and taking no other edit meanwhile
    assert load_plan(editor.workspace.db, "strategy-2015").node("g1.a1").title == "閉じる前の名前"
    editor.reject()  # once written it closes
    assert not editor.isVisible()


def test_shortcuts_and_popups_of_the_editor_are_refused_while_an_edit_is_written(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Events to no widget (a QShortcut's, a QAction's) and to a popup (a combo's list: a window of its
    own) are the editor's too: refused while the worker writes, taken again after."""
    editor = _open(qtbot, window)
    fired: list[int] = []
    shortcut = QShortcut(QKeySequence("Ctrl+J"), editor, context=Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append(1))
    lead = editor.node_lead
    release = threading.Event()
    seen: list[tuple[int, int]] = []

    def press_meanwhile() -> None:  # on the GUI thread, while the worker holds the write
        before = lead.currentIndex()
        qtbot.keyClick(editor.node_title, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        lead.showPopup()
        popup = lead.view()
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        lead.hidePopup()
        seen.append((len(fired), lead.currentIndex() - before))
        release.set()

    _spy(monkeypatch, "rename_node", lambda: release.wait(10))
    QTimer.singleShot(50, press_meanwhile)
    _rename(qtbot, editor, "g1.a1", "押されない名前")
    assert seen == [(0, 0)]  # neither the shortcut nor the popup's choice went through
    qtbot.keyClick(editor.node_title, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert fired == [1]  # after the write, the shortcut works
    editor.close()
