"""An action that fails says the typed content is still there only when it is: when the action had
first asked about unsaved edits and the person chose 破棄, that sentence would be untrue (review item 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from test_clerk import click_node, type_text

from kodaira_desk.ui.window.main_window import Answer, MainWindow


def _failure_said(qtbot, w: MainWindow) -> str:  # type: ignore[no-untyped-def]
    """計画の編集 chosen from the menu; the text of the message saying it failed."""
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "actionFailed":
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(50, read_and_close)

    QTimer.singleShot(50, read_and_close)
    w.act_plan_editor.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    return seen[0]


@pytest.fixture
def broken_plan_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk.ui.plan_editor import editor

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("a defect in the dialog")

    monkeypatch.setattr(editor.PlanEditorDialog, "__init__", broken)


def test_after_discarding_it_does_not_say_the_input_is_still_there(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, broken_plan_editor: None) -> None:
    w = window
    click_node(qtbot, w, "strategy-2015", "g1.a1.m1")
    type_text(qtbot, w.page.measure.narrative, "・支援")
    assert w.editor.dirty
    asked: list[str] = []
    w.ask = lambda title, *_a: (asked.append(title), Answer.DISCARD)[1]  # type: ignore[method-assign]
    text = _failure_said(qtbot, w)
    assert asked == ["未保存の変更"] and not w.editor.dirty  # the person chose 破棄 before it failed
    assert text == "予期しない問題のため「計画の編集」を実行できませんでした。"


def test_with_nothing_discarded_it_says_the_input_is_still_there(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, broken_plan_editor: None) -> None:
    w = window
    assert not w.editor.dirty
    text = _failure_said(qtbot, w)
    assert text == "予期しない問題のため「計画の編集」を実行できませんでした。入力中の内容はそのまま残っています。"
